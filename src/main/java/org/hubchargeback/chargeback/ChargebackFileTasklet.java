package org.hubchargeback.chargeback;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import org.hubchargeback.csv.CsvDialect;
import org.hubchargeback.run.RunPaths;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Writes the chargeback files of a group of subscriptions: each is the header, then the rows each usage day wrote for
 * its subscription, day after day and hub after hub (the fragments' names sort that way). The rows are already
 * formatted and in order, so they are copied as bytes; a priced file may end with its rounding row. Re-runnable: a
 * restart writes the files again from the start.
 */
public class ChargebackFileTasklet implements Tasklet {

	private final List<String> subscriptions;

	private final RunPaths paths;

	private final boolean byteOrderMark;

	private final boolean priced;

	private final Function<String, Optional<String>> roundingRow;

	/**
	 * @param paths the run's files: each subscription's day fragments and its chargeback file
	 * @param byteOrderMark whether the files start with a UTF-8 byte-order mark
	 * @param priced whether the rows have the price columns
	 * @param roundingRow a subscription's rounding-adjustment row, when its file needs one
	 */
	public ChargebackFileTasklet(List<String> subscriptions, RunPaths paths, boolean byteOrderMark, boolean priced, Function<String, Optional<String>> roundingRow) {
		this.subscriptions = List.copyOf(subscriptions);
		this.paths = paths;
		this.byteOrderMark = byteOrderMark;
		this.priced = priced;
		this.roundingRow = roundingRow;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
		byte[] header = ((this.byteOrderMark ? CsvDialect.BYTE_ORDER_MARK : "")
				+ CsvDialect.line(ChargebackCsv.header(this.priced).toArray()) + CsvDialect.LINE_SEPARATOR)
			.getBytes(StandardCharsets.UTF_8);
		for (String subscription : this.subscriptions) {
			List<Path> days;
			try (Stream<Path> files = Files.list(this.paths.fragmentDir(subscription))) {
				days = files.sorted().toList();
			}
			try (OutputStream out = Files.newOutputStream(this.paths.chargebackFile(subscription))) {
				out.write(header);
				for (Path day : days) {
					try (InputStream in = Files.newInputStream(day)) {
						in.transferTo(out);
					}
				}
				Optional<String> rounding = this.roundingRow.apply(subscription);
				if (rounding.isPresent()) {
					out.write((rounding.get() + CsvDialect.LINE_SEPARATOR).getBytes(StandardCharsets.UTF_8));
				}
			}
			contribution.incrementWriteCount(1);
		}
		return RepeatStatus.FINISHED;
	}

}

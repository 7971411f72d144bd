package org.hubchargeback.chargeback;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.hubchargeback.report.CsvDialect;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Writes one subscription's chargeback file: the header, then the rows each usage day wrote for it, day after day and
 * hub after hub (the fragments' names sort that way). The rows are already formatted and in order, so they are copied
 * as bytes. Re-runnable: a restart writes the file again from the start.
 */
public class ChargebackFileTasklet implements Tasklet {

	private final Path fragments;

	private final Path output;

	private final boolean byteOrderMark;

	/**
	 * @param byteOrderMark whether the file starts with a UTF-8 byte-order mark
	 */
	public ChargebackFileTasklet(Path fragments, Path output, boolean byteOrderMark) {
		this.fragments = fragments;
		this.output = output;
		this.byteOrderMark = byteOrderMark;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
		List<Path> days;
		try (Stream<Path> files = Files.list(this.fragments)) {
			days = files.sorted().toList();
		}
		try (OutputStream out = Files.newOutputStream(this.output)) {
			out.write(((this.byteOrderMark ? CsvDialect.BYTE_ORDER_MARK : "")
					+ CsvDialect.line(ChargebackCsv.HEADER.toArray()) + CsvDialect.LINE_SEPARATOR)
				.getBytes(StandardCharsets.UTF_8));
			for (Path day : days) {
				try (InputStream in = Files.newInputStream(day)) {
					in.transferTo(out);
				}
			}
		}
		contribution.incrementWriteCount(days.size());
		return RepeatStatus.FINISHED;
	}

}

package org.hubchargeback.chargeback;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.hubchargeback.csv.CsvDialect;
import org.hubchargeback.pricing.RateCard;
import org.hubchargeback.registration.SubscriptionNames;
import org.hubchargeback.run.RunPaths;
import org.hubchargeback.run.RunTotals.FileCost;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Writes the chargeback files of a group of subscriptions: each is the header, then the rows each usage day wrote for
 * its subscription, day after day and hub after hub ({@link DayRows}). The rows are already
 * formatted and in order, so they are copied as bytes; a priced file may end with its rounding row. Re-runnable: a
 * restart writes the files again from the start.
 */
public class ChargebackFileTasklet implements Tasklet {

	private final List<String> subscriptions;

	private final RunPaths paths;

	private final boolean byteOrderMark;

	private final @Nullable RateCard rateCard;

	private final Map<String, FileCost> costs;

	private final SubscriptionNames names;

	/**
	 * @param paths the run's files: each usage day's rows and each chargeback file
	 * @param byteOrderMark whether the files start with a UTF-8 byte-order mark
	 * @param rateCard the run's prices (the rows have the price columns), or null
	 * @param costs charged subscription to what its rows cost, as the usage days priced them (empty when unpriced)
	 * @param names the customer named on a rounding row
	 */
	public ChargebackFileTasklet(List<String> subscriptions, RunPaths paths, boolean byteOrderMark,
			@Nullable RateCard rateCard, Map<String, FileCost> costs, SubscriptionNames names) {
		this.names = names;
		this.subscriptions = List.copyOf(subscriptions);
		this.paths = paths;
		this.byteOrderMark = byteOrderMark;
		this.rateCard = rateCard;
		this.costs = Map.copyOf(costs);
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
		byte[] header = ((this.byteOrderMark ? CsvDialect.BYTE_ORDER_MARK : "")
				+ CsvDialect.line(ChargebackCsv.header(this.rateCard != null).toArray()) + CsvDialect.LINE_SEPARATOR)
			.getBytes(StandardCharsets.UTF_8);
		Map<String, List<DayRows.Segment>> rows = DayRows.read(this.paths.dayRowsDir());
		// each day file once, however many of the group's subscriptions it has rows of
		Map<Path, FileChannel> days = new HashMap<>();
		try {
			for (String subscription : this.subscriptions) {
				List<DayRows.Segment> segments = rows.getOrDefault(subscription, List.of());
				try (FileChannel out = FileChannel.open(this.paths.chargebackFile(subscription),
						StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
					write(out, header);
					for (DayRows.Segment segment : segments) {
						FileChannel in = days.get(segment.data());
						if (in == null) {
							in = FileChannel.open(segment.data(), StandardOpenOption.READ);
							days.put(segment.data(), in);
						}
						segment.copyTo(in, out);
					}
					String rounding = roundingRow(subscription, segments);
					if (rounding != null) {
						write(out, (rounding + CsvDialect.LINE_SEPARATOR).getBytes(StandardCharsets.UTF_8));
					}
				}
				contribution.incrementWriteCount(1);
			}
		}
		finally {
			for (FileChannel in : days.values()) {
				in.close();
			}
		}
		return RepeatStatus.FINISHED;
	}

	private static void write(FileChannel out, byte[] bytes) throws IOException {
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		while (buffer.hasRemaining()) {
			out.write(buffer);
		}
	}

	/**
	 * Each row's cost is rounded on its own and the file's total once: a file whose rows do not add up to its total
	 * ends with a row carrying the difference.
	 */
	private @Nullable String roundingRow(String subscription, List<DayRows.Segment> days) {
		FileCost cost = this.costs.get(subscription);
		if (this.rateCard == null || cost == null || cost.residual(this.rateCard).signum() == 0) {
			return null;
		}
		Set<String> hubs = new TreeSet<>();
		days.forEach((day) -> hubs.add(RunPaths.hubOfDayRows(day.data())));
		return ChargebackCsv.roundingRow(cost.lastDay(), hubs, subscription, cost.residual(this.rateCard),
				this.rateCard.currency().getCurrencyCode(), this.names.customer(subscription));
	}

}

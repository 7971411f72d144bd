package org.hubchargeback.chargeback;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

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
 * its subscription, day after day and hub after hub (the fragments' names sort that way). The rows are already
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
	 * @param paths the run's files: each subscription's day fragments and its chargeback file
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
				String rounding = roundingRow(subscription, days);
				if (rounding != null) {
					out.write((rounding + CsvDialect.LINE_SEPARATOR).getBytes(StandardCharsets.UTF_8));
				}
			}
			contribution.incrementWriteCount(1);
		}
		return RepeatStatus.FINISHED;
	}

	/**
	 * Each row's cost is rounded on its own and the file's total once: a file whose rows do not add up to its total
	 * ends with a row carrying the difference.
	 */
	private @Nullable String roundingRow(String subscription, List<Path> days) {
		FileCost cost = this.costs.get(subscription);
		if (this.rateCard == null || cost == null || cost.residual(this.rateCard).signum() == 0) {
			return null;
		}
		Set<String> hubs = new TreeSet<>();
		days.forEach((day) -> hubs.add(RunPaths.hubOfFragment(day)));
		return ChargebackCsv.roundingRow(cost.lastDay(), hubs, subscription, cost.residual(this.rateCard),
				this.rateCard.currency().getCurrencyCode(), this.names.customer(subscription));
	}

}

package org.hubchargeback.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.hubchargeback.chargeback.ChargebackCsv;
import org.hubchargeback.pricing.RateCard;
import org.hubchargeback.report.MissingPricesReport;
import org.hubchargeback.report.SummaryReport;
import org.hubchargeback.report.UnregisteredTenantsReport;
import org.hubchargeback.usage.Meter;
import org.hubchargeback.usage.MeterCatalog;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Step 7: the aggregate reports, {@code unregistered-tenants.csv} and {@code summary.csv}, and for a priced run
 * {@code missing-prices.csv} and the rate card it used. All are small (one row per tenant, per subscription and meter,
 * per price), so they are written whole.
 */
public class WriteReportsTasklet implements Tasklet {

	public static final String UNREGISTERED_TENANTS = "unregistered-tenants.csv";

	public static final String SUMMARY = "summary.csv";

	public static final String MISSING_PRICES = "missing-prices.csv";

	/**
	 * The rate card the run priced with, published beside the files it priced.
	 */
	public static final String RATE_CARD = "rate-card.csv";

	private final RunStore store;

	private final MeterCatalog meters;

	private final RunPaths paths;

	private final boolean byteOrderMark;

	private final @Nullable RateCard rateCard;

	/**
	 * @param rateCard the run's prices, or null
	 */
	public WriteReportsTasklet(RunStore store, MeterCatalog meters, RunPaths paths, boolean byteOrderMark,
			@Nullable RateCard rateCard) {
		this.store = store;
		this.meters = meters;
		this.paths = paths;
		this.byteOrderMark = byteOrderMark;
		this.rateCard = rateCard;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
		long runId = this.paths.runId();
		Currency currency = (this.rateCard != null) ? this.rateCard.currency() : null;
		UnregisteredTenantsReport unregistered = unregisteredTenants(this.store, this.meters, runId, currency);
		unregistered.writeTo(this.paths.staging().resolve(UNREGISTERED_TENANTS), this.byteOrderMark);

		Map<String, String> warnings = new HashMap<>();
		this.store.runHubs(runId).forEach((hub) -> {
			String warning = (String) Objects.requireNonNull(hub.get("WARNING"), "WARNING is NOT NULL ('' for none)");
			if (!warning.isEmpty()) {
				warnings.put((String) hub.get("HUB"), warning);
			}
		});
		SummaryReport summary = new SummaryReport(warnings, currency);
		this.store.chargedTotals(runId, (rs) -> {
			Meter meter = this.meters.find(rs.getString(3)).orElse(null);
			summary.add(rs.getString(1), rs.getString(2), rs.getString(3), (meter != null) ? meter.name() : "",
					(meter != null) ? meter.unit() : "", rs.getString(4), rs.getBigDecimal(5), rs.getLong(6),
					rs.getDate(7).toLocalDate(), rs.getDate(8).toLocalDate(), rs.getBigDecimal(9),
					rs.getBigDecimal(10));
		});
		if (this.rateCard != null) {
			this.store.chargebackFileCosts(runId).forEach((subscription, cost) -> {
				if (cost.residual(this.rateCard).signum() != 0) {
					summary.addRounding(subscription, ChargebackCsv.ROUNDING, cost.residual(this.rateCard),
							cost.lastDay());
				}
			});
			MissingPricesReport missing = new MissingPricesReport();
			for (RunStore.MissingPrice m : this.store.missingPrices(runId)) {
				Meter meter = this.meters.find(m.meterId()).orElse(null);
				missing.add(m.meterId(), (meter != null) ? meter.name() : "", (meter != null) ? meter.unit() : "",
						m.chargedSubscriptionId(), m.firstDay(), m.lastDay(), m.lines(), m.quantity(), m.records());
			}
			missing.writeTo(this.paths.staging().resolve(MISSING_PRICES), this.byteOrderMark);
			Files.copy(this.paths.rateCard(), this.paths.staging().resolve(RATE_CARD),
					StandardCopyOption.REPLACE_EXISTING);
		}
		summary.writeTo(this.paths.staging().resolve(SUMMARY), this.byteOrderMark);
		contribution.incrementWriteCount(unregistered.size());
		return RepeatStatus.FINISHED;
	}

	/**
	 * The usage that fell to default subscriptions, per hub and tenant.
	 */
	static UnregisteredTenantsReport unregisteredTenants(RunStore store, MeterCatalog meters, long runId,
			@Nullable Currency currency) {
		UnregisteredTenantsReport unregistered = new UnregisteredTenantsReport(currency);
		store.defaultUsage(runId,
				(rs) -> unregistered.add(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
						meterLabel(meters, rs.getString(5)), rs.getString(6), rs.getLong(7), rs.getBigDecimal(8),
						rs.getObject(9, LocalDateTime.class).toInstant(ZoneOffset.UTC),
						rs.getObject(10, LocalDateTime.class).toInstant(ZoneOffset.UTC), rs.getBigDecimal(11)));
		return unregistered;
	}

	private static String meterLabel(MeterCatalog meters, String meterId) {
		return meters.find(meterId)
			.map((meter) -> meter.name() + " [" + meterId + "]")
			.orElse("[" + meterId + "]");
	}

}

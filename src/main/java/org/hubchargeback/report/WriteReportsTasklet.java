package org.hubchargeback.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;

import org.hubchargeback.chargeback.ChargebackCsv;
import org.hubchargeback.ledger.RunLedger;
import org.hubchargeback.pricing.RateCard;
import org.hubchargeback.registration.SubscriptionNames;
import org.hubchargeback.run.ChargebackJobParameters;
import org.hubchargeback.run.RunPaths;
import org.hubchargeback.run.RunStore;
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

	private final RunStore store;

	private final MeterCatalog meters;

	private final RunPaths paths;

	private final boolean byteOrderMark;

	private final @Nullable RateCard rateCard;

	private final ChargebackJobParameters parameters;

	private final RunLedger ledger;

	private final SubscriptionNames names;

	/**
	 * @param rateCard the run's prices, or null
	 * @param ledger what other published folders charged when the run started
	 * @param names the names shown beside the subscription IDs
	 */
	public WriteReportsTasklet(RunStore store, MeterCatalog meters, RunPaths paths, boolean byteOrderMark,
			@Nullable RateCard rateCard, ChargebackJobParameters parameters, RunLedger ledger,
			SubscriptionNames names) {
		this.names = names;
		this.parameters = parameters;
		this.ledger = ledger;
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
		UnregisteredTenantsReport unregistered = unregisteredTenants(this.store, this.meters, runId, currency,
				this.names);
		if (this.rateCard != null) {
			this.store.chargebackFileCosts(runId)
				.forEach((subscription, cost) -> unregistered.addRounding(subscription, cost.residual(this.rateCard)));
		}
		unregistered.writeTo(this.paths.staged(RunPaths.UNREGISTERED_TENANTS), this.byteOrderMark);
		unregistered.writeMetersTo(this.paths.staged(RunPaths.UNREGISTERED_TENANT_METERS), this.byteOrderMark);

		Map<String, String> warnings = new HashMap<>();
		this.store.runHubs(runId).forEach((hub) -> {
			if (hub.warning() != null) {
				warnings.put(hub.name(), hub.warning());
			}
		});
		SummaryReport summary = new SummaryReport(warnings, currency, this.names);
		this.store.chargedTotals(runId, (rs) -> {
			Meter meter = this.meters.find(rs.getString(3)).orElse(null);
			summary.add(rs.getString(1), rs.getString(2), rs.getString(3), (meter != null) ? meter.label() : "",
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
				missing.add(m.meterId(), (meter != null) ? meter.label() : "", (meter != null) ? meter.unit() : "",
						m.chargedSubscriptionId(), m.firstDay(), m.lastDay(), m.lines(), m.quantity(), m.records());
			}
			missing.writeTo(this.paths.staged(RunPaths.MISSING_PRICES), this.byteOrderMark);
			Files.copy(this.paths.rateCard(), this.paths.staged(RunPaths.RATE_CARD),
					StandardCopyOption.REPLACE_EXISTING);
		}
		summary.writeTo(this.paths.staged(RunPaths.SUMMARY_CSV), this.byteOrderMark);
		LateUsageReport late = new LateUsageReport((currency != null) ? currency.getCurrencyCode() : null);
		for (RunStore.LateUsage usage : this.store.lateUsage(runId, this.parameters.from(), this.parameters.to())) {
			Meter meter = this.meters.find(usage.meterId()).orElse(null);
			String folder = this.ledger.folder(usage.hub(), usage.day());
			late.add(usage.day(), usage.hub(), (folder != null) ? folder : "", usage.chargedSubscriptionId(),
					usage.chargeReason(), usage.meterId(), (meter != null) ? meter.label() : "",
					(meter != null) ? meter.unit() : "", usage.quantity(), usage.records(), usage.cost());
		}
		if (!late.isEmpty()) {
			late.writeTo(this.paths.staged(RunPaths.LATE_USAGE), this.byteOrderMark);
		}
		contribution.incrementWriteCount(unregistered.size());
		return RepeatStatus.FINISHED;
	}

	/**
	 * The usage that fell to default subscriptions, per hub and tenant.
	 */
	static UnregisteredTenantsReport unregisteredTenants(RunStore store, MeterCatalog meters, long runId,
			@Nullable Currency currency) {
		return unregisteredTenants(store, meters, runId, currency, SubscriptionNames.NONE);
	}

	static UnregisteredTenantsReport unregisteredTenants(RunStore store, MeterCatalog meters, long runId,
			@Nullable Currency currency, SubscriptionNames names) {
		UnregisteredTenantsReport unregistered = new UnregisteredTenantsReport(currency, names);
		store.defaultUsage(runId,
				(rs) -> unregistered.add(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
						meterLabel(meters, rs.getString(5)), rs.getString(6), rs.getLong(7), rs.getBigDecimal(8),
						rs.getObject(9, LocalDateTime.class).toInstant(ZoneOffset.UTC),
						rs.getObject(10, LocalDateTime.class).toInstant(ZoneOffset.UTC), rs.getBigDecimal(11)));
		return unregistered;
	}

	private static UnregisteredTenantsReport.MeterLabel meterLabel(MeterCatalog meters, String meterId) {
		Meter meter = meters.find(meterId).orElse(null);
		return new UnregisteredTenantsReport.MeterLabel(meterId, (meter != null) ? meter.label() : "",
				(meter != null) ? meter.unit() : "");
	}

}

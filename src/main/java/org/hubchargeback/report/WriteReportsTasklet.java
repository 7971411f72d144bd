package org.hubchargeback.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.hubchargeback.chargeback.ChargebackCsv;
import org.hubchargeback.ledger.RunLedger;
import org.hubchargeback.pricing.RateCard;
import org.hubchargeback.registration.SubscriptionNames;
import org.hubchargeback.run.ChargebackJobParameters;
import org.hubchargeback.run.RunPaths;
import org.hubchargeback.run.RunStore;
import org.hubchargeback.run.RunTotals;
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

	private final Supplier<RunTotals> totals;

	private final MeterCatalog meters;

	private final RunPaths paths;

	private final boolean byteOrderMark;

	private final @Nullable RateCard rateCard;

	private final ChargebackJobParameters parameters;

	private final RunLedger ledger;

	private final SubscriptionNames names;

	/**
	 * @param totals what the run charged, summed
	 * @param rateCard the run's prices, or null
	 * @param ledger what other published folders charged when the run started
	 * @param names the names shown beside the subscription IDs
	 */
	public WriteReportsTasklet(RunStore store, Supplier<RunTotals> totals, MeterCatalog meters, RunPaths paths,
			boolean byteOrderMark, @Nullable RateCard rateCard, ChargebackJobParameters parameters, RunLedger ledger,
			SubscriptionNames names) {
		this.names = names;
		this.parameters = parameters;
		this.ledger = ledger;
		this.store = store;
		this.totals = totals;
		this.meters = meters;
		this.paths = paths;
		this.byteOrderMark = byteOrderMark;
		this.rateCard = rateCard;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
		long runId = this.paths.runId();
		RunTotals totals = this.totals.get();
		Currency currency = (this.rateCard != null) ? this.rateCard.currency() : null;
		UnregisteredTenantsReport unregistered = unregisteredTenants(totals, this.meters, currency, this.names);
		if (this.rateCard != null) {
			totals.chargebackFileCosts()
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
		for (RunTotals.ChargedTotal t : totals.chargedTotals()) {
			Meter meter = this.meters.find(t.meterId()).orElse(null);
			summary.add(t.chargedSubscriptionId(), t.chargeReason(), t.meterId(), (meter != null) ? meter.label() : "",
					(meter != null) ? meter.unit() : "", t.hub(), t.quantity(), t.records(), t.firstDay(), t.lastDay(),
					t.cost(), t.unpricedQuantity());
		}
		if (this.rateCard != null) {
			totals.chargebackFileCosts().forEach((subscription, cost) -> {
				if (cost.residual(this.rateCard).signum() != 0) {
					summary.addRounding(subscription, ChargebackCsv.ROUNDING, cost.residual(this.rateCard),
							cost.lastDay());
				}
			});
			MissingPricesReport missing = new MissingPricesReport();
			for (RunTotals.MissingPrice m : totals.missingPrices()) {
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
		for (RunTotals.LateUsage usage : totals.lateUsage()) {
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
	static UnregisteredTenantsReport unregisteredTenants(RunTotals totals, MeterCatalog meters,
			@Nullable Currency currency, SubscriptionNames names) {
		UnregisteredTenantsReport unregistered = new UnregisteredTenantsReport(currency, names);
		for (RunTotals.DefaultUsage u : totals.defaultUsage()) {
			unregistered.add(u.hub(), u.reason(), u.tenantId(), u.hubSubscriptionId(), meterLabel(meters, u.meterId()),
					u.chargedSubscriptionId(), u.records(), u.quantity(), u.firstStart(), u.lastEnd(), u.cost());
		}
		return unregistered;
	}

	private static UnregisteredTenantsReport.MeterLabel meterLabel(MeterCatalog meters, String meterId) {
		Meter meter = meters.find(meterId).orElse(null);
		return new UnregisteredTenantsReport.MeterLabel(meterId, (meter != null) ? meter.label() : "",
				(meter != null) ? meter.unit() : "");
	}

}

package org.hubchargeback.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.hubchargeback.csv.CsvDialect;
import org.hubchargeback.reconcile.PartnerCenterReconciliation;
import org.hubchargeback.reconcile.Reconciliation;
import org.hubchargeback.reconcile.ReconciliationRow;
import org.hubchargeback.registration.SubscriptionNames;
import org.hubchargeback.run.ChargebackJobParameters;
import org.hubchargeback.run.ControlTotals;
import org.hubchargeback.run.RunPaths;
import org.hubchargeback.run.RunTotals;
import org.hubchargeback.usage.Meter;
import org.hubchargeback.usage.MeterCatalog;
import org.jspecify.annotations.Nullable;

/**
 * Writes {@code summary.html} from what the run is about to publish: its meter totals are read back from
 * {@code summary.csv}, so the page and the file cannot disagree.
 */
public final class SummaryPages {

	private SummaryPages() {
	}

	/**
	 * @param runTotals what the run charged, summed
	 * @param totals the verified control totals, in total and per hub
	 * @param warnings what the manifest and {@code WARNINGS.txt} say
	 * @param rateCard the rate card the run was priced with, or null
	 * @param previous the published version this run restates, or null
	 * @param names display names by subscription ID, for the page's subscription tables (empty: IDs only)
	 * @param reconciled the run's reconciliation with Partner Center, or null when it does not reconcile
	 */
	public static void write(RunTotals runTotals, MeterCatalog meters, ChargebackJobParameters parameters,
			@Nullable Currency currency, ControlTotals totals, Map<String, ControlTotals> byHub, List<String> warnings,
			SummaryPage.@Nullable RateCardId rateCard, SummaryPage.@Nullable Previous previous,
			Map<String, String> names, PartnerCenterReconciliation.@Nullable Outcome reconciled, Path staging)
			throws IOException {
		List<SummaryPage.MeterTotal> meterTotals = new ArrayList<>();
		for (Map<String, String> row : CsvDialect.rows(staging.resolve(RunPaths.SUMMARY_CSV))) {
			String cost = (currency != null) ? column(row, "Cost") : "";
			BigDecimal quantity = new BigDecimal(column(row, "Quantity"));
			// unpriced, all of it; priced, the part the rate card had no price for
			BigDecimal unpriced = (currency != null) ? new BigDecimal(column(row, "UnpricedQuantity")) : quantity;
			meterTotals.add(new SummaryPage.MeterTotal(column(row, "ChargedSubscriptionId"),
					column(row, "ChargeReason"), column(row, "MeterId"), column(row, "MeterName"), column(row, "Unit"),
					quantity, cost.isEmpty() ? null : new BigDecimal(cost),
					Long.parseLong(column(row, "RecordCount")), unpriced));
		}
		List<SummaryPage.DayTotal> days = new ArrayList<>();
		for (RunTotals.DayTotal day : runTotals.dayTotals()) {
			BigDecimal cost = day.cost();
			days.add(new SummaryPage.DayTotal(day.day(), day.records(),
					(currency != null && cost != null) ? money(cost, currency) : null));
		}
		List<SummaryPage.UnregisteredTenant> tenants = new ArrayList<>();
		UnregisteredTenantsReport unregistered = WriteReportsTasklet.unregisteredTenants(runTotals, meters, currency,
				SubscriptionNames.NONE);
		for (UnregisteredTenantsReport.Tenant t : unregistered.tenants()) {
			BigDecimal cost = (currency != null && t.cost() != null) ? money(t.cost(), currency) : null;
			tenants.add(new SummaryPage.UnregisteredTenant(t.hub(), t.tenantId(), t.reason(),
					t.defaultSubscriptionId(), cost, t.records()));
		}
		SummaryPage.write(staging.resolve(RunPaths.SUMMARY_HTML),
				new SummaryPage.Data(parameters.from(), parameters.to(), parameters.run(),
						(currency != null) ? currency.getCurrencyCode() : null, rateCard, previous, meterTotals, days,
						tenants, totals, new LinkedHashMap<>(byHub), warnings, names,
						(reconciled != null) ? reconciled(reconciled, meters) : null));
	}

	/**
	 * The page's reconciliation section: rows per reason, and the largest differences finance must look at.
	 */
	static SummaryPage.Reconciled reconciled(PartnerCenterReconciliation.Outcome outcome, MeterCatalog meters) {
		Map<String, Long> counts = new LinkedHashMap<>();
		Reconciliation.counts(outcome.rows()).forEach((difference, count) -> counts.put(difference.name(), count));
		List<SummaryPage.ReconciledRow> largest = outcome.rows()
			.stream()
			.filter((row) -> row.difference().warns())
			.sorted(Comparator.comparing((ReconciliationRow row) -> row.quantityDifference().abs())
				.reversed()
				.thenComparing(ReconciliationRow::day))
			.limit(SummaryPage.TOP_DIFFERENCES)
			.map((row) -> new SummaryPage.ReconciledRow(row.day(), row.subscription(), row.billedSubscription(),
					row.meterId().isEmpty() ? row.billedMeterName()
							: meters.find(row.meterId()).map(Meter::label).orElse(row.meterId()),
					row.difference().name(), row.chargedQuantity(), row.billedQuantity()))
			.toList();
		long warned = outcome.differences().values().stream().mapToLong(Long::longValue).sum();
		return new SummaryPage.Reconciled(counts, warned, largest, outcome.lastBilledDay());
	}

	private static String column(Map<String, String> row, String name) {
		return Objects.requireNonNull(row.get(name), () -> RunPaths.SUMMARY_CSV + " has no " + name + " column");
	}

	/**
	 * A sum of rounded costs as the CSV files show it (a database sum may drop trailing zeros).
	 */
	private static BigDecimal money(BigDecimal cost, Currency currency) {
		return new BigDecimal(CsvDialect.cost(cost, currency));
	}

}

package org.hubchargeback.reconcile;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

import org.hubchargeback.csv.CsvDialect;
import org.hubchargeback.usage.Meter;
import org.hubchargeback.usage.MeterCatalog;
import org.jspecify.annotations.Nullable;

/**
 * {@code reconciliation.csv}: finance loads it by these names; add columns at the end, never rename.
 */
public final class ReconciliationCsv {

	public static final List<String> HEADER = List.of("UsageDate", "SubscriptionId", "ChargeReason",
			"BilledSubscriptionId", "MeterId", "MeterName", "Unit", "HubSubscriptionIds", "HubQuantity",
			"ChargedQuantity", "BilledQuantity", "QuantityDifference", "Difference", "Cost", "Currency",
			"BillingPreTaxTotal", "BillingCurrency", "Margin");

	private ReconciliationCsv() {
	}

	/**
	 * @param meters the names and units of local meters; a row without one shows Partner Center's meter name
	 */
	public static void write(Path file, boolean byteOrderMark, List<ReconciliationRow> rows, MeterCatalog meters)
			throws IOException {
		CsvDialect.write(file, byteOrderMark, HEADER, (out) -> {
			for (ReconciliationRow row : rows) {
				Meter meter = row.meterId().isEmpty() ? null : meters.find(row.meterId()).orElse(null);
				out.printRecord(row.day(), row.subscription(), row.chargeReason(), row.billedSubscription(),
						row.meterId(), (meter != null) ? meter.label() : row.billedMeterName(),
						(meter != null) ? meter.unit() : "",
						String.join(" ", row.hubSubscriptions()), CsvDialect.quantity(row.hubQuantity()),
						CsvDialect.quantity(row.chargedQuantity()), CsvDialect.quantity(row.billedQuantity()),
						CsvDialect.quantity(row.quantityDifference()), row.difference(), plain(row.cost()),
						text(row.currency()), plain(row.preTax()), text(row.billingCurrency()), plain(row.margin()));
			}
		});
	}

	private static String plain(@Nullable BigDecimal value) {
		return (value != null) ? value.toPlainString() : "";
	}

	private static String text(@Nullable String value) {
		return (value != null) ? value : "";
	}

}

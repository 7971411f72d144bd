package org.hubchargeback.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.hubchargeback.csv.CsvDialect;
import org.jspecify.annotations.Nullable;

/**
 * {@code late-usage.csv}: usage reported after the folder that charges its day was published, charged in this folder
 * instead, with its original usage date and that folder's name. The chargeback files hold the same usage as rows of
 * their usage date, outside this folder's range. Written only when there is late usage.
 */
public final class LateUsageReport {

	public static final List<String> HEADER = List.of("UsageDate", "HubName", "DayChargedBy",
			"ChargedSubscriptionId", "ChargeReason", "MeterId", "MeterName", "Unit", "Quantity", "RecordCount");

	public static final List<String> PRICE_COLUMNS = List.of("Cost", "Currency");

	private final @Nullable String currency;

	private final List<List<Object>> rows = new ArrayList<>();

	/**
	 * @param currency the rate card's currency, or null for an unpriced run (no cost columns)
	 */
	public LateUsageReport(@Nullable String currency) {
		this.currency = currency;
	}

	/**
	 * @param dayChargedBy the published folder whose range holds the usage day
	 * @param cost null when unpriced
	 */
	public void add(LocalDate usageDate, String hub, String dayChargedBy, String chargedSubscriptionId,
			String chargeReason, String meterId, String meterName, String unit, BigDecimal quantity, long records,
			@Nullable BigDecimal cost) {
		List<Object> row = new ArrayList<>(List.of(usageDate, hub, dayChargedBy, chargedSubscriptionId, chargeReason,
				meterId, meterName, unit, CsvDialect.quantity(quantity), records));
		if (this.currency != null) {
			row.add((cost != null) ? cost.toPlainString() : "");
			row.add((cost != null) ? this.currency : "");
		}
		this.rows.add(row);
	}

	public boolean isEmpty() {
		return this.rows.isEmpty();
	}

	public void writeTo(Path file, boolean byteOrderMark) throws IOException {
		List<String> header = new ArrayList<>(HEADER);
		if (this.currency != null) {
			header.addAll(PRICE_COLUMNS);
		}
		CsvDialect.write(file, byteOrderMark, header, (printer) -> {
			for (List<Object> row : this.rows) {
				printer.printRecord(row);
			}
		});
	}

}

package org.hubchargeback.chargeback;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.hubchargeback.csv.CsvDialect;

import org.springframework.batch.infrastructure.item.file.transform.LineAggregator;

/**
 * The chargeback file's columns. Finance loads these by name: add columns at the end, never rename. A priced run (one
 * with a rate card) adds {@link #PRICE_COLUMNS}, empty on a row whose meter had no price, and may end with one
 * {@link #ROUNDING} row: the difference between the file's unrounded cost rounded once and the sum of its rounded
 * rows, so the file adds up to the cent.
 */
public final class ChargebackCsv implements LineAggregator<ChargebackLine> {

	public static final List<String> HEADER = List.of("UsageDate", "HubName", "TenantId", "HubSubscriptionId",
			"ResourceUri", "MeterId", "MeterName", "Unit", "Quantity", "ChargeReason", "DefaultReason",
			"ChargedSubscriptionId", "RecordCount", "FirstUsageStart", "LastUsageEnd", "RegistrationSnapshot");

	public static final List<String> PRICE_COLUMNS = List.of("UnitPrice", "Cost", "Currency");

	/**
	 * The charge reason of the rounding-adjustment row.
	 */
	public static final String ROUNDING = "ROUNDING";

	private final boolean priced;

	/**
	 * @param priced whether the run has a rate card (the rows then have the price columns)
	 */
	public ChargebackCsv(boolean priced) {
		this.priced = priced;
	}

	public static List<String> header(boolean priced) {
		if (!priced) {
			return HEADER;
		}
		List<String> header = new ArrayList<>(HEADER);
		header.addAll(PRICE_COLUMNS);
		return List.copyOf(header);
	}

	/**
	 * The last row of a priced file whose rounded rows do not add up to its unrounded cost rounded once.
	 * @param usageDate the file's last usage day
	 */
	public static String roundingRow(LocalDate usageDate, String chargedSubscriptionId, BigDecimal residual,
			String currency) {
		return usageDate + ",,,,,,Rounding adjustment,,0," + ROUNDING + ",," + CsvDialect.line(chargedSubscriptionId)
				+ ",0,,,,," + residual.toPlainString() + "," + currency;
	}

	/**
	 * The line {@link CsvDialect#line} would make of the row's values. Validated hub subscription IDs, dates, numbers
	 * and reasons never need quoting, so only the other values go through the CSV printer: a month has millions of
	 * rows.
	 */
	@Override
	public String aggregate(ChargebackLine line) {
		StringBuilder csv = new StringBuilder(320).append(line.usageDate());
		CsvDialect.appendValue(csv, line.hubName());
		CsvDialect.appendValue(csv, line.tenantId());
		csv.append(',').append(line.hubSubscriptionId());
		CsvDialect.appendValue(csv, line.resourceUri());
		CsvDialect.appendValue(csv, line.meterId());
		CsvDialect.appendValue(csv, line.meterName());
		CsvDialect.appendValue(csv, line.unit());
		csv.append(',')
			.append(CsvDialect.quantity(line.quantity()))
			.append(',')
			.append(line.chargeReason())
			.append(',')
			.append(line.defaultReason());
		CsvDialect.appendValue(csv, line.chargedSubscriptionId());
		csv.append(',')
			.append(line.recordCount())
			.append(',')
			.append(CsvDialect.instant(line.firstUsageStart()))
			.append(',')
			.append(CsvDialect.instant(line.lastUsageEnd()))
			.append(',')
			.append(line.registrationSnapshot());
		if (this.priced) {
			csv.append(',');
			if (line.unitPrice() != null) {
				BigDecimal cost = Objects.requireNonNull(line.cost(), "a priced row has a cost");
				csv.append(line.unitPrice().toPlainString()).append(',').append(cost.toPlainString()).append(',')
					.append(line.currency());
			}
			else {
				// no price that day: empty, never zero (missing-prices.csv lists them)
				csv.append(",,");
			}
		}
		return csv.toString();
	}

}

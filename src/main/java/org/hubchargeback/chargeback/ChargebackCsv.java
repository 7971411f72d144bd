package org.hubchargeback.chargeback;

import java.util.List;

import org.hubchargeback.report.CsvDialect;

import org.springframework.batch.infrastructure.item.file.transform.LineAggregator;

/**
 * The chargeback file's columns. Finance loads these by name: add columns at the end, never rename.
 */
public final class ChargebackCsv implements LineAggregator<ChargebackLine> {

	public static final List<String> HEADER = List.of("UsageDate", "HubName", "TenantId", "HubSubscriptionId",
			"ResourceUri", "MeterId", "MeterName", "Unit", "Quantity", "ChargeReason", "DefaultReason",
			"ChargedSubscriptionId", "RecordCount", "FirstUsageStart", "LastUsageEnd", "RegistrationSnapshot");

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
		return csv.append(',')
			.append(line.recordCount())
			.append(',')
			.append(CsvDialect.instant(line.firstUsageStart()))
			.append(',')
			.append(CsvDialect.instant(line.lastUsageEnd()))
			.append(',')
			.append(line.registrationSnapshot())
			.toString();
	}

}

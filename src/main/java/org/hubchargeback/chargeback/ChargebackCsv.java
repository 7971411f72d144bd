package org.hubchargeback.chargeback;

import java.util.List;

import org.hubchargeback.report.CsvDialect;

import org.springframework.batch.infrastructure.item.file.FlatFileHeaderCallback;
import org.springframework.batch.infrastructure.item.file.transform.LineAggregator;

/**
 * The chargeback file's columns. Finance loads these by name: add columns at the end, never rename.
 */
public final class ChargebackCsv implements LineAggregator<ChargebackLine> {

	public static final List<String> HEADER = List.of("UsageDate", "HubName", "TenantId", "HubSubscriptionId",
			"ResourceUri", "MeterId", "MeterName", "Unit", "Quantity", "ChargeReason", "DefaultReason",
			"ChargedSubscriptionId", "RecordCount", "FirstUsageStart", "LastUsageEnd", "RegistrationSnapshot");

	public static final FlatFileHeaderCallback HEADER_CALLBACK = (writer) -> writer
		.write(CsvDialect.line(HEADER.toArray()));

	@Override
	public String aggregate(ChargebackLine line) {
		return CsvDialect.line(line.usageDate(), line.hubName(), line.tenantId(), line.hubSubscriptionId(),
				line.resourceUri(), line.meterId(), line.meterName(), line.unit(), CsvDialect.quantity(line.quantity()),
				line.chargeReason(), line.defaultReason(), line.chargedSubscriptionId(), line.recordCount(),
				CsvDialect.instant(line.firstUsageStart()), CsvDialect.instant(line.lastUsageEnd()),
				line.registrationSnapshot());
	}

}

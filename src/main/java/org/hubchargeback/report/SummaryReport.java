package org.hubchargeback.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;


/**
 * {@code summary.csv}: total quantity per charged subscription and meter, for finance.
 */
public final class SummaryReport {

	public static final List<String> HEADER = List.of("ChargedSubscriptionId", "ChargeReason", "MeterId", "MeterName",
			"Unit", "Quantity", "RecordCount", "Hubs", "FirstUsageDate", "LastUsageDate", "Warnings");

	private final Map<String, String> warningsByHub;

	private final Map<List<String>, Row> rows = new LinkedHashMap<>();

	/**
	 * @param warningsByHub hubs charged with an older registration snapshot, and why: repeated on their rows
	 */
	public SummaryReport(Map<String, String> warningsByHub) {
		this.warningsByHub = Map.copyOf(warningsByHub);
	}

	/**
	 * Adds one hub's part of a subscription's meter total; parts of the same subscription, reason and meter add up.
	 */
	public void add(String subscriptionId, String reason, String meterId, String meterName, String unit, String hub,
			BigDecimal quantity, long records, LocalDate first, LocalDate last) {
		Row row = this.rows.computeIfAbsent(List.of(subscriptionId, reason, meterId),
				(k) -> new Row(meterName, unit, first, last));
		row.quantity = row.quantity.add(quantity);
		row.records += records;
		row.hubs.add(hub);
		row.first = first.isBefore(row.first) ? first : row.first;
		row.last = last.isAfter(row.last) ? last : row.last;
	}

	public void writeTo(Path file, boolean byteOrderMark) throws IOException {
		CsvDialect.write(file, byteOrderMark, HEADER, (printer) -> {
			for (Map.Entry<List<String>, Row> entry : this.rows.entrySet()) {
				Row row = entry.getValue();
				List<Object> values = new ArrayList<>(entry.getKey());
				List<String> warnings = row.hubs.stream()
					.map(this.warningsByHub::get)
					.filter((warning) -> warning != null)
					.toList();
				values.addAll(List.of(row.meterName, row.unit, CsvDialect.quantity(row.quantity), row.records,
						String.join(";", row.hubs), row.first, row.last, String.join(" | ", warnings)));
				printer.printRecord(values);
			}
		});
	}

	private static final class Row {

		final String meterName;

		final String unit;

		final TreeSet<String> hubs = new TreeSet<>();

		BigDecimal quantity = BigDecimal.ZERO;

		long records;

		LocalDate first;

		LocalDate last;

		Row(String meterName, String unit, LocalDate first, LocalDate last) {
			this.meterName = meterName;
			this.unit = unit;
			this.first = first;
			this.last = last;
		}

	}

}

package org.hubchargeback.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.hubchargeback.csv.CsvDialect;
import org.hubchargeback.registration.CustomerNames.Customer;
import org.hubchargeback.registration.SubscriptionNames;
import org.jspecify.annotations.Nullable;

/**
 * {@code summary.csv}: total quantity per charged subscription and meter, for finance. Priced, also the cost of the
 * rows that had a price, the quantity that had none, and a subscription's rounding row: its costs add up to its
 * chargeback file's.
 */
public final class SummaryReport {

	public static final List<String> HEADER = List.of("ChargedSubscriptionId", "ChargeReason", "MeterId", "MeterName",
			"Unit", "Quantity", "RecordCount", "Hubs", "FirstUsageDate", "LastUsageDate", "Warnings");

	public static final List<String> PRICE_COLUMNS = List.of("Cost", "Currency", "UnpricedQuantity");

	/** Appended last, priced or not: who the charged subscription belongs to (the customer names file). */
	public static final List<String> NAME_COLUMNS = List.of("CustomerName", "CustomerReference");

	private static final Comparator<List<String>> ORDER = Comparator.comparing((List<String> key) -> key.get(0))
		.thenComparing((key) -> key.get(1))
		.thenComparing((key) -> key.get(2));

	private final Map<String, String> warningsByHub;

	private final @Nullable Currency currency;

	private final SubscriptionNames names;

	private final Map<List<String>, Row> rows = new TreeMap<>(ORDER);

	/**
	 * @param warningsByHub hubs charged with an older registration snapshot, and why: repeated on their rows
	 * @param currency the rate card's currency, or null when the run has no prices
	 * @param names the customer of each charged subscription
	 */
	public SummaryReport(Map<String, String> warningsByHub, @Nullable Currency currency, SubscriptionNames names) {
		this.warningsByHub = Map.copyOf(warningsByHub);
		this.currency = currency;
		this.names = names;
	}

	/**
	 * Adds one hub's part of a subscription's meter total; parts of the same subscription, reason and meter add up.
	 * @param cost the cost of its priced rows, or null when none was priced
	 * @param unpricedQuantity the quantity of its rows without a price
	 */
	public void add(String subscriptionId, String reason, String meterId, String meterName, String unit, String hub,
			BigDecimal quantity, long records, LocalDate first, LocalDate last, @Nullable BigDecimal cost,
			BigDecimal unpricedQuantity) {
		Row row = this.rows.computeIfAbsent(List.of(subscriptionId, reason, meterId),
				(k) -> new Row(meterName, unit, first, last));
		if (cost != null) {
			row.cost = (row.cost != null) ? row.cost.add(cost) : cost;
		}
		row.unpricedQuantity = row.unpricedQuantity.add(unpricedQuantity);
		row.quantity = row.quantity.add(quantity);
		row.records += records;
		row.hubs.add(hub);
		row.first = first.isBefore(row.first) ? first : row.first;
		row.last = last.isAfter(row.last) ? last : row.last;
	}

	/**
	 * Adds a subscription's rounding row (see {@code ChargebackCsv#roundingRow}): call after its other rows, whose
	 * hubs it carries (a pivot by hub then shows where the cent came from, not "(blank)").
	 * @param day the last usage day of its chargeback file
	 */
	public void addRounding(String subscriptionId, String reason, BigDecimal residual, LocalDate day) {
		Row row = new Row("Rounding adjustment", "", day, day);
		row.cost = residual;
		this.rows.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().get(0).equals(subscriptionId))
			.forEach((entry) -> row.hubs.addAll(entry.getValue().hubs));
		this.rows.put(List.of(subscriptionId, reason, ""), row);
	}

	public List<String> header() {
		List<String> header = new ArrayList<>(HEADER);
		if (this.currency != null) {
			header.addAll(PRICE_COLUMNS);
		}
		header.addAll(NAME_COLUMNS);
		return header;
	}

	public void writeTo(Path file, boolean byteOrderMark) throws IOException {
		CsvDialect.write(file, byteOrderMark, header(), (printer) -> {
			for (Map.Entry<List<String>, Row> entry : this.rows.entrySet()) {
				Row row = entry.getValue();
				List<Object> values = new ArrayList<>(entry.getKey());
				List<String> warnings = row.hubs.stream()
					.map(this.warningsByHub::get)
					.filter((warning) -> warning != null)
					.toList();
				values.addAll(List.of(row.meterName, row.unit, CsvDialect.quantityForPeople(row.quantity), row.records,
						String.join(";", row.hubs), row.first, row.last, String.join(" | ", warnings)));
				if (this.currency != null) {
					// no price at all: empty, not 0.00 (UnpricedQuantity says how much)
					values.addAll(List.of((row.cost != null) ? CsvDialect.cost(row.cost, this.currency) : "",
							this.currency.getCurrencyCode(),
							CsvDialect.quantityForPeople(row.unpricedQuantity)));
				}
				Customer customer = this.names.customer(entry.getKey().get(0));
				values.addAll(List.of(customer.name(), customer.reference()));
				printer.printRecord(values);
			}
		});
	}

	private static final class Row {

		final String meterName;

		final String unit;

		final TreeSet<String> hubs = new TreeSet<>();

		BigDecimal quantity = BigDecimal.ZERO;

		@Nullable BigDecimal cost;

		BigDecimal unpricedQuantity = BigDecimal.ZERO;

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

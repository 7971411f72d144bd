package org.hubchargeback.chargeback;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.hubchargeback.csv.CsvDialect;
import org.hubchargeback.registration.CustomerNames.Customer;
import org.hubchargeback.registration.SubscriptionNames;
import org.hubchargeback.registration.UserSubscriptions.SubscriptionName;

import org.springframework.batch.infrastructure.item.file.transform.LineAggregator;

/**
 * The chargeback file's columns. Finance loads these by name: add columns at the end, never rename. A priced run (one
 * with a rate card) adds {@link #PRICE_COLUMNS}, empty on a row whose meter had no price, and may end with one
 * {@link #ROUNDING} row: the difference between the file's unrounded cost rounded once and the sum of its rounded
 * rows, so the file adds up to the cent. Every file ends with the {@link #NAME_COLUMNS}: the names of the hub
 * subscription and of the customer charged, empty where nobody gave one, and the resource's tags as a JSON object.
 * An instance is used by one thread: it keeps the values it printed.
 */
public final class ChargebackCsv implements LineAggregator<ChargebackLine> {

	public static final List<String> HEADER = List.of("UsageDate", "HubName", "TenantId", "HubSubscriptionId",
			"ResourceUri", "MeterId", "MeterName", "Unit", "Quantity", "ChargeReason", "DefaultReason",
			"ChargedSubscriptionId", "RecordCount", "FirstUsageStart", "LastUsageEnd", "RegistrationSnapshot");

	public static final List<String> PRICE_COLUMNS = List.of("UnitPrice", "Cost", "Currency");

	/**
	 * After the price columns (when there are any), so that no column a finance sheet reads moves.
	 */
	public static final List<String> NAME_COLUMNS = List.of("HubSubscriptionName", "HubSubscriptionOwner",
			"CustomerName", "CustomerReference");

	/**
	 * The last column: the resource's tags as a JSON object, which is what FOCUS {@code Tags} and cost allocation read.
	 */
	public static final String TAGS = "Tags";

	/**
	 * The charge reason of the rounding-adjustment row.
	 */
	public static final String ROUNDING = "ROUNDING";

	private static final int CACHE_SIZE = 10_000;

	private final boolean priced;

	private final SubscriptionNames names;

	// printed values (with the comma before them) of the columns whose values repeat from row to row
	private final Map<String, String> printed = new HashMap<>();

	private final Map<Instant, String> instants = new HashMap<>();

	private final Map<String, String> hubSubscriptionNames = new HashMap<>();

	private final Map<String, String> customers = new HashMap<>();

	/**
	 * @param priced whether the run has a rate card (the rows then have the price columns)
	 * @param names the names shown beside the subscription IDs
	 */
	public ChargebackCsv(boolean priced, SubscriptionNames names) {
		this.priced = priced;
		this.names = names;
	}

	public ChargebackCsv(boolean priced) {
		this(priced, SubscriptionNames.NONE);
	}

	public static List<String> header(boolean priced) {
		List<String> header = new ArrayList<>(HEADER);
		if (priced) {
			header.addAll(PRICE_COLUMNS);
		}
		header.addAll(NAME_COLUMNS);
		header.add(TAGS);
		return List.copyOf(header);
	}

	/**
	 * The last row of a priced file whose rounded rows do not add up to its unrounded cost rounded once. It belongs
	 * to no hub subscription but to the whole file, so its {@code HubName} is the file's hubs (a pivot by hub then
	 * shows where the cent came from, not "(blank)").
	 * @param usageDate the file's last usage day
	 * @param hubs the hubs whose usage the file charges
	 */
	public static String roundingRow(LocalDate usageDate, Collection<String> hubs, String chargedSubscriptionId,
			BigDecimal residual, String currency, Customer customer) {
		return usageDate + "," + CsvDialect.line(String.join(";", hubs)) + ",,,,,Rounding adjustment,,0," + ROUNDING
				+ ",," + CsvDialect.line(chargedSubscriptionId) + ",0,,,,," + residual.toPlainString() + "," + currency
				+ ",,," + CsvDialect.line(customer.name(), customer.reference()) + ",";
	}

	/**
	 * The line {@link CsvDialect#line} would make of the row's values. Validated hub subscription IDs, dates, numbers
	 * and reasons never need quoting, so only the other values go through the CSV printer: a month has millions of
	 * rows.
	 */
	@Override
	public String aggregate(ChargebackLine line) {
		return appendTo(new StringBuilder(320), line).toString();
	}

	/**
	 * Appends the line {@link #aggregate} makes. The values a day's rows repeat (hub, tenant, meter, subscription,
	 * names, tags, hours) are printed once each and kept: formatting was most of the cost of a row.
	 */
	public StringBuilder appendTo(StringBuilder csv, ChargebackLine line) {
		csv.append(line.usageDate());
		repeated(csv, line.hubName());
		repeated(csv, line.tenantId());
		csv.append(',').append(line.hubSubscriptionId());
		CsvDialect.appendValue(csv, line.resourceUri());
		repeated(csv, line.meterId());
		repeated(csv, line.meterName());
		repeated(csv, line.unit());
		csv.append(',')
			.append(CsvDialect.quantity(line.quantity()))
			.append(',')
			.append(line.chargeReason())
			.append(',')
			.append(line.defaultReason());
		repeated(csv, line.chargedSubscriptionId());
		csv.append(',')
			.append(line.recordCount())
			.append(',')
			.append(instant(line.firstUsageStart()))
			.append(',')
			.append(instant(line.lastUsageEnd()))
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
		csv.append(remembered(this.hubSubscriptionNames, line.hubName() + '\n' + line.hubSubscriptionId(), (key) -> {
			SubscriptionName hubSubscription = this.names.hubSubscription(line.hubName(), line.hubSubscriptionId());
			return CsvDialect.appendValue(CsvDialect.appendValue(new StringBuilder(), hubSubscription.displayName()),
					hubSubscription.owner()).toString();
		}));
		csv.append(remembered(this.customers, line.chargedSubscriptionId(), (key) -> {
			Customer customer = this.names.customer(key);
			return CsvDialect.appendValue(CsvDialect.appendValue(new StringBuilder(), customer.name()),
					customer.reference()).toString();
		}));
		repeated(csv, line.tags());
		return csv;
	}

	private void repeated(StringBuilder csv, String value) {
		csv.append(remembered(this.printed, value,
				(key) -> CsvDialect.appendValue(new StringBuilder(key.length() + 3), key).toString()));
	}

	private String instant(Instant instant) {
		return remembered(this.instants, instant, CsvDialect::instant);
	}

	/**
	 * A cache that stays small: emptied when full (a day repeats a few hundred values, not millions).
	 */
	private static <K> String remembered(Map<K, String> cache, K key, Function<K, String> print) {
		String printed = cache.get(key);
		if (printed == null) {
			if (cache.size() >= CACHE_SIZE) {
				cache.clear();
			}
			printed = print.apply(key);
			cache.put(key, printed);
		}
		return printed;
	}

}

package org.hubchargeback.pricing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.hubchargeback.config.InvalidConfigurationException;
import org.hubchargeback.csv.CsvDialect;
import org.hubchargeback.usage.Meter;
import org.hubchargeback.usage.MeterCatalog;
import org.hubchargeback.usage.MeterIds;
import org.jspecify.annotations.Nullable;

/**
 * The prices a run charges with, from an effective-dated CSV price list. Each row prices one meter from
 * {@code ValidFrom} to {@code ValidTo} (UTC usage days, both inclusive; an empty {@code ValidTo} is open-ended):
 * <ul>
 * <li>without {@code CustomerSubscriptionId}, the list price of the meter, per unit of the meter's catalog unit;</li>
 * <li>with {@code CustomerSubscriptionId} and {@code UnitPrice}, a price negotiated for that charged subscription;</li>
 * <li>with {@code CustomerSubscriptionId} and {@code MarkupPercent} (negative for a discount), the list price marked
 * up for that subscription, for one meter or for every meter ({@code MeterId} {@code *}).</li>
 * </ul>
 * A negotiated price wins over a markup of the same meter, which wins over a markup of every meter. Rows of the same
 * kind must not overlap in time, and one currency prices the whole card: a cost is never a mix of currencies. A meter
 * with no price on a day has no price: it is reported, never charged at zero.
 */
public final class RateCard {

	public static final List<String> HEADER = List.of("MeterId", "Unit", "UnitPrice", "Currency", "ValidFrom",
			"ValidTo", "CustomerSubscriptionId", "MarkupPercent", "Description");

	private static final Set<String> REQUIRED = Set.of("MeterId", "Unit", "UnitPrice", "Currency", "ValidFrom");

	private static final String ALL_METERS = "*";

	private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

	private static final Pattern GUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	private static final Pattern SUBSCRIPTION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z-]{0,63}");

	private final Currency currency;

	private final String sha256;

	/**
	 * Entries by kind and meter ("list", "price/sub", "markup/sub"), then by validity, oldest first.
	 */
	private final Map<String, List<Entry>> entries;

	private RateCard(Currency currency, String sha256, Map<String, List<Entry>> entries) {
		this.currency = currency;
		this.sha256 = sha256;
		this.entries = entries;
	}

	/**
	 * Reads and checks a rate card.
	 * @param meters units are checked against the catalog: a price per GB-month on a GB-hour meter is a mistake
	 * @throws InvalidConfigurationException naming the file, line and column of the first problem
	 */
	public static RateCard read(Path file, MeterCatalog meters) {
		String name = file.toString();
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new InvalidConfigurationException("cannot read the rate card " + name + ": " + ex.getMessage());
		}
		Map<String, List<Entry>> entries = new HashMap<>();
		Currency currency = null;
		CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
		try (Reader reader = CsvDialect.reader(new ByteArrayInputStream(bytes));
				CSVParser parser = format.parse(reader)) {
			List<String> missing = REQUIRED.stream().filter((c) -> !parser.getHeaderMap().containsKey(c)).sorted()
				.toList();
			if (!missing.isEmpty()) {
				throw new InvalidConfigurationException("rate card " + name + " line 1: missing column(s) " + missing
						+ "; expected " + String.join(",", HEADER));
			}
			for (CSVRecord row : parser) {
				Entry entry = entry(row, new Where(name, row.getRecordNumber() + 1), meters);
				if (currency == null) {
					currency = entry.currency();
				}
				else if (!currency.equals(entry.currency())) {
					throw new InvalidConfigurationException(entry.where() + " Currency: " + entry.currency()
							+ ", but earlier rows are in " + currency + "; one rate card prices in one currency");
				}
				entries.computeIfAbsent(entry.key(), (k) -> new ArrayList<>()).add(entry);
			}
		}
		catch (IOException | UncheckedIOException ex) {
			throw new InvalidConfigurationException("rate card " + name + " is not a readable CSV file: "
					+ ex.getMessage());
		}
		if (currency == null) {
			throw new InvalidConfigurationException("rate card " + name + " has no prices");
		}
		for (List<Entry> same : entries.values()) {
			same.sort(Comparator.comparing(Entry::validFrom));
			for (int i = 1; i < same.size(); i++) {
				Entry before = same.get(i - 1);
				Entry after = same.get(i);
				if (before.validTo() == null || !before.validTo().isBefore(after.validFrom())) {
					throw new InvalidConfigurationException(after.where() + " ValidFrom: " + after.validFrom()
							+ " overlaps the row at line " + before.where().line() + " (valid " + before.validity()
							+ "); end the older row the day before");
				}
			}
		}
		return new RateCard(currency, sha256(bytes), Map.copyOf(entries));
	}

	public Currency currency() {
		return this.currency;
	}

	/**
	 * The SHA-256 of the file as read: the manifest records which prices a run used.
	 */
	public String sha256() {
		return this.sha256;
	}

	/**
	 * @return the price of a meter on a day for a charged subscription, or null when the card has none
	 */
	public @Nullable Price price(String meterId, LocalDate day, String chargedSubscriptionId) {
		String meter = MeterIds.normalize(meterId);
		String subscription = chargedSubscriptionId.toLowerCase(Locale.ROOT);
		Entry negotiated = find("price/" + subscription + "/" + meter, day);
		if (negotiated != null) {
			return new Price(negotiated.price(), meter + "@" + negotiated.validFrom() + "/" + subscription, true);
		}
		Entry list = find("list/" + meter, day);
		if (list == null) {
			return null;
		}
		Entry markup = find("markup/" + subscription + "/" + meter, day);
		if (markup == null) {
			markup = find("markup/" + subscription + "/" + ALL_METERS, day);
		}
		String id = meter + "@" + list.validFrom();
		if (markup == null) {
			return new Price(list.price(), id, false);
		}
		BigDecimal factor = BigDecimal.ONE.add(markup.markup().movePointLeft(2));
		return new Price(list.price().multiply(factor).stripTrailingZeros(), id + "/" + subscription + "/"
				+ markup.markup().toPlainString() + "%@" + markup.validFrom(), true);
	}

	/**
	 * @return the list price of a meter on a day, whoever is charged, or null
	 */
	public @Nullable BigDecimal listPrice(String meterId, LocalDate day) {
		Entry list = find("list/" + MeterIds.normalize(meterId), day);
		return (list != null) ? list.unitPrice() : null;
	}

	/**
	 * A cost as a chargeback row shows it: rounded to the currency's minor unit, half to even (banker's rounding, so
	 * rounding errors over many rows do not drift one way).
	 */
	public BigDecimal round(BigDecimal cost) {
		return cost.setScale(Math.max(this.currency.getDefaultFractionDigits(), 0), RoundingMode.HALF_EVEN);
	}

	private @Nullable Entry find(String key, LocalDate day) {
		List<Entry> candidates = this.entries.get(key);
		if (candidates == null) {
			return null;
		}
		for (Entry entry : candidates) {
			if (!day.isBefore(entry.validFrom()) && (entry.validTo() == null || !day.isAfter(entry.validTo()))) {
				return entry;
			}
		}
		return null;
	}

	private static Entry entry(CSVRecord row, Where where, MeterCatalog meters) {
		String meterId = value(row, "MeterId");
		String subscription = value(row, "CustomerSubscriptionId");
		String unitPrice = value(row, "UnitPrice");
		String markup = value(row, "MarkupPercent");
		if (meterId.isEmpty()) {
			throw new InvalidConfigurationException(where + " MeterId: empty");
		}
		if (!subscription.isEmpty() && !SUBSCRIPTION.matcher(subscription).matches()) {
			throw new InvalidConfigurationException(where + " CustomerSubscriptionId: '" + subscription
					+ "' is not a subscription ID");
		}
		if (unitPrice.isEmpty() == markup.isEmpty()) {
			throw new InvalidConfigurationException(where + " UnitPrice: give either UnitPrice or MarkupPercent");
		}
		if (!markup.isEmpty() && subscription.isEmpty()) {
			throw new InvalidConfigurationException(where + " MarkupPercent: a markup needs a CustomerSubscriptionId"
					+ " (list prices are given as UnitPrice)");
		}
		String meter = ALL_METERS.equals(meterId) ? ALL_METERS : MeterIds.normalize(meterId);
		if (meter.equals(ALL_METERS) && markup.isEmpty()) {
			throw new InvalidConfigurationException(where + " MeterId: '*' (every meter) only with MarkupPercent");
		}
		if (!meter.equals(ALL_METERS) && !GUID.matcher(meter).matches()) {
			throw new InvalidConfigurationException(where + " MeterId: '" + meterId + "' is not a meter ID");
		}
		String unit = value(row, "Unit");
		Meter known = meters.find(meter).orElse(null);
		if (!unitPrice.isEmpty() && known != null && !sameUnit(unit, known.unit())) {
			throw new InvalidConfigurationException(where + " Unit: '" + unit + "', but meter " + known.label()
					+ " is measured in '" + known.unit() + "'; give the price per " + known.unit());
		}
		Currency currency;
		try {
			currency = Currency.getInstance(value(row, "Currency").toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationException(where + " Currency: '" + value(row, "Currency")
					+ "' is not an ISO 4217 currency code");
		}
		LocalDate from = date(row, "ValidFrom", where);
		if (from == null) {
			throw new InvalidConfigurationException(where + " ValidFrom: empty (yyyy-mm-dd)");
		}
		LocalDate to = date(row, "ValidTo", where);
		if (to != null && to.isBefore(from)) {
			throw new InvalidConfigurationException(where + " ValidTo: " + to + " is before ValidFrom " + from);
		}
		BigDecimal price = unitPrice.isEmpty() ? null : decimal(unitPrice, "UnitPrice", where);
		if (price != null && price.signum() < 0) {
			throw new InvalidConfigurationException(where + " UnitPrice: negative (" + unitPrice + ")");
		}
		BigDecimal percent = markup.isEmpty() ? null : decimal(markup, "MarkupPercent", where);
		if (percent != null && percent.compareTo(BigDecimal.valueOf(-100)) < 0) {
			throw new InvalidConfigurationException(where + " MarkupPercent: below -100 (" + markup + ")");
		}
		String sub = subscription.toLowerCase(Locale.ROOT);
		String key = subscription.isEmpty() ? "list/" + meter
				: ((price != null) ? "price/" : "markup/") + sub + "/" + meter;
		return new Entry(key, price, percent, currency, from, to, where);
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String value(CSVRecord row, String column) {
		return (row.isMapped(column) && row.isSet(column)) ? row.get(column).strip() : "";
	}

	private static boolean sameUnit(String a, String b) {
		return normalizeUnit(a).equals(normalizeUnit(b));
	}

	/**
	 * One spelling of a unit: the docs, the export script and the catalog write disk units as {@code Count of
	 * Disks*month}, {@code Disks*month} and {@code Disk * Month}, and transactions in {@code 10,000s} or
	 * {@code 10,000's}; case, spaces, a leading "count of", an apostrophe and a plural s make no difference.
	 */
	static String normalizeUnit(String unit) {
		String u = unit.toLowerCase(Locale.ROOT).replaceAll("\\s+", "").replace("'", "");
		if (u.startsWith("countof")) {
			u = u.substring("countof".length());
		}
		StringBuilder normalized = new StringBuilder();
		for (String part : u.split("(?=[*/])|(?<=[*/])")) {
			normalized.append((part.length() > 1 && part.endsWith("s") && !part.endsWith("ss"))
					? part.substring(0, part.length() - 1) : part);
		}
		return normalized.toString();
	}

	private static @Nullable LocalDate date(CSVRecord row, String column, Where where) {
		String text = value(row, column);
		if (text.isEmpty()) {
			return null;
		}
		try {
			return LocalDate.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidConfigurationException(where + " " + column + ": '" + text + "' is not a date"
					+ " (yyyy-mm-dd)");
		}
	}

	private static BigDecimal decimal(String text, String column, Where where) {
		if (!DECIMAL.matcher(text).matches()) {
			throw new InvalidConfigurationException(where + " " + column + ": '" + text + "' is not a decimal number"
					+ " (a dot for the decimals, no thousands separator)");
		}
		return new BigDecimal(text);
	}

	/**
	 * A price applied to usage.
	 *
	 * @param unitPrice per unit of the meter's catalog unit, in the card's currency
	 * @param id the entries it comes from: meter and list price validity, and the subscription's own price or markup
	 * @param negotiated whether the subscription has its own price or markup
	 */
	public record Price(BigDecimal unitPrice, String id, boolean negotiated) {
	}

	private record Where(String file, long line) {

		@Override
		public String toString() {
			return "rate card " + this.file + " line " + this.line + ":";
		}

	}

	private record Entry(String key, @Nullable BigDecimal unitPrice, @Nullable BigDecimal markupPercent,
			Currency currency, LocalDate validFrom, @Nullable LocalDate validTo, Where where) {

		String validity() {
			return this.validFrom + " to " + ((this.validTo != null) ? this.validTo : "(open)");
		}

		/**
		 * The UnitPrice of a list/ or price/ entry: {@code entry()} keys only rows with a UnitPrice so.
		 */
		BigDecimal price() {
			return Objects.requireNonNull(this.unitPrice, "a list or price entry has a UnitPrice");
		}

		/**
		 * The MarkupPercent of a markup/ entry: {@code entry()} keys only rows with a MarkupPercent so.
		 */
		BigDecimal markup() {
			return Objects.requireNonNull(this.markupPercent, "a markup entry has a MarkupPercent");
		}

	}

}

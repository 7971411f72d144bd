package org.hubchargeback.usage;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the exporting machine wrote dates and numbers. PowerShell's {@code Export-Csv} formats a DateTime with the
 * current culture's short date and long time and a double with its decimal separator, with no offset. Those values
 * are UTC (the usage API answers in UTC). ISO-8601 is accepted in every culture.
 */
public final class UsageCulture {

	// .NET ShortDatePattern + LongTimePattern per culture, in java.time syntax.
	private static final Map<String, String> DATE_TIME_PATTERNS = Map.ofEntries(
			Map.entry("en-us", "M/d/uuuu h:mm:ss a"), Map.entry("en-gb", "dd/MM/uuuu HH:mm:ss"),
			Map.entry("en-au", "d/MM/uuuu h:mm:ss a"), Map.entry("en-ca", "uuuu-MM-dd h:mm:ss a"),
			Map.entry("de-de", "dd.MM.uuuu HH:mm:ss"), Map.entry("de-at", "dd.MM.uuuu HH:mm:ss"),
			Map.entry("de-ch", "dd.MM.uuuu HH:mm:ss"), Map.entry("fr-fr", "dd/MM/uuuu HH:mm:ss"),
			Map.entry("nl-nl", "d-M-uuuu HH:mm:ss"), Map.entry("it-it", "dd/MM/uuuu HH:mm:ss"),
			Map.entry("es-es", "dd/MM/uuuu H:mm:ss"), Map.entry("ja-jp", "uuuu/MM/dd H:mm:ss"),
			Map.entry("sv-se", "uuuu-MM-dd HH:mm:ss"), Map.entry("invariant", "MM/dd/uuuu HH:mm:ss"));

	private static final List<String> DECIMAL_COMMA = List.of("de-de", "de-at", "fr-fr", "nl-nl", "it-it",
			"es-es", "sv-se");

	private final String name;

	private final DateTimeFormatter cultureFormat;

	private final String datePattern;

	private final char decimalSeparator;

	private UsageCulture(String name, String datePattern, char decimalSeparator) {
		this.name = name;
		this.datePattern = datePattern;
		// "PM" and "pm" both occur: .NET cultures differ in the case of their AM/PM designators
		this.cultureFormat = new DateTimeFormatterBuilder().parseCaseInsensitive()
			.appendPattern(datePattern)
			.toFormatter(Locale.US)
			.withResolverStyle(ResolverStyle.STRICT);
		this.decimalSeparator = decimalSeparator;
	}

	/**
	 * @throws IllegalArgumentException for a culture with no known date format
	 */
	public static UsageCulture of(String culture) {
		String key = culture.trim().toLowerCase(Locale.ROOT);
		String pattern = DATE_TIME_PATTERNS.get(key);
		if (pattern == null) {
			throw new IllegalArgumentException("Unknown culture '" + culture + "'; known: "
					+ DATE_TIME_PATTERNS.keySet().stream().sorted().toList());
		}
		return new UsageCulture(culture.trim(), pattern, DECIMAL_COMMA.contains(key) ? ',' : '.');
	}

	public String name() {
		return this.name;
	}

	/**
	 * @throws DateTimeException with a message naming the expected formats
	 */
	public Instant parseInstant(String value) {
		String text = value.trim();
		if (looksIso(text)) {
			try {
				TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text.replace(' ', 'T'),
						OffsetDateTime::from, LocalDateTime::from);
				return (parsed instanceof OffsetDateTime offset) ? offset.toInstant()
						: ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
			}
			catch (DateTimeParseException ex) {
				// some cultures (en-CA, sv-SE) also start with yyyy-MM-dd: try the culture's pattern
			}
		}
		try {
			return LocalDateTime.parse(text, this.cultureFormat).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			throw new DateTimeException("not a date: '" + value + "' (expected " + this.datePattern.replace('u', 'y')
					+ " for culture " + this.name + ", or ISO-8601)");
		}
	}

	private static boolean looksIso(String text) {
		return text.length() >= 19 && text.charAt(4) == '-' && text.charAt(7) == '-'
				&& (text.charAt(10) == 'T' || text.charAt(10) == ' ');
	}

	/**
	 * Parses a quantity exactly. The exponent form ({@code 1E-05}) that .NET uses for small doubles is accepted.
	 * @throws NumberFormatException with a message naming the problem
	 */
	public BigDecimal parseQuantity(String value) {
		String text = value.trim();
		if (text.isEmpty()) {
			throw new NumberFormatException("missing");
		}
		char wrong = (this.decimalSeparator == '.') ? ',' : '.';
		if (text.indexOf(wrong) >= 0) {
			throw new NumberFormatException("not a number: '" + value + "' (culture " + this.name
					+ " uses '" + this.decimalSeparator + "' as decimal separator)");
		}
		String plain = (this.decimalSeparator == ',') ? text.replace(',', '.') : text;
		try {
			return new BigDecimal(plain);
		}
		catch (NumberFormatException ex) {
			throw new NumberFormatException("not a number: '" + value + "'");
		}
	}

}

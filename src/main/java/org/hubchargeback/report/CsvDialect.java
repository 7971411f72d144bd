package org.hubchargeback.report;

import java.math.BigDecimal;
import java.time.Instant;

import org.apache.commons.csv.CSVFormat;

/**
 * The one CSV dialect of every output file: UTF-8, comma, RFC 4180 quoting only where needed, CRLF, ISO-8601 dates
 * and UTC instants, plain decimals with a dot and no exponent or thousands separator.
 */
public final class CsvDialect {

	public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

	public static final String LINE_SEPARATOR = "\r\n";

	private CsvDialect() {
	}

	/**
	 * One CSV line without its separator.
	 */
	public static String line(Object... values) {
		return FORMAT.format(values);
	}

	/**
	 * Exact decimal, no exponent, no trailing zeros: {@code 0.00001}, {@code 48}.
	 */
	public static String quantity(BigDecimal quantity) {
		return (quantity.signum() == 0) ? "0" : quantity.stripTrailingZeros().toPlainString();
	}

	public static String instant(Instant instant) {
		return instant.toString();
	}

}

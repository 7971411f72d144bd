package org.hubchargeback.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.ByteOrderMark;
import org.apache.commons.io.input.BOMInputStream;
import org.jspecify.annotations.Nullable;

/**
 * The one CSV dialect of every output file: UTF-8 (with a byte-order mark if configured), comma, RFC 4180 quoting only
 * where needed, CRLF, ISO-8601 dates and UTC instants, plain decimals with a dot and no exponent or thousands
 * separator, a header row and no totals row (totals are in the manifest).
 * <p>
 * Every value goes through {@link #safe}: a text that a spreadsheet would run as a formula is neutralized as OWASP's
 * CSV-injection guidance says, by a leading single quote. The outputs are opened in Excel by finance, and some of
 * their text (a file name, a meter name of the catalog, values that passed validation) comes from outside.
 */
public final class CsvDialect {

	public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

	public static final String LINE_SEPARATOR = "\r\n";

	private CsvDialect() {
	}

	/**
	 * A copy per thread: {@link CSVFormat#print(Object, Appendable, boolean)} locks its instance, and loading threads
	 * format lines at once.
	 */
	private static final ThreadLocal<CSVFormat> PER_THREAD = ThreadLocal.withInitial(() -> FORMAT.builder().get());

	/**
	 * Neutralizes a text a spreadsheet would take for a formula: one starting with {@code =}, {@code +}, {@code -},
	 * {@code @}, a tab or a carriage return gets a leading {@code '} (OWASP, "CSV Injection"; a spreadsheet strips a
	 * leading tab, so {@code \t=1+1} counts too). A plain decimal ({@code -1.5}, a negative cost or residual) is a
	 * number, not a formula, and is left alone: that is how numbers and text are told apart, by what the value is,
	 * so that no caller has to say which of its columns are numeric.
	 */
	public static @Nullable Object safe(@Nullable Object value) {
		if (value instanceof CharSequence text && needsQuote(text)) {
			return "'" + text;
		}
		return value;
	}

	static boolean needsQuote(CharSequence text) {
		if (text.isEmpty()) {
			return false;
		}
		char first = text.charAt(0);
		if (first == '=' || first == '+' || first == '@' || first == '\t' || first == '\r') {
			return true;
		}
		return first == '-' && !isPlainDecimal(text);
	}

	/**
	 * {@code -12}, {@code -0.5}: a sign, digits, and at most one dot between digits.
	 */
	private static boolean isPlainDecimal(CharSequence text) {
		int i = (text.charAt(0) == '-') ? 1 : 0;
		boolean digits = false;
		boolean dot = false;
		for (; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c >= '0' && c <= '9') {
				digits = true;
			}
			else if (c == '.' && digits && !dot && i + 1 < text.length()) {
				dot = true;
			}
			else {
				return false;
			}
		}
		return digits;
	}

	/**
	 * A sum of costs as the rows show them, in the currency's minor unit ({@code 0.30}, not {@code 0.3}).
	 * @throws ArithmeticException when it has more decimals than the currency: it was not summed from rounded costs
	 */
	public static String cost(BigDecimal cost, Currency currency) {
		return cost.setScale(Math.max(currency.getDefaultFractionDigits(), 0), RoundingMode.UNNECESSARY)
			.toPlainString();
	}

	/**
	 * One CSV line without its separator: what {@link CSVFormat#format} makes, without a printer per line.
	 */
	public static String line(Object... values) {
		CSVFormat format = PER_THREAD.get();
		StringBuilder line = new StringBuilder(256);
		try {
			for (int i = 0; i < values.length; i++) {
				format.print(safe(values[i]), line, i == 0);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return line.toString();
	}

	/**
	 * Appends a comma and one more value of a line, quoted as {@link #line} would.
	 */
	public static StringBuilder appendValue(StringBuilder line, String value) {
		try {
			PER_THREAD.get().print(safe(value), line, false);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return line;
	}

	/**
	 * Exact decimal, no exponent, no trailing zeros: {@code 0.00001}, {@code 48}.
	 */
	public static String quantity(BigDecimal quantity) {
		return (quantity.signum() == 0) ? "0" : quantity.stripTrailingZeros().toPlainString();
	}

	/**
	 * The most significant digits a spreadsheet keeps of a number (Excel and LibreOffice Calc hold IEEE doubles and
	 * show 15): the files meant for people round quantities to this, the manifest and the chargeback files keep them
	 * exact.
	 */
	public static final int SPREADSHEET_DIGITS = 15;

	/**
	 * A quantity rounded (half up) to {@value #SPREADSHEET_DIGITS} significant digits, plain and without trailing
	 * zeros: {@code 10.0000000000000008} is {@code 10}.
	 */
	public static String quantityForPeople(BigDecimal quantity) {
		return quantity(quantity.round(new MathContext(SPREADSHEET_DIGITS, RoundingMode.HALF_UP)));
	}

	public static String instant(Instant instant) {
		return instant.toString();
	}

	/**
	 * The UTF-8 byte-order mark some outputs start with (see {@code hub-chargeback.csv.byte-order-mark}).
	 */
	public static final String BYTE_ORDER_MARK = "\uFEFF";

	/**
	 * Writes a whole report: the header, then the rows {@code body} prints.
	 */
	public static void write(Path file, boolean byteOrderMark, List<String> header, CsvBody body) throws IOException {
		try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
				CSVPrinter printer = new CSVPrinter(writer, FORMAT)) {
			if (byteOrderMark) {
				writer.write(BYTE_ORDER_MARK);
			}
			printer.printRecord(header);
			body.print(new Rows(printer));
		}
	}

	/**
	 * Reads an output back as text, without the byte-order mark it may start with.
	 */
	public static Reader reader(InputStream in) throws IOException {
		BOMInputStream text = BOMInputStream.builder().setInputStream(in).setByteOrderMarks(ByteOrderMark.UTF_8).get();
		return new BufferedReader(new InputStreamReader(text, StandardCharsets.UTF_8), 1 << 16);
	}

	/**
	 * Reads a small output back whole: one map per row, keyed by header.
	 */
	public static List<Map<String, String>> rows(Path file) throws IOException {
		CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
		List<Map<String, String>> rows = new ArrayList<>();
		try (Reader reader = reader(Files.newInputStream(file)); CSVParser parser = format.parse(reader)) {
			for (CSVRecord row : parser) {
				rows.add(row.toMap());
			}
		}
		return rows;
	}

	@FunctionalInterface
	public interface CsvBody {

		void print(Rows rows) throws IOException;

	}

	/**
	 * The rows of a report, each value made {@link #safe} on its way to the printer.
	 */
	public static final class Rows {

		private final CSVPrinter printer;

		Rows(CSVPrinter printer) {
			this.printer = printer;
		}

		public void printRecord(Iterable<?> values) throws IOException {
			List<Object> safe = new ArrayList<>();
			values.forEach((value) -> safe.add(safe(value)));
			this.printer.printRecord(safe);
		}

		public void printRecord(Object... values) throws IOException {
			printRecord(Arrays.asList(values));
		}

	}

}

package org.hubchargeback.usage;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Arrays;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import org.jspecify.annotations.Nullable;

/**
 * Splits an export's text into records (FastCSV: about twice Commons CSV's speed on exports), each with the physical
 * line it starts on (the header is line 1; blank lines and line breaks inside quotes count). Strict where an export
 * cannot be read for sure: text after a closing quote, or a quote never closed, makes the rest of the file unreadable.
 * FastCSV 4.3 at least: 4.1 lost the field holding a lone carriage return inside quotes, and the record after it.
 */
final class ExportRecords implements Closeable {

	private final Fields fields = new Fields();

	private final CsvReader<Record> reader;

	private final CloseableIterator<Record> records;

	ExportRecords(Reader text, char delimiter) {
		this.reader = CsvReader.builder()
			.fieldSeparator(delimiter)
			.quoteCharacter('"')
			.commentStrategy(CommentStrategy.NONE)
			.skipEmptyLines(true)
			// a row with more or fewer fields than the header is a rejected row, not a broken file
			.extraFieldStrategy(FieldMismatchStrategy.IGNORE)
			.missingFieldStrategy(FieldMismatchStrategy.IGNORE)
			.allowExtraCharsAfterClosingQuote(false)
			// else the rest of the file would be one field
			.allowUnclosedQuote(false)
			.trimWhitespacesAroundQuotes(false)
			// ExportFiles took the byte-order mark off
			.detectBomHeader(false)
			.build(this.fields, text);
		this.records = this.reader.iterator();
	}

	/**
	 * @return the next record, null after the last
	 * @throws InvalidUsageFileException when the rest of the text is not CSV, naming the line its record starts on
	 */
	@Nullable Record next() {
		Record record;
		try {
			if (!this.records.hasNext()) {
				return null;
			}
			record = this.records.next();
		}
		catch (CsvParseException | UncheckedIOException ex) {
			// the reason is in the innermost message
			Throwable cause = ex;
			while (cause.getCause() != null && cause.getCause() != cause) {
				cause = cause.getCause();
			}
			String reason = (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
			throw new InvalidUsageFileException(this.fields.line,
					"the record starting here (or on a later line) is not valid CSV: " + reason);
		}
		return record;
	}

	@Override
	public void close() throws IOException {
		this.reader.close();
	}

	/**
	 * One CSV record of an export.
	 *
	 * @param line the physical line it starts on
	 */
	record Record(long line, String[] values) {
	}

	/**
	 * Builds each record's fields. (Looking each value up to keep one string per distinct value was measured: hashing
	 * the characters cost what it spared the lookups after it.)
	 */
	private static final class Fields extends AbstractBaseCsvCallbackHandler<Record> {

		private String[] values = new String[32];

		private int count;

		// the previous record's fields: most fields repeat the one above them (a resource's hours, a day's dates), and
		// reusing its string spares making one, and the collector collecting it
		private String[] previous = new String[0];

		// the line of the record being read, for errors
		private long line = 1;

		@Override
		protected void handleBegin(long startingLineNumber) {
			this.count = 0;
			this.line = startingLineNumber;
		}

		@Override
		protected void handleField(int fieldIdx, char[] buf, int offset, int len, boolean quoted) {
			if (this.count == this.values.length) {
				this.values = Arrays.copyOf(this.values, this.count * 2);
			}
			String above = (this.count < this.previous.length) ? this.previous[this.count] : null;
			this.values[this.count++] = (above != null && same(above, buf, offset, len)) ? above
					: new String(buf, offset, len);
		}

		private static boolean same(String value, char[] buf, int offset, int len) {
			if (value.length() != len) {
				return false;
			}
			for (int i = 0; i < len; i++) {
				if (value.charAt(i) != buf[offset + i]) {
					return false;
				}
			}
			return true;
		}

		@Override
		protected Record buildRecord() {
			String[] fields = Arrays.copyOf(this.values, this.count);
			this.previous = fields;
			return new Record(getStartingLineNumber(), fields);
		}

	}

}

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
	 * Builds each record's fields, one string per distinct value of a column (see {@link Column}).
	 */
	private static final class Fields extends AbstractBaseCsvCallbackHandler<Record> {

		private String[] values = new String[32];

		private Column[] columns = new Column[32];

		private int count;

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
				this.columns = Arrays.copyOf(this.columns, this.count * 2);
			}
			int i = this.count++;
			Column column = this.columns[i];
			if (column == null) {
				column = new Column();
				this.columns[i] = column;
			}
			this.values[i] = column.value(buf, offset, len);
		}

		@Override
		protected Record buildRecord() {
			return new Record(getStartingLineNumber(), Arrays.copyOf(this.values, this.count));
		}

	}

	/**
	 * The values of one column. Most columns of an export hold few distinct values (hours, subscriptions, meters,
	 * locations) in millions of rows: each is made a string once and found again in a small table, sparing the copy and
	 * letting later lookups use the string's cached hash and identity. A column whose values rarely repeat (quantities,
	 * resource IDs) stops being looked up after its first rows.
	 */
	static final class Column {

		private static final int SLOTS = 1 << 10;

		private static final int LONGEST = 256;

		private static final int TRIAL = 4096;

		private final String[] strings = new String[SLOTS];

		private final char[][] chars = new char[SLOTS][];

		private int lookups;

		private int hits;

		private boolean interning = true;

		String value(char[] buf, int offset, int len) {
			if (!this.interning || len > LONGEST) {
				return new String(buf, offset, len);
			}
			this.lookups++;
			int hash = len;
			for (int i = offset; i < offset + len; i++) {
				hash = 31 * hash + buf[i];
			}
			int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
			char[] known = this.chars[slot];
			if (known != null && Arrays.equals(known, 0, known.length, buf, offset, offset + len)) {
				this.hits++;
				return this.strings[slot];
			}
			String value = new String(buf, offset, len);
			this.strings[slot] = value;
			this.chars[slot] = Arrays.copyOfRange(buf, offset, offset + len);
			if (this.lookups >= TRIAL && this.hits < this.lookups / 2) {
				// mostly distinct values: looking them up costs more than it saves
				this.interning = false;
			}
			return value;
		}

	}

}

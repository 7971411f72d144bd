package org.hubchargeback.usage;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ExportRecordsTests {

	@Test
	void physicalLinesCountBlankLinesAndEveryKindOfLineBreakInsideQuotes() {
		// given
		String text = "a,b\r\n\"1\",\"x\ry\"\n\n\"2\",\"two\r\nlines\"\r3,\"\"\"q\"\"\"";

		// when
		List<String> records = read(text, ',');

		// then
		assertThat(records).containsExactly("1:[a, b]", "2:[1, x\ry]", "5:[2, two\r\nlines]", "7:[3, \"q\"]");
	}

	@Test
	void aRowWithMoreOrFewerFieldsIsARecordAsItIs() {
		assertThat(read("a,b\n1,2,3\n4\n", ',')).containsExactly("1:[a, b]", "2:[1, 2, 3]", "3:[4]");
	}

	@ParameterizedTest
	@ValueSource(strings = { "a,b\n1,2\n\"3,4\n5,6\n", "a,b\n1,2\n\"3\"x,4\n5,6\n" })
	void aQuoteNeverClosedOrTextAfterAClosingQuoteMakesTheRestUnreadableFromItsLine(String text) {
		try (ExportRecords records = new ExportRecords(new StringReader(text), ',')) {
			records.next();
			records.next();
			assertThatExceptionOfType(InvalidUsageFileException.class).isThrownBy(records::next)
				.satisfies((ex) -> assertThat(ex.line()).isEqualTo(3))
				.withMessageStartingWith("the record starting here (or on a later line) is not valid CSV: ");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Random exports made of the awkward parts: quotes, doubled quotes, delimiters and every kind of line break inside
	 * quotes, blank lines, ragged rows. The fields must be those Commons CSV (the job's reader before) reads; each
	 * record's line the physical line its row starts on, counted here as the rows are written. (Commons CSV's
	 * positions put a record after a blank line on the blank line: the job's line numbers were one short there.)
	 */
	@ParameterizedTest
	@ValueSource(chars = { ',', ';', '\t' })
	void readsTheFieldsCommonsCsvReadsOnTheLinesTheRowsStart(char delimiter) throws IOException {
		Random random = new Random(delimiter);
		String[] pieces = { "a", "2026-11-16T01:00:00Z", "1.5", " ", "x\"y", "", "é", "\uFEFF" };
		String[] quotedPieces = { "\"\"", "\r", "\n", "\r\n", String.valueOf(delimiter), "z" };
		String[] breaks = { "\n", "\r\n", "\r" };
		for (int file = 0; file < 300; file++) {
			StringBuilder text = new StringBuilder();
			List<Integer> rowStarts = new ArrayList<>();
			int rows = random.nextInt(8);
			for (int row = 0; row < rows; row++) {
				int start = text.length();
				int fields = 1 + random.nextInt(4);
				for (int f = 0; f < fields; f++) {
					if (f > 0) {
						text.append(delimiter);
					}
					if (random.nextBoolean()) {
						text.append('"');
						for (int p = random.nextInt(3); p > 0; p--) {
							text.append(quotedPieces[random.nextInt(quotedPieces.length)]);
						}
						text.append('"');
					}
					else {
						text.append(pieces[random.nextInt(pieces.length)]);
					}
				}
				if (text.length() > start) {
					// an empty row is a blank line: no record
					rowStarts.add(start);
				}
				if (row < rows - 1 || random.nextBoolean()) {
					text.append(breaks[random.nextInt(breaks.length)]);
				}
				if (random.nextInt(5) == 0) {
					// a blank line (or, after a lone CR, the LF of a CRLF)
					text.append(breaks[random.nextInt(breaks.length)]);
				}
			}
			List<String> expected = new ArrayList<>();
			List<List<String>> fields = commonsCsv(text.toString(), delimiter);
			assertThat(fields).as("%s", text).hasSameSizeAs(rowStarts);
			for (int i = 0; i < fields.size(); i++) {
				expected.add(lineAt(text, rowStarts.get(i)) + ":" + fields.get(i));
			}
			assertThat(read(text.toString(), delimiter)).as("%s", text).isEqualTo(expected);
		}
	}

	/**
	 * @return the physical line of a position: 1 + the line breaks before it (CR, LF, or CRLF counted once)
	 */
	private static long lineAt(CharSequence text, int position) {
		long line = 1;
		for (int i = 0; i < position; i++) {
			char c = text.charAt(i);
			if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
				line++;
			}
		}
		return line;
	}

	private static List<String> read(String text, char delimiter) {
		List<String> out = new ArrayList<>();
		try (ExportRecords records = new ExportRecords(new StringReader(text), delimiter)) {
			for (ExportRecords.Record r = records.next(); r != null; r = records.next()) {
				out.add(r.line() + ":" + List.of(r.values()));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out;
	}

	private static List<List<String>> commonsCsv(String text, char delimiter) throws IOException {
		List<List<String>> out = new ArrayList<>();
		CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setDelimiter(delimiter).get();
		try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(format).get()) {
			for (CSVRecord record : parser) {
				out.add(List.of(record.values()));
			}
		}
		return out;
	}

}

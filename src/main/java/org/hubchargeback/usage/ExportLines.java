package org.hubchargeback.usage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The text of a few records of an export exactly as the file holds them, read again after loading: the rejected
 * records a later step finds (conflicting duplicates) show the export's own line, not one rebuilt from the record.
 * The file is read to its end and must still have the SHA-256 it had when it was loaded, or the lines would not be
 * the ones the run charged.
 */
public final class ExportLines {

	private static final int MAX_RAW_LINE = 10_000;

	private ExportLines() {
	}

	/**
	 * @param sha256 the SHA-256 of the file's bytes when the run read it
	 * @param lines the physical lines records start on (the header is line 1)
	 * @return line to the record's text without its line break; a record over several lines (a line break inside
	 * quotes) with the breaks as the file has them
	 * @throws IllegalStateException when the file is gone, changed since it was read, or has no record at a line
	 */
	public static Map<Long, String> read(InputFile file, String sha256, NavigableSet<Long> lines) {
		Map<Long, String> records = new HashMap<>();
		try (DigestInputStream bytes = new DigestInputStream(Files.newInputStream(file.path()),
				MessageDigest.getInstance("SHA-256"));
				BufferedReader text = ExportFiles.open(bytes, file.path())) {
			collect(text, new TreeSet<>(lines), records);
			// the rest of the file is hashed too
			bytes.transferTo(OutputStream.nullOutputStream());
			String now = HexFormat.of().formatHex(bytes.getMessageDigest().digest());
			if (!now.equals(sha256)) {
				throw changed(file, "its SHA-256 was " + sha256 + " then and is " + now + " now");
			}
		}
		catch (IOException ex) {
			throw changed(file, "it cannot be read again: " + ex.getMessage());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		if (records.size() < lines.size()) {
			throw changed(file, "no record starts on line " + lines.stream().filter((l) -> !records.containsKey(l))
				.findFirst().orElseThrow());
		}
		return records;
	}

	/**
	 * The record as a spreadsheet cell can hold it: the first 10,000 characters of a longer one.
	 */
	public static String cut(String record) {
		return (record.length() <= MAX_RAW_LINE) ? record
				: record.substring(0, MAX_RAW_LINE) + "... (" + record.length() + " characters in all)";
	}

	/**
	 * A record ends at the first line break outside quotes, where the quote characters so far are even in number (an
	 * escaped quote is two); so a line inside a quoted field starts no record.
	 */
	private static void collect(BufferedReader text, NavigableSet<Long> wanted, Map<Long, String> records)
			throws IOException {
		long line = 1;
		boolean lineStart = true;
		boolean quoted = false;
		StringBuilder record = null;
		long recordLine = 0;
		while (!wanted.isEmpty() || record != null) {
			int c = text.read();
			boolean lineBreak = (c == '\n' || c == '\r');
			if (record != null && (c < 0 || (lineBreak && !quoted))) {
				records.put(recordLine, cut(record.toString()));
				record = null;
			}
			if (c < 0) {
				return;
			}
			if (lineStart && !quoted && !lineBreak && wanted.remove(line)) {
				record = new StringBuilder();
				recordLine = line;
			}
			lineStart = false;
			quoted ^= (c == '"');
			if (record != null) {
				record.append((char) c);
			}
			if (lineBreak) {
				if (c == '\r') {
					// "\r\n" is one line break
					text.mark(1);
					int next = text.read();
					if (next == '\n' && record != null) {
						record.append('\n');
					}
					else if (next != '\n' && next >= 0) {
						text.reset();
					}
				}
				line++;
				lineStart = true;
			}
		}
	}

	private static IllegalStateException changed(InputFile file, String why) {
		return new IllegalStateException("cannot show the rejected records of " + file.displayName() + " as the export"
				+ " has them: " + why + "; the file changed while the run was charging it, nothing published. Leave"
				+ " the exports as they are while a run reads them, and run the range again");
	}

}

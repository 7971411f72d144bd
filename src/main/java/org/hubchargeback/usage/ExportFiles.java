package org.hubchargeback.usage;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

import org.apache.commons.io.ByteOrderMark;
import org.apache.commons.io.input.BOMInputStream;

/**
 * Opens an export as text the way it was written: gzip-compressed ({@code .csv.gz}) or not; UTF-8 (with or without
 * byte-order mark) or UTF-16 (Windows PowerShell's {@code Out-File} writes it, with or without a mark); comma, or
 * the semicolon of {@code Export-Csv -UseCulture} in decimal-comma cultures, or tab.
 */
public final class ExportFiles {

	private static final int BUFFER = 1 << 16;

	private ExportFiles() {
	}

	public static boolean isExport(Path file) {
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		return name.endsWith(".csv") || name.endsWith(".csv.gz");
	}

	/**
	 * @param raw the file's bytes (a {@link java.security.DigestInputStream} hashes them as they are read)
	 */
	static BufferedReader open(InputStream raw, Path file) throws IOException {
		try {
			if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
				raw = new GZIPInputStream(raw, BUFFER);
			}
			BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
			Charset sniffed = sniff(in);
			BOMInputStream bom = BOMInputStream.builder()
				.setInputStream(in)
				.setByteOrderMarks(ByteOrderMark.UTF_8, ByteOrderMark.UTF_16LE, ByteOrderMark.UTF_16BE)
				.get();
			Charset charset = bom.hasBOM() ? Charset.forName(bom.getBOMCharsetName()) : sniffed;
			return new BufferedReader(new InputStreamReader(bom, charset), BUFFER);
		}
		catch (IOException | RuntimeException ex) {
			raw.close();
			throw ex;
		}
	}

	private static void skipTypeLine(BufferedReader reader) throws IOException {
		char[] head = new char[6];
		int read = reader.read(head);
		if (read == 6 && new String(head).replace("\uFEFF", "").startsWith("#TYPE")) {
			int c;
			while ((c = reader.read()) >= 0 && c != '\n') {
				// the rest of the type line
			}
			return;
		}
		reader.reset();
		reader.mark(BUFFER);
	}

	/**
	 * UTF-16 text without a mark has a zero byte in every other position of its ASCII header.
	 */
	private static Charset sniff(BufferedInputStream in) throws IOException {
		in.mark(4);
		byte[] head = in.readNBytes(4);
		in.reset();
		if (head.length == 4 && head[0] != 0 && head[1] == 0 && head[2] != 0 && head[3] == 0) {
			return StandardCharsets.UTF_16LE;
		}
		if (head.length == 4 && head[0] == 0 && head[1] != 0 && head[2] == 0 && head[3] != 0) {
			return StandardCharsets.UTF_16BE;
		}
		return StandardCharsets.UTF_8;
	}

	/**
	 * The delimiter of the header line (the line after a {@code #TYPE} line): the most frequent of comma, semicolon and
	 * tab outside quotes.
	 */
	static char delimiter(BufferedReader reader) throws IOException {
		reader.mark(BUFFER);
		skipTypeLine(reader);
		int commas = 0;
		int semicolons = 0;
		int tabs = 0;
		boolean quoted = false;
		for (int i = 0; i < BUFFER - 1; i++) {
			int c = reader.read();
			if (c < 0 || (!quoted && (c == '\n' || c == '\r'))) {
				break;
			}
			if (c == '"') {
				quoted = !quoted;
			}
			else if (!quoted) {
				commas += (c == ',') ? 1 : 0;
				semicolons += (c == ';') ? 1 : 0;
				tabs += (c == '\t') ? 1 : 0;
			}
		}
		reader.reset();
		if (semicolons > commas && semicolons >= tabs) {
			return ';';
		}
		return (tabs > commas) ? '\t' : ',';
	}

}

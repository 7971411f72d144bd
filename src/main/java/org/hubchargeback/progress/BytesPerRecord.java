package org.hubchargeback.progress;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * How many bytes of a file one record takes, from its first lines: the reader does not say where in a file it is, so
 * a file being read counts as its records read times this. A compressed export is measured in compressed bytes.
 */
final class BytesPerRecord {

	private static final int SAMPLE = 64 * 1024;

	private BytesPerRecord() {
	}

	/**
	 * @return the estimate, or 0 when the file cannot be read (then it counts only once read whole)
	 */
	static double of(Path file) {
		try (CountingInputStream raw = new CountingInputStream(Files.newInputStream(file));
				InputStream text = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
			byte[] buffer = new byte[SAMPLE];
			int read = text.readNBytes(buffer, 0, SAMPLE);
			long lines = 0;
			for (int i = 0; i < read; i++) {
				if (buffer[i] == '\n') {
					lines++;
				}
			}
			return (lines > 0) ? (double) raw.count / lines : 0;
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	private static final class CountingInputStream extends FilterInputStream {

		private long count;

		CountingInputStream(InputStream in) {
			super(in);
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			this.count += (b >= 0) ? 1 : 0;
			return b;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			int n = super.read(b, off, len);
			this.count += Math.max(0, n);
			return n;
		}

	}

}

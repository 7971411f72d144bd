package org.hubchargeback.chargeback;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The chargeback rows one usage day of one hub wrote, for every subscription it charged: one data file holding each
 * subscription's rows together, and an index saying where ({@code offset,length,subscription} per line). A
 * subscription's chargeback file is its header, then its rows of each day file in name order (day after day, hub
 * after hub), copied as bytes.
 * <p>
 * Two files per day rather than a file per day and subscription: creating a file costs about half a millisecond on
 * the virtual disks measured, and a day of a large hub charges thousands of subscriptions.
 */
public final class DayRows {

	static final String DATA = ".csv";

	static final String INDEX = ".idx";

	private DayRows() {
	}

	/**
	 * @param name the day file's name without its extension: day files are read in the order of their names
	 */
	public static Writer writer(Path dir, String name) throws IOException {
		Files.createDirectories(dir);
		return new Writer(dir.resolve(name + DATA), dir.resolve(name + INDEX));
	}

	/**
	 * @return every subscription's rows in the day files of {@code dir}, in the order they go into its chargeback file
	 */
	public static Map<String, List<Segment>> read(Path dir) throws IOException {
		List<Path> indexes;
		try (Stream<Path> files = Files.list(dir)) {
			indexes = files.filter((file) -> file.getFileName().toString().endsWith(INDEX)).sorted().toList();
		}
		catch (NoSuchFileException ex) {
			// no day charged anything
			return Map.of();
		}
		Map<String, List<Segment>> segments = new HashMap<>();
		for (Path index : indexes) {
			String name = index.getFileName().toString();
			Path data = index.resolveSibling(name.substring(0, name.length() - INDEX.length()) + DATA);
			int number = 0;
			for (String line : Files.readAllLines(index, StandardCharsets.UTF_8)) {
				number++;
				int first = line.indexOf(',');
				int second = (first < 0) ? -1 : line.indexOf(',', first + 1);
				if (second < 0) {
					throw new IllegalStateException(index + " line " + number + " is not offset,length,subscription: "
							+ line + " (the run's work folder was changed; rerun the range)");
				}
				segments.computeIfAbsent(line.substring(second + 1), (k) -> new ArrayList<>())
					.add(new Segment(data, Long.parseLong(line, 0, first, 10),
							Long.parseLong(line, first + 1, second, 10)));
			}
		}
		return segments;
	}

	/**
	 * Where one subscription's rows of one day are.
	 */
	public record Segment(Path data, long offset, long length) {

		/**
		 * Copies the rows to {@code out}.
		 */
		public void copyTo(FileChannel in, FileChannel out) throws IOException {
			long done = 0;
			while (done < this.length) {
				long copied = in.transferTo(this.offset + done, this.length - done, out);
				if (copied <= 0) {
					throw new IllegalStateException(this.data + " ends before the rows its index names (bytes "
							+ this.offset + " to " + (this.offset + this.length) + "); rerun the range");
				}
				done += copied;
			}
		}

	}

	/**
	 * Writes one day's rows, a subscription at a time, as they are printed (a default subscription of a large hub may
	 * have hundreds of thousands a day); the index is written when it is closed.
	 */
	public static final class Writer implements Closeable {

		private final CountingStream bytes;

		private final java.io.Writer text;

		private final Path index;

		private final StringBuilder entries = new StringBuilder();

		private @Nullable String subscription;

		private long start;

		Writer(Path data, Path index) throws IOException {
			this.bytes = new CountingStream(new BufferedOutputStream(Files.newOutputStream(data), 1 << 16));
			this.text = new OutputStreamWriter(this.bytes, StandardCharsets.UTF_8);
			this.index = index;
		}

		/**
		 * Starts a subscription's rows: what {@link #append} writes until the next call or {@link #close}.
		 */
		public void begin(String subscription) throws IOException {
			end();
			this.subscription = subscription;
			this.start = this.bytes.count;
		}

		/**
		 * @param rows rows of the subscription begun last, each ending with a line separator
		 */
		public void append(CharSequence rows) throws IOException {
			if (this.subscription == null) {
				throw new IllegalStateException("rows before their subscription");
			}
			this.text.append(rows);
		}

		/**
		 * A subscription's rows at once.
		 */
		public void add(String subscription, CharSequence rows) throws IOException {
			begin(subscription);
			append(rows);
		}

		private void end() throws IOException {
			if (this.subscription != null) {
				// the encoder's bytes out, so that the count is where the subscription's rows end
				this.text.flush();
				this.entries.append(this.start)
					.append(',')
					.append(this.bytes.count - this.start)
					.append(',')
					.append(this.subscription)
					.append('\n');
				this.subscription = null;
			}
		}

		@Override
		public void close() throws IOException {
			try {
				end();
			}
			finally {
				this.text.close();
			}
			Files.writeString(this.index, this.entries, StandardCharsets.UTF_8);
		}

	}

	/**
	 * Counts the bytes written through it; a flush goes no further (the file is flushed when closed).
	 */
	private static final class CountingStream extends FilterOutputStream {

		long count;

		CountingStream(OutputStream out) {
			super(out);
		}

		@Override
		public void write(int b) throws IOException {
			this.out.write(b);
			this.count++;
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			this.out.write(b, off, len);
			this.count += len;
		}

		@Override
		public void flush() {
		}

	}

}

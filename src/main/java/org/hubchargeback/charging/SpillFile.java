package org.hubchargeback.charging;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hubchargeback.resolution.ChargeReason;
import org.hubchargeback.resolution.DefaultReason;
import org.jspecify.annotations.Nullable;

/**
 * The load step's output for one input file and one usage day: its accepted records, resolved, in reading order, in
 * a compact binary form that only this run reads back. Strings are written once per file and then referred to by
 * number (a subscription or meter ID appears in thousands of records), numbers as variable-length integers. A record
 * is about 40 bytes, a tenth of its CSV line.
 */
public final class SpillFile {

	private SpillFile() {
	}

	/**
	 * Appends entries. Its position after a flush is what the load step commits; a restart truncates the file to it.
	 */
	public static final class Writer implements Closeable {

		private final FileChannel channel;

		private final Output out;

		private final Map<String, Integer> strings = new HashMap<>();

		// per string field of a record: the string it last held, and its number
		private final @Nullable String[] lastStrings = new String[6];

		private final int[] lastNumbers = new int[6];

		/**
		 * Opens {@code file} for appending after its first {@code length} bytes (0: a new file), dropping anything
		 * after them: bytes a failed execution wrote but never committed.
		 */
		public static Writer open(Path file, long length) {
			try {
				Map<String, Integer> strings = new HashMap<>();
				if (length > 0) {
					// the strings the committed part defines are referred to from here on
					try (Reader reader = new Reader(file, length, new HashMap<>())) {
						while (reader.next() != null) {
							// read for its string table
						}
						List<String> table = reader.strings;
						for (int i = 0; i < table.size(); i++) {
							strings.put(table.get(i), i);
						}
					}
				}
				FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
				channel.truncate(length);
				channel.position(length);
				return new Writer(channel, strings);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		private Writer(FileChannel channel, Map<String, Integer> strings) {
			this.channel = channel;
			this.out = new Output(channel);
			this.strings.putAll(strings);
		}

		public void write(ChargeableUsage e) {
			try {
				varLong(this.out, e.seq());
				varLong(this.out, e.line());
				varLong(this.out, e.usageStart().getEpochSecond());
				varLong(this.out, e.usageStart().getNano());
				varLong(this.out, e.usageEnd().getEpochSecond() - e.usageStart().getEpochSecond());
				varLong(this.out, e.usageEnd().getNano());
				string(0, e.hubSubscriptionId());
				string(1, e.tenantId());
				string(2, e.meterId());
				quantity(e.quantity());
				string(3, e.resourceUri());
				string(4, e.instance());
				string(5, e.chargedSubscriptionId());
				this.out.write(e.reason().ordinal());
				this.out.write((e.defaultReason() != null) ? e.defaultReason().ordinal() + 1 : 0);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		/**
		 * @return the file's length with everything written so far on it
		 */
		public long flush() {
			try {
				this.out.flush();
				return this.channel.size();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		@Override
		public void close() {
			try {
				this.out.close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		/**
		 * A string seen before as its number; a new one as -1 - its length, then its UTF-8 bytes.
		 */
		private void string(int field, String value) throws IOException {
			// most records repeat the previous record's subscription, resource and tenant: the same string instance
			if (value == this.lastStrings[field]) {
				varLong(this.out, this.lastNumbers[field]);
				return;
			}
			Integer known = this.strings.get(value);
			if (known != null) {
				this.lastStrings[field] = value;
				this.lastNumbers[field] = known;
				varLong(this.out, known);
				return;
			}
			this.lastStrings[field] = value;
			this.lastNumbers[field] = this.strings.size();
			this.strings.put(value, this.strings.size());
			byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
			varLong(this.out, -1L - bytes.length);
			this.out.write(bytes);
		}

		/**
		 * Scale and unscaled value; an unscaled value too long for 63 bits as its decimal digits.
		 */
		private void quantity(BigDecimal quantity) throws IOException {
			varLong(this.out, quantity.scale());
			BigInteger unscaled = quantity.unscaledValue();
			if (unscaled.bitLength() < 63) {
				this.out.write(0);
				varLong(this.out, unscaled.longValue());
			}
			else {
				byte[] digits = unscaled.toString().getBytes(StandardCharsets.US_ASCII);
				this.out.write(1);
				varLong(this.out, digits.length);
				this.out.write(digits);
			}
		}

	}

	/**
	 * Reads entries back in the order they were written.
	 */
	public static final class Reader implements Closeable {

		private final InputStream in;

		private final byte[] buffer = new byte[1 << 16];

		private int position;

		private int limit;

		private final List<String> strings = new ArrayList<>();

		private final Map<String, String> canonical;

		private long remaining;

		public Reader(Path file) throws IOException {
			this(file, new HashMap<>());
		}

		/**
		 * @param canonical one instance per string value, shared by the readers of one usage day: equal strings from
		 * different files are then the same object, compared and hashed at no cost
		 */
		public Reader(Path file, Map<String, String> canonical) throws IOException {
			this(file, Files.size(file), canonical);
		}

		private Reader(Path file, long length, Map<String, String> canonical) throws IOException {
			this.in = Files.newInputStream(file);
			this.remaining = length;
			this.canonical = canonical;
		}

		public @Nullable ChargeableUsage next() throws IOException {
			if (this.remaining <= 0) {
				return null;
			}
			CountingInput counted = new CountingInput();
			long seq = counted.varLong();
			long line = counted.varLong();
			long startSecond = counted.varLong();
			long startNano = counted.varLong();
			long seconds = counted.varLong();
			long endNano = counted.varLong();
			String hubSubscription = counted.string();
			String tenant = counted.string();
			String meter = counted.string();
			BigDecimal quantity = counted.quantity();
			String resourceUri = counted.string();
			String instance = counted.string();
			String charged = counted.string();
			ChargeReason reason = ChargeReason.values()[counted.unsignedByte()];
			int defaultReason = counted.unsignedByte();
			this.remaining -= counted.bytes;
			return new ChargeableUsage(seq, line, Instant.ofEpochSecond(startSecond, startNano),
					Instant.ofEpochSecond(startSecond + seconds, endNano), hubSubscription, tenant, meter, quantity,
					resourceUri, instance, charged, reason,
					(defaultReason == 0) ? null : DefaultReason.values()[defaultReason - 1]);
		}

		@Override
		public void close() throws IOException {
			this.in.close();
		}

		private boolean fill() throws IOException {
			int n = this.in.read(this.buffer);
			this.position = 0;
			this.limit = Math.max(n, 0);
			return n > 0;
		}

		/**
		 * Counts what one entry takes, so reading stops at the committed length.
		 */
		private final class CountingInput {

			private long bytes;

			int unsignedByte() throws IOException {
				this.bytes++;
				if (Reader.this.position == Reader.this.limit && !fill()) {
					throw new EOFException("spill file ends inside a record");
				}
				return Reader.this.buffer[Reader.this.position++] & 0xff;
			}

			long varLong() throws IOException {
				long zigzag = 0;
				for (int shift = 0;; shift += 7) {
					int b = unsignedByte();
					zigzag |= (long) (b & 0x7f) << shift;
					if (b < 0x80) {
						return (zigzag >>> 1) ^ -(zigzag & 1);
					}
				}
			}

			String string() throws IOException {
				long n = varLong();
				if (n >= 0) {
					return Reader.this.strings.get((int) n);
				}
				byte[] bytes = bytes((int) (-1 - n));
				String value = Reader.this.canonical.computeIfAbsent(new String(bytes, StandardCharsets.UTF_8),
						(v) -> v);
				Reader.this.strings.add(value);
				return value;
			}

			BigDecimal quantity() throws IOException {
				int scale = (int) varLong();
				if (unsignedByte() == 0) {
					return BigDecimal.valueOf(varLong(), scale);
				}
				byte[] digits = bytes((int) varLong());
				return new BigDecimal(new BigInteger(new String(digits, StandardCharsets.US_ASCII)), scale);
			}

			private byte[] bytes(int length) throws IOException {
				byte[] bytes = new byte[length];
				for (int done = 0; done < length;) {
					if (Reader.this.position == Reader.this.limit && !fill()) {
						throw new EOFException("spill file ends inside a record");
					}
					int n = Math.min(length - done, Reader.this.limit - Reader.this.position);
					System.arraycopy(Reader.this.buffer, Reader.this.position, bytes, done, n);
					Reader.this.position += n;
					done += n;
				}
				this.bytes += length;
				return bytes;
			}

		}

	}

	/**
	 * A write buffer without the per-byte locking of {@link java.io.BufferedOutputStream}.
	 */
	private static final class Output extends OutputStream {

		private final FileChannel channel;

		private final byte[] buffer = new byte[1 << 16];

		private int size;

		Output(FileChannel channel) {
			this.channel = channel;
		}

		@Override
		public void write(int b) throws IOException {
			if (this.size == this.buffer.length) {
				flush();
			}
			this.buffer[this.size++] = (byte) b;
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			if (length > this.buffer.length - this.size) {
				flush();
			}
			if (length > this.buffer.length) {
				drain(ByteBuffer.wrap(bytes, offset, length));
				return;
			}
			System.arraycopy(bytes, offset, this.buffer, this.size, length);
			this.size += length;
		}

		@Override
		public void flush() throws IOException {
			drain(ByteBuffer.wrap(this.buffer, 0, this.size));
			this.size = 0;
		}

		@Override
		public void close() throws IOException {
			try {
				flush();
			}
			finally {
				// closed even when the disk is full: an open file would keep its file system busy
				this.channel.close();
			}
		}

		private void drain(ByteBuffer bytes) throws IOException {
			while (bytes.hasRemaining()) {
				this.channel.write(bytes);
			}
		}

	}

	/**
	 * Zigzag variable-length encoding: small numbers, positive or negative, take one or two bytes.
	 */
	static void varLong(Output out, long value) throws IOException {
		if (out.buffer.length - out.size < 10) {
			out.flush();
		}
		long zigzag = (value << 1) ^ (value >> 63);
		while ((zigzag & ~0x7fL) != 0) {
			out.buffer[out.size++] = (byte) ((zigzag & 0x7f) | 0x80);
			zigzag >>>= 7;
		}
		out.buffer[out.size++] = (byte) zigzag;
	}

}

package org.hubchargeback.usage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reads every record of usage exports, file after file, in a fixed order (the load step gives each reader one file).
 * Restart state is the item count kept by the base class: a restarted step re-reads and skips the rows already
 * committed, so the sequence numbers stay the same.
 */
public class UsageFilesItemReader extends AbstractItemCountingItemStreamItemReader<UsageRow> {

	/**
	 * Execution-context key prefix of the records handed out per hub ({@code usageFiles.records.<hub>}): the run's
	 * input count, kept apart from the staged outcomes it is checked against.
	 */
	public static final String RECORDS_READ = "usageFiles.records.";

	/**
	 * Execution-context key prefix of the SHA-256 of each file read to its end ({@code usageFiles.sha256.<index>}):
	 * hashing while reading spares a second pass over every byte.
	 */
	public static final String SHA256 = "usageFiles.sha256.";

	/**
	 * Execution-context key prefix of the repeated header lines skipped in each file
	 * ({@code usageFiles.headers.<index>}): exports concatenated into one ({@code Get-Content a,b > all}) repeat theirs.
	 */
	public static final String REPEATED_HEADERS = "usageFiles.headers.";

	/**
	 * Execution-context key prefix of the part of a file read so far ({@code usageFiles.prefix.<index>}: its length
	 * in bytes, a colon, their SHA-256), kept at each commit: a restart compares it with the file as it is then, so a
	 * file edited inside the part already staged is caught even with its size and modification time kept.
	 */
	public static final String PREFIX = "usageFiles.prefix.";

	private final Map<Integer, Long> repeatedHeaders = new TreeMap<>();

	private final Map<Integer, String> hashes = new TreeMap<>();

	private final List<InputFile> files;

	private final Map<String, Long> recordsRead = new TreeMap<>();

	private int fileIndex;

	private @Nullable OpenFile current;

	public UsageFilesItemReader(List<InputFile> files) {
		this.files = List.copyOf(files);
		setName("usageFiles");
	}

	@Override
	public @Nullable UsageRow read() throws Exception {
		// the base class also counts the final read that finds no record; this counts records only
		UsageRow row = super.read();
		if (row != null) {
			this.recordsRead.merge(row.file().hub(), 1L, Long::sum);
		}
		return row;
	}

	/**
	 * Skips the records a failed execution already committed, without counting them again (the base class would
	 * skip through {@link #read()}).
	 */
	@Override
	protected void jumpToItem(int itemIndex) {
		for (int i = 0; i < itemIndex && doRead() != null; i++) {
			// skipped: its row is already staged
		}
	}

	@Override
	public void open(ExecutionContext executionContext) {
		this.recordsRead.clear();
		this.recordsRead.putAll(recordsRead(executionContext));
		this.hashes.clear();
		// not restored: a restart reads its file again from the start (see jumpToItem), counting them again
		this.repeatedHeaders.clear();
		super.open(executionContext);
	}

	@Override
	public void update(ExecutionContext executionContext) {
		super.update(executionContext);
		this.recordsRead.forEach((hub, count) -> executionContext.putLong(RECORDS_READ + hub, count));
		this.hashes.forEach((index, sha256) -> executionContext.putString(SHA256 + index, sha256));
		this.repeatedHeaders.forEach((index, count) -> executionContext.putLong(REPEATED_HEADERS + index, count));
		if (this.current != null) {
			executionContext.putString(PREFIX + this.current.file.index(), this.current.prefix());
		}
	}

	/**
	 * @param prefix a file's {@link #PREFIX} value, as a failed run's load step kept it
	 * @return whether the file still begins with the bytes that run had read
	 */
	public static boolean sameBeginning(Path file, String prefix) throws IOException {
		int colon = prefix.indexOf(':');
		long left = Long.parseLong(prefix.substring(0, colon));
		MessageDigest digest = sha256();
		try (InputStream in = Files.newInputStream(file)) {
			byte[] buffer = new byte[64 * 1024];
			while (left > 0) {
				int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
				if (n < 0) {
					return false; // shorter now than the part read
				}
				digest.update(buffer, 0, n);
				left -= n;
			}
		}
		return HexFormat.of().formatHex(digest.digest()).equals(prefix.substring(colon + 1));
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @return hub to records read, from a load step's execution context
	 */
	public static Map<String, Long> recordsRead(ExecutionContext executionContext) {
		Map<String, Long> counts = new TreeMap<>();
		for (Map.Entry<String, Object> entry : executionContext.entrySet()) {
			if (entry.getKey().startsWith(RECORDS_READ)) {
				counts.put(entry.getKey().substring(RECORDS_READ.length()), ((Number) entry.getValue()).longValue());
			}
		}
		return counts;
	}

	@Override
	protected void doOpen() {
		this.fileIndex = 0;
		this.current = null;
	}

	@Override
	protected @Nullable UsageRow doRead() {
		while (true) {
			if (this.current == null) {
				if (this.fileIndex >= this.files.size()) {
					return null;
				}
				this.current = OpenFile.open(this.files.get(this.fileIndex++));
			}
			// the file's index in the high bits: sequence numbers order records across files read by separate readers
			UsageRow row = this.current.next(((long) this.current.file.index() << 32) + getCurrentItemCount());
			if (row != null) {
				return row;
			}
			finished(this.current);
			this.current = null;
		}
	}

	private void finished(OpenFile file) {
		this.hashes.put(file.file.index(), file.finish());
		if (file.repeatedHeaders > 0) {
			this.repeatedHeaders.put(file.file.index(), file.repeatedHeaders);
		}
	}

	@Override
	public void close() {
		super.close();
		// like the base class's item count: a stream opened again starts from its execution context
		this.recordsRead.clear();
	}

	@Override
	protected void doClose() {
		if (this.current != null) {
			finished(this.current);
			this.current = null;
		}
	}

	private static final class OpenFile {

		private final InputFile file;

		private final ExportRecords records;

		// null for an empty file: no header, no rows
		private final @Nullable UsageLayout layout;

		private final CountingDigestStream bytes;

		private long lastLine = 1;

		private long repeatedHeaders;

		private OpenFile(InputFile file, CountingDigestStream bytes, ExportRecords records,
				@Nullable UsageLayout layout) {
			this.file = file;
			this.bytes = bytes;
			this.records = records;
			this.layout = layout;
		}

		static OpenFile open(InputFile file) {
			ExportRecords records = null;
			try {
				CountingDigestStream bytes = new CountingDigestStream(Files.newInputStream(file.path()));
				BufferedReader text = ExportFiles.open(bytes, file.path());
				records = new ExportRecords(text, ExportFiles.delimiter(text));
				UsageLayout layout;
				try {
					ExportRecords.Record header = records.next();
					if (header == null) {
						// an empty file has no rows to lose; it is reported with 0 records in the manifest
						return new OpenFile(file, bytes, records, null);
					}
					ExportRecords.Record afterTypeLine = isTypeLine(header.values()) ? records.next() : null;
					if (afterTypeLine != null) {
						// Export-Csv without -NoTypeInformation: "#TYPE System.Management.Automation.PSCustomObject"
						header = afterTypeLine;
					}
					layout = UsageLayout.fromHeader(Arrays.asList(header.values()));
				}
				catch (InvalidUsageFileException ex) {
					throw new UsageFileException(file.displayName(), ex.line(),
							Objects.requireNonNull(ex.getMessage(), "an invalid file is refused with a reason"), ex);
				}
				return new OpenFile(file, bytes, records, layout);
			}
			catch (IOException | UncheckedIOException ex) {
				closeQuietly(records);
				throw new UsageFileException(file.displayName(), 0, "cannot read: " + describe(ex), ex);
			}
		}

		@Nullable UsageRow next(long seq) {
			try {
				if (this.layout == null) {
					return null;
				}
				ExportRecords.Record record = this.records.next();
				while (record != null && (isTypeLine(record.values()) || this.layout.isHeader(record.values()))) {
					// exports concatenated into one file: each brings its header (and type line) again
					this.lastLine = record.line();
					this.repeatedHeaders++;
					record = this.records.next();
				}
				if (record == null) {
					return null;
				}
				this.lastLine = record.line();
				return new UsageRow(seq, this.file, this.layout, record.line(), record.values());
			}
			catch (InvalidUsageFileException ex) {
				// the parser cannot find the end of a record (a quote never closed): the rest of the file is unreadable
				throw new UsageFileException(this.file.displayName(), ex.line(),
						Objects.requireNonNull(ex.getMessage(), "an invalid file is refused with a reason"), ex);
			}
		}

		void close() {
			closeQuietly(this.records);
		}

		private static boolean isTypeLine(String[] values) {
			return values.length == 1 && values[0].replace("\uFEFF", "").startsWith("#TYPE ");
		}

		/**
		 * Closes the file read to its end.
		 * @return the SHA-256 of all its bytes
		 */
		String finish() {
			try {
				// bytes after the last record (a gzip trailer, say) are part of the file too
				this.bytes.transferTo(OutputStream.nullOutputStream());
			}
			catch (IOException ex) {
				throw new UsageFileException(this.file.displayName(), this.lastLine, "cannot read: " + describe(ex), ex);
			}
			finally {
				close();
			}
			return HexFormat.of().formatHex(this.bytes.getMessageDigest().digest());
		}

		/**
		 * @return how many bytes of the file were read so far (buffered ahead of the records handed out), a colon,
		 * and their SHA-256
		 */
		String prefix() {
			try {
				MessageDigest sofar = (MessageDigest) this.bytes.getMessageDigest().clone();
				return this.bytes.count + ":" + HexFormat.of().formatHex(sofar.digest());
			}
			catch (CloneNotSupportedException ex) {
				throw new IllegalStateException(ex);
			}
		}

		private static String describe(Exception ex) {
			Throwable cause = (ex instanceof UncheckedIOException && ex.getCause() != null) ? ex.getCause() : ex;
			return (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
		}

		private static void closeQuietly(@Nullable AutoCloseable closeable) {
			if (closeable != null) {
				try {
					closeable.close();
				}
				catch (Exception ex) {
					// reading is over; nothing to recover
				}
			}
		}

	}

	/**
	 * Hashes and counts the bytes read: the SHA-256 of a file read to its end, and of the part read so far.
	 */
	private static final class CountingDigestStream extends DigestInputStream {

		long count;

		CountingDigestStream(InputStream in) {
			super(in, sha256());
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b >= 0) {
				this.count++;
			}
			return b;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			int n = super.read(b, off, len);
			if (n > 0) {
				this.count += n;
			}
			return n;
		}

	}

}

package org.hubchargeback.usage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The part of a file a load step has read, as a restart checks it: a file edited inside that part, with its size and
 * modification time kept, is not the file the staged rows came from.
 */
class UsageFilesItemReaderTests {

	private static final String HEADER = "\"UsageStartTime\",\"UsageEndTime\",\"MeterName\",\"Quantity\",\"MeterId\","
			+ "\"subscription\",\"resourceUri\"\r\n";

	@TempDir
	Path dir;

	private Path file;

	private String prefix = "";

	@BeforeEach
	void readTenRecordsOfALargeFile() throws Exception {
		// given a file much larger than what the reader buffers, of which a failed run committed ten records
		StringBuilder csv = new StringBuilder(HEADER);
		for (int i = 0; i < 20_000; i++) {
			csv.append("\"11/16/2026 12:00:00 AM\",\"11/16/2026 1:00:00 AM\",\"Base VM Size Hours\",\"")
				.append(i % 10)
				.append("\",\"FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5\",\"e5e8f6be-7753-4041-880b-16d31f61397e\",\"/vm")
				.append(i)
				.append("\"\r\n");
		}
		this.file = Files.writeString(this.dir.resolve("usage.csv"), csv, StandardCharsets.UTF_8);
		UsageFilesItemReader reader = new UsageFilesItemReader(List.of(new InputFile(7, "east", this.file, "usage.csv")));
		reader.open(new ExecutionContext());
		for (int i = 0; i < 10; i++) {
			assertThat(reader.read()).isNotNull();
		}
		ExecutionContext committed = new ExecutionContext();
		reader.update(committed);
		reader.close();
		this.prefix = committed.getString(UsageFilesItemReader.PREFIX + 7);
	}

	@Test
	void theFileAsItWasReadHasTheSameBeginning() throws Exception {
		assertThat(Long.parseLong(this.prefix.split(":")[0])).isPositive().isLessThan(Files.size(this.file));
		assertThat(UsageFilesItemReader.sameBeginning(this.file, this.prefix)).isTrue();
	}

	@Test
	void anEditAfterThePartReadDoesNotMatter() throws Exception {
		// when the last record's quantity changes (same size): the restart reads it as it is now
		replaceByteAt(Files.size(this.file) - 30, (byte) 'x');

		// then
		assertThat(UsageFilesItemReader.sameBeginning(this.file, this.prefix)).isTrue();
	}

	@Test
	void anEditInsideThePartReadIsCaughtThoughTheSizeIsKept() throws Exception {
		// when the second record's quantity 1 becomes 9, same size
		String text = Files.readString(this.file);
		int at = text.indexOf("\"1\",\"FAB6");
		replaceByteAt(at + 1, (byte) '9');

		// then
		assertThat(UsageFilesItemReader.sameBeginning(this.file, this.prefix)).isFalse();
	}

	@Test
	void aFileCutShorterThanThePartReadIsCaught() throws Exception {
		// when
		Files.write(this.file, new byte[100]);

		// then
		assertThat(UsageFilesItemReader.sameBeginning(this.file, this.prefix)).isFalse();
	}

	private void replaceByteAt(long position, byte value) throws Exception {
		byte[] bytes = Files.readAllBytes(this.file);
		bytes[(int) position] = value;
		Files.write(this.file, bytes);
	}

}

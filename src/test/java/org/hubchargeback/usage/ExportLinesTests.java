package org.hubchargeback.usage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ExportLinesTests {

	private static final String EXPORT = "\"a\",\"b\"\r\n\"1\",\"x\"\r\n\r\n\"2\",\"two\r\nlines\"\r\n"
			+ "\"3\",\"\"\"y\"\"\"";

	@TempDir
	Path dir;

	@Test
	void recordsAreReadAsTheFileHoldsThem() throws Exception {
		// given a blank line, a record over two lines and a last record without a line break
		InputFile file = write(EXPORT.getBytes(StandardCharsets.UTF_8));

		// when
		Map<Long, String> records = ExportLines.read(file, sha256(file), new TreeSet<>(List.of(2L, 4L, 6L)));

		// then
		assertThat(records).containsOnly(Map.entry(2L, "\"1\",\"x\""), Map.entry(4L, "\"2\",\"two\r\nlines\""),
				Map.entry(6L, "\"3\",\"\"\"y\"\"\""));
	}

	@Test
	void aUtf16FileIsReadAsText() throws Exception {
		// given
		InputFile file = write(("\uFEFF" + EXPORT).getBytes(StandardCharsets.UTF_16LE));

		// when
		Map<Long, String> records = ExportLines.read(file, sha256(file), new TreeSet<>(List.of(2L)));

		// then
		assertThat(records).containsOnly(Map.entry(2L, "\"1\",\"x\""));
	}

	@Test
	void aFileChangedSinceItWasReadIsRefused() throws Exception {
		// given
		InputFile file = write(EXPORT.getBytes(StandardCharsets.UTF_8));
		String sha256 = sha256(file);
		Files.writeString(file.path(), EXPORT.replace("\"1\"", "\"9\""));

		// when / then
		assertThatIllegalStateException()
			.isThrownBy(() -> ExportLines.read(file, sha256, new TreeSet<>(List.of(2L))))
			.withMessageContaining("a.csv")
			.withMessageContaining("SHA-256 was " + sha256);
	}

	@Test
	void aLineNoRecordStartsOnIsRefused() throws Exception {
		// given
		InputFile file = write(EXPORT.getBytes(StandardCharsets.UTF_8));

		// when / then: line 5 is inside the record of line 4
		assertThatIllegalStateException()
			.isThrownBy(() -> ExportLines.read(file, sha256(file), new TreeSet<>(List.of(5L))))
			.withMessageContaining("no record starts on line 5");
	}

	private InputFile write(byte[] bytes) throws IOException {
		Path path = this.dir.resolve("a.csv");
		Files.write(path, bytes);
		return new InputFile(0, "east", path, path.toString());
	}

	private static String sha256(InputFile file) throws IOException, NoSuchAlgorithmException {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file.path())));
	}

}

package org.hubchargeback.chargeback;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Each usage day's chargeback rows in one file with an index: a subscription's rows come back day after day, hub
 * after hub, byte for byte.
 */
class DayRowsTests {

	@TempDir
	Path dir;

	@Test
	void aSubscriptionsRowsComeBackInTheOrderOfTheDayFilesNames() throws IOException {
		// written out of order: the names, not the writing, decide
		try (DayRows.Writer day = DayRows.writer(this.dir, "2026-10-02_61")) {
			day.add("sub-a", "a2\r\n");
			day.add("sub-b", "b2 \u00e9\u20ac\r\nb2'\r\n");
		}
		try (DayRows.Writer day = DayRows.writer(this.dir, "2026-10-01_62")) {
			day.add("sub-b", "b1 hub b\r\n");
		}
		try (DayRows.Writer day = DayRows.writer(this.dir, "2026-10-01_61")) {
			day.add("sub-a", "a1\r\n");
			day.add("sub-b", "b1 hub a\r\n");
			day.add("sub,with,commas", "c\r\n");
		}

		Map<String, List<DayRows.Segment>> rows = DayRows.read(this.dir);

		assertThat(rows).containsOnlyKeys("sub-a", "sub-b", "sub,with,commas");
		assertThat(copied(rows.get("sub-a"))).isEqualTo("a1\r\na2\r\n");
		assertThat(copied(rows.get("sub-b"))).isEqualTo("b1 hub a\r\nb1 hub b\r\nb2 \u00e9\u20ac\r\nb2'\r\n");
		assertThat(copied(rows.get("sub,with,commas"))).isEqualTo("c\r\n");
	}

	@Test
	void rowsWrittenAsTheyArePrintedCountTheirBytesExactly() throws IOException {
		// far more than the encoder's buffer, in characters of two and three bytes
		StringBuilder many = new StringBuilder();
		try (DayRows.Writer day = DayRows.writer(this.dir, "2026-10-01_61")) {
			day.begin("sub-a");
			for (int i = 0; i < 5_000; i++) {
				String row = "row " + i + " caf\u00e9 \u20ac" + "x".repeat(i % 7) + "\r\n";
				many.append(row);
				day.append(row);
			}
			day.begin("sub-b");
			day.append("b\r\n");
		}

		Map<String, List<DayRows.Segment>> rows = DayRows.read(this.dir);

		assertThat(copied(rows.get("sub-a"))).isEqualTo(many.toString());
		assertThat(copied(rows.get("sub-b"))).isEqualTo("b\r\n");
	}

	@Test
	void noDayFilesAtAllIsNoRows() throws IOException {
		assertThat(DayRows.read(this.dir.resolve("missing"))).isEmpty();
	}

	@Test
	void aDayFileShorterThanItsIndexSaysSo() throws IOException {
		try (DayRows.Writer day = DayRows.writer(this.dir, "2026-10-01_61")) {
			day.add("sub-a", "a1\r\n");
			day.add("sub-b", "b1\r\n");
		}
		Path data = this.dir.resolve("2026-10-01_61.csv");
		Files.writeString(data, "a1\r\n");
		List<DayRows.Segment> segments = DayRows.read(this.dir).get("sub-b");

		assertThatIllegalStateException().isThrownBy(() -> copied(segments))
			.withMessageContaining("2026-10-01_61.csv ends before the rows its index names");
	}

	@Test
	void aDamagedIndexNamesItsFileAndLine() throws IOException {
		Files.writeString(this.dir.resolve("2026-10-01_61.idx"), "0,4,sub-a\n12\n");

		assertThatIllegalStateException().isThrownBy(() -> DayRows.read(this.dir))
			.withMessageContaining("2026-10-01_61.idx line 2 is not offset,length,subscription");
	}

	private String copied(List<DayRows.Segment> segments) throws IOException {
		Path out = this.dir.resolve("out.csv");
		try (FileChannel target = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
				StandardOpenOption.WRITE)) {
			for (DayRows.Segment segment : segments) {
				try (FileChannel in = FileChannel.open(segment.data())) {
					segment.copyTo(in, target);
				}
			}
		}
		return Files.readString(out, StandardCharsets.UTF_8);
	}

}

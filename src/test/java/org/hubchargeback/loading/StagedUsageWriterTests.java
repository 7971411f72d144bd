package org.hubchargeback.loading;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.hubchargeback.charging.ChargeableUsage;
import org.hubchargeback.charging.SpillFile;
import org.hubchargeback.resolution.ChargeReason;
import org.hubchargeback.resolution.DefaultReason;
import org.hubchargeback.resolution.Resolution;
import org.hubchargeback.run.RunPaths;
import org.hubchargeback.run.RunStore;
import org.hubchargeback.run.StagedUsage.Accepted;
import org.hubchargeback.run.StagedUsage.Outcome;
import org.hubchargeback.usage.InputFile;
import org.hubchargeback.usage.UsageRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The load step's spill files: what a restart finds is exactly what was committed.
 */
class StagedUsageWriterTests {

	private static final LocalDate DAY = LocalDate.of(2026, 11, 16);

	@TempDir
	Path dir;

	private final InputFile file = new InputFile(3, "east", Path.of("a.csv"), "a.csv");

	@Test
	void restartDropsWhatAFailedExecutionWroteAfterItsLastCommit() throws IOException {
		// given a chunk committed, then a chunk written but not committed (the process died), one of its records on a
		// day of its own
		RunPaths paths = new RunPaths(this.dir, "range", 1);
		// the store is not called: no rejected or out-of-range records here
		RunStore store = new RunStore(new JdbcTemplate());
		ExecutionContext committed = new ExecutionContext();
		StagedUsageWriter failed = new StagedUsageWriter(store, paths, this.file);
		failed.open(new ExecutionContext());
		failed.write(Chunk.of(accepted(1, DAY, "1"), accepted(2, DAY, "2")));
		failed.update(committed);
		failed.write(Chunk.of(accepted(3, DAY, "3"), accepted(4, DAY.plusDays(1), "4")));
		failed.close();

		// when the restarted execution opens with the committed state and writes the lost chunk again
		StagedUsageWriter restarted = new StagedUsageWriter(store, paths, this.file);
		restarted.open(committed);
		restarted.write(Chunk.of(accepted(3, DAY, "3"), accepted(4, DAY.plusDays(1), "4")));
		restarted.update(new ExecutionContext());
		restarted.close();

		// then each record is spilled once
		assertThat(read(paths.spill(DAY, "east", 3))).extracting(ChargeableUsage::seq).containsExactly(1L, 2L, 3L);
		assertThat(read(paths.spill(DAY.plusDays(1), "east", 3))).extracting(ChargeableUsage::seq).containsExactly(4L);
	}

	@Test
	void restartWithNothingCommittedDeletesTheSpillFilesOfTheFailedExecution() throws IOException {
		// given
		RunPaths paths = new RunPaths(this.dir, "range", 1);
		RunStore store = new RunStore(new JdbcTemplate());
		StagedUsageWriter failed = new StagedUsageWriter(store, paths, this.file);
		failed.open(new ExecutionContext());
		failed.write(Chunk.of(accepted(1, DAY, "1")));
		failed.close();

		// when
		StagedUsageWriter restarted = new StagedUsageWriter(store, paths, this.file);
		restarted.open(new ExecutionContext());
		restarted.close();

		// then
		assertThat(paths.spill(DAY, "east", 3)).doesNotExist();
	}

	@Test
	void restartRefusesWhenACommittedSpillFileIsGone() throws IOException {
		// given a committed chunk whose spill file was then deleted
		RunPaths paths = new RunPaths(this.dir, "range", 1);
		RunStore store = new RunStore(new JdbcTemplate());
		ExecutionContext committed = new ExecutionContext();
		StagedUsageWriter failed = new StagedUsageWriter(store, paths, this.file);
		failed.open(new ExecutionContext());
		failed.write(Chunk.of(accepted(1, DAY, "1")));
		failed.update(committed);
		failed.close();
		Files.delete(paths.spill(DAY, "east", 3));

		// when, then
		StagedUsageWriter restarted = new StagedUsageWriter(store, paths, this.file);
		assertThatIllegalStateException().isThrownBy(() -> restarted.open(committed))
			.withMessageContaining("missing or shorter than the")
			.withMessageContaining("touch one of its input files");
	}

	@Test
	void entriesReadBackAsWritten() throws IOException {
		// given values at the edges: a quantity beyond 63 bits, a negative scale, nanoseconds, non-ASCII text
		Path spill = this.dir.resolve("f.bin");
		List<ChargeableUsage> written = List.of(
				entry(1, new BigDecimal("123456789012345678901234567890.0000000001"), "/subscriptions/x/vm-é", null),
				entry(2, new BigDecimal("1E+3"), "/subscriptions/x/vm-é", DefaultReason.values()[0]),
				entry((7L << 32) + 5, new BigDecimal("0.0416666666666667"), "/other", null));
		try (SpillFile.Writer writer = SpillFile.Writer.open(spill, 0)) {
			written.forEach(writer::write);
			writer.flush();
		}

		// then
		assertThat(read(spill)).containsExactlyElementsOf(written);
		assertThat(read(spill).get(2).fileIndex()).isEqualTo(7);
	}

	private static ChargeableUsage entry(long seq, BigDecimal quantity, String uri, DefaultReason defaultReason) {
		return new ChargeableUsage(seq, seq + 1, Instant.parse("2026-11-16T00:00:00.000000123Z"),
				Instant.parse("2026-11-16T01:00:00Z"), "sub", "tenant", "meter", quantity, uri, "local\u001fDepartment=Sales\u001e\u001f", "charged",
				(defaultReason != null) ? ChargeReason.DEFAULT : ChargeReason.REGISTERED, defaultReason);
	}

	private static Accepted accepted(long seq, LocalDate day, String quantity) {
		Instant start = day.atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
		UsageRecord record = new UsageRecord("east", start, start.plusSeconds(3600), "sub", null, "meter",
				new BigDecimal(quantity), "/subscriptions/sub/vm", "local", "");
		return new Accepted(seq, 3, seq + 1, record, new Resolution(null, "charged", ChargeReason.REGISTERED, null),
				Outcome.REGISTERED);
	}

	private static List<ChargeableUsage> read(Path spill) throws IOException {
		List<ChargeableUsage> entries = new ArrayList<>();
		try (SpillFile.Reader reader = new SpillFile.Reader(spill)) {
			ChargeableUsage e;
			while ((e = reader.next()) != null) {
				entries.add(e);
			}
		}
		assertThat(Files.exists(spill)).isTrue();
		return entries;
	}

}

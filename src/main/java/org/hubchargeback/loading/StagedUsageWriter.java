package org.hubchargeback.loading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.hubchargeback.charging.ChargeableUsage;
import org.hubchargeback.charging.SpillFile;
import org.hubchargeback.run.RunPaths;
import org.hubchargeback.run.RunStore;
import org.hubchargeback.run.StagedUsage;
import org.hubchargeback.run.StagedUsage.Accepted;
import org.hubchargeback.run.StagedUsage.Outcome;
import org.hubchargeback.run.StagedUsage.Rejected;
import org.hubchargeback.usage.InputFile;
import org.hubchargeback.usage.UsageRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

/**
 * Loading's writer for one input file: records of the run's range go to one spill file per usage day, to be
 * de-duplicated and summed a day at a time; rejected rows and the tally of out-of-range records go to the database
 * in the chunk's transaction. Spill files are restartable like Spring Batch's flat-file writer: the length of each
 * is saved with every committed chunk, and a restart cuts off what a failed execution wrote after it.
 */
public class StagedUsageWriter implements ItemStreamWriter<StagedUsage> {

	private static final String LENGTH = "spill.length.";

	private final RunStore store;

	private final RunPaths paths;

	private final InputFile file;

	private final Map<LocalDate, SpillFile.Writer> spills = new HashMap<>();

	private final Map<LocalDate, Long> committed = new TreeMap<>();

	// an export holds mostly one day: the last spill file used is nearly always the next one

	private @Nullable LocalDate lastDay;

	private SpillFile.@Nullable Writer lastSpill;

	public StagedUsageWriter(RunStore store, RunPaths paths, InputFile file) {
		this.store = store;
		this.paths = paths;
		this.file = file;
	}

	@Override
	public void open(ExecutionContext executionContext) {
		this.committed.clear();
		for (Map.Entry<String, Object> entry : executionContext.entrySet()) {
			if (entry.getKey().startsWith(LENGTH)) {
				this.committed.put(LocalDate.parse(entry.getKey().substring(LENGTH.length())),
						((Number) entry.getValue()).longValue());
			}
		}
		try {
			for (Map.Entry<LocalDate, Long> spill : this.committed.entrySet()) {
				Path path = this.paths.spill(spill.getKey(), this.file.hub(), this.file.index());
				if (!Files.isRegularFile(path) || Files.size(path) < spill.getValue()) {
					throw new IllegalStateException(path + " is missing or shorter than the " + spill.getValue()
							+ " bytes committed: the run's work folder " + this.paths.work() + " was changed, so the"
							+ " run cannot resume. To start the range afresh, touch one of its input files and run it"
							+ " again: a failed run whose inputs changed is abandoned");
				}
			}
			// spill files this file's failed execution created after its last commit
			Path spill = this.paths.work().resolve("spill");
			if (Files.isDirectory(spill)) {
				try (var days = Files.list(spill)) {
					for (Path dayDir : days.toList()) {
						LocalDate day = LocalDate.parse(dayDir.getFileName().toString());
						if (!this.committed.containsKey(day)) {
							Files.deleteIfExists(this.paths.spill(day, this.file.hub(), this.file.index()));
						}
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void write(Chunk<? extends StagedUsage> chunk) {
		List<Rejected> rejected = new ArrayList<>();
		Map<String, Tally> outOfRange = new HashMap<>();
		for (StagedUsage item : chunk) {
			if (item instanceof Accepted a && a.outcome() == Outcome.OUT_OF_RANGE) {
				outOfRange.computeIfAbsent(a.record().meterId(), (meter) -> new Tally()).add(a.record().quantity());
			}
			else if (item instanceof Accepted a) {
				UsageRecord r = a.record();
				spill(r.usageDate()).write(new ChargeableUsage(a.seq(), a.line(), r.usageStart(), r.usageEnd(),
						r.hubSubscriptionId(), (a.resolution().tenantId() != null) ? a.resolution().tenantId() : "",
						r.meterId(), r.quantity(), r.resourceUri(), a.resolution().chargedSubscriptionId(),
						a.resolution().reason(), a.resolution().defaultReason()));
			}
			else if (item instanceof Rejected r) {
				rejected.add(r);
			}
		}
		this.store.insertRejected(this.paths.runId(), rejected, "");
		outOfRange.forEach((meter, tally) -> this.store.addOutOfRange(this.paths.runId(), this.file, meter,
				tally.records, tally.quantity));
	}

	@Override
	public void update(ExecutionContext executionContext) {
		this.spills.forEach((day, spill) -> executionContext.putLong(LENGTH + day, spill.flush()));
	}

	@Override
	public void close() {
		RuntimeException failure = null;
		for (SpillFile.Writer spill : this.spills.values()) {
			try {
				spill.close();
			}
			catch (RuntimeException ex) {
				// the next file is closed all the same; what was not flushed was never committed
				failure = (failure != null) ? failure : ex;
			}
		}
		this.spills.clear();
		this.lastDay = null;
		this.lastSpill = null;
		if (failure != null) {
			throw failure;
		}
	}

	private SpillFile.Writer spill(LocalDate day) {
		SpillFile.Writer last = this.lastSpill;
		if (last != null && day.equals(this.lastDay)) {
			return last;
		}
		SpillFile.Writer spill = this.spills.get(day);
		if (spill == null) {
			Path path = this.paths.spill(day, this.file.hub(), this.file.index());
			try {
				Files.createDirectories(path.getParent());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			spill = SpillFile.Writer.open(path, this.committed.getOrDefault(day, 0L));
			this.spills.put(day, spill);
		}
		this.lastDay = day;
		this.lastSpill = spill;
		return spill;
	}

	private static final class Tally {

		private long records;

		private BigDecimal quantity = BigDecimal.ZERO;

		void add(BigDecimal value) {
			this.records++;
			this.quantity = this.quantity.add(value);
		}

	}

}

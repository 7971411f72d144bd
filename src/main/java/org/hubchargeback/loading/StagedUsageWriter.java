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
 * Loading's writer for one input file: records to charge (of the run's range, or possibly late usage of a day another
 * folder charges) go to one spill file per usage day, to be de-duplicated and summed a day at a time; records another
 * folder already accounted for go to a prior spill file of their day (they tell late usage from re-exports there);
 * rejected rows and the tally of out-of-range records go to the database in the chunk's transaction. Spill files are restartable like Spring Batch's flat-file writer: the length of each
 * is saved with every committed chunk, and a restart cuts off what a failed execution wrote after it.
 */
public class StagedUsageWriter implements ItemStreamWriter<StagedUsage> {

	private static final String LENGTH = "spill.length.";

	private static final String PRIOR_LENGTH = "spill.length.prior.";

	/**
	 * The first and last usage day of the file's valid records, for the ledger.
	 */
	public static final String FIRST_DAY = "usage.firstDay";

	public static final String LAST_DAY = "usage.lastDay";

	private final RunStore store;

	private final RunPaths paths;

	private final InputFile file;

	private final Map<Spill, SpillFile.Writer> spills = new HashMap<>();

	private final Map<Spill, Long> committed = new HashMap<>();

	private @Nullable LocalDate firstDay;

	private @Nullable LocalDate lastUsageDay;

	// an export holds mostly one day: the last spill file used is nearly always the next one

	private @Nullable Spill lastDay;

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
			String key = entry.getKey();
			if (key.startsWith(PRIOR_LENGTH)) {
				this.committed.put(new Spill(LocalDate.parse(key.substring(PRIOR_LENGTH.length())), true),
						((Number) entry.getValue()).longValue());
			}
			else if (key.startsWith(LENGTH)) {
				this.committed.put(new Spill(LocalDate.parse(key.substring(LENGTH.length())), false),
						((Number) entry.getValue()).longValue());
			}
		}
		this.firstDay = executionContext.containsKey(FIRST_DAY)
				? LocalDate.parse(executionContext.getString(FIRST_DAY)) : null;
		this.lastUsageDay = executionContext.containsKey(LAST_DAY)
				? LocalDate.parse(executionContext.getString(LAST_DAY)) : null;
		try {
			for (Map.Entry<Spill, Long> spill : this.committed.entrySet()) {
				Path path = path(spill.getKey());
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
						for (boolean prior : new boolean[] { false, true }) {
							Spill uncommitted = new Spill(day, prior);
							if (!this.committed.containsKey(uncommitted)) {
								Files.deleteIfExists(path(uncommitted));
							}
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
			if (item instanceof Accepted a) {
				dated(a.record().usageDate());
			}
			if (item instanceof Accepted a && a.outcome() == Outcome.OUT_OF_RANGE) {
				outOfRange.computeIfAbsent(a.record().meterId(), (meter) -> new Tally()).add(a.record().quantity());
			}
			else if (item instanceof Accepted a) {
				UsageRecord r = a.record();
				boolean accounted = a.outcome() == Outcome.ACCOUNTED;
				if (accounted) {
					// charged by the folder that accounted for it: out of this run's range
					outOfRange.computeIfAbsent(r.meterId(), (meter) -> new Tally()).add(r.quantity());
				}
				spill(r.usageDate(), accounted).write(new ChargeableUsage(a.seq(), a.line(), r.usageStart(), r.usageEnd(),
						r.hubSubscriptionId(), (a.resolution().tenantId() != null) ? a.resolution().tenantId() : "",
						r.meterId(), r.quantity(), r.resourceUri(), r.instance(), a.resolution().chargedSubscriptionId(),
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
		this.spills.forEach((spill, writer) -> executionContext
			.putLong((spill.prior() ? PRIOR_LENGTH : LENGTH) + spill.day(), writer.flush()));
		if (this.firstDay != null && this.lastUsageDay != null) {
			executionContext.putString(FIRST_DAY, this.firstDay.toString());
			executionContext.putString(LAST_DAY, this.lastUsageDay.toString());
		}
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

	private void dated(LocalDate day) {
		if (this.firstDay == null || day.isBefore(this.firstDay)) {
			this.firstDay = day;
		}
		if (this.lastUsageDay == null || day.isAfter(this.lastUsageDay)) {
			this.lastUsageDay = day;
		}
	}

	private Path path(Spill spill) {
		return spill.prior() ? this.paths.priorSpill(spill.day(), this.file.hub(), this.file.index())
				: this.paths.spill(spill.day(), this.file.hub(), this.file.index());
	}

	private SpillFile.Writer spill(LocalDate day, boolean prior) {
		SpillFile.Writer last = this.lastSpill;
		if (last != null && this.lastDay != null && this.lastDay.prior() == prior && day.equals(this.lastDay.day())) {
			return last;
		}
		Spill key = new Spill(day, prior);
		SpillFile.Writer spill = this.spills.get(key);
		if (spill == null) {
			Path path = path(key);
			try {
				Files.createDirectories(path.getParent());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			spill = SpillFile.Writer.open(path, this.committed.getOrDefault(key, 0L));
			this.spills.put(key, spill);
		}
		this.lastDay = key;
		this.lastSpill = spill;
		return spill;
	}

	/**
	 * A spill file of this input file: a usage day's records to charge, or its records another folder accounted for.
	 */
	private record Spill(LocalDate day, boolean prior) {
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

package org.hubchargeback.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hubchargeback.ledger.SkippedInputs;
import org.hubchargeback.run.RunPaths;
import org.hubchargeback.run.RunStore;
import org.hubchargeback.run.StepNames;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The load step's second pass: a partition per skipped file (see {@link SkippedInputs}) that the run needs after all,
 * because the first pass found records to charge on one of its usage days (late usage of a day another folder
 * charges, told from re-exports by every file that folder accounted for). Named like the first pass's partitions, so
 * a file has one load step execution whichever pass read it.
 */
public class SkippedFilePartitioner implements Partitioner {

	private final RunPaths paths;

	private final List<RunStore.InputFileRow> files;

	public SkippedFilePartitioner(RunPaths paths, List<RunStore.InputFileRow> files) {
		this.paths = paths;
		this.files = List.copyOf(files);
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		for (RunStore.InputFileRow row : this.files) {
			SkippedInputs.Skip skip = row.skipped();
			if (skip != null && chargesAny(row.file().hub(), skip.firstDay(), skip.lastDay())) {
				ExecutionContext context = new ExecutionContext();
				context.putInt(StepNames.FILE_INDEX, row.file().index());
				partitions.put(StepNames.filePartition(row.file()), context);
			}
		}
		return partitions;
	}

	private boolean chargesAny(String hub, LocalDate first, LocalDate last) {
		try {
			for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
				if (DayPartitioner.holdsRecordsToCharge(this.paths.spillDir(day, hub))) {
					return true;
				}
			}
			return false;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

package org.hubchargeback.loading;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.hubchargeback.ledger.SkippedInputs;
import org.hubchargeback.run.RunStore;
import org.hubchargeback.run.StepNames;
import org.hubchargeback.usage.InputFile;
import org.hubchargeback.usage.UsageFilesItemReader;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * The records read from each input file, as its reader counted them: the run's input total, which the outcomes must
 * add up to. Each file is a partition of the load step; its reader's count survives restarts in the partition's
 * execution context.
 *
 * @param perFile input file index to records read
 * @param perHub hub to records read
 * @param sha256 input file index to the SHA-256 of the bytes read
 * @param usageDays input file index to the first and last usage day of its valid records (absent: none)
 * @param repeatedHeaders input file index to the header lines it repeats (concatenated exports; absent: none)
 * @param skipped input file index to the records of a file the run did not read, as the published run that read it
 * counted them (see {@link SkippedInputs}); such a file's SHA-256 is the one recorded then. Not in {@code perHub}:
 * the run's outcomes add up to the records it read
 */
public record InputCounts(Map<Integer, Long> perFile, Map<String, Long> perHub, Map<Integer, String> sha256,
		Map<Integer, List<LocalDate>> usageDays, Map<Integer, Long> repeatedHeaders, Map<Integer, Long> skipped) {

	public static InputCounts of(JobRepository jobRepository, JobExecution jobExecution,
			List<RunStore.InputFileRow> files) {
		Map<Integer, Long> perFile = new TreeMap<>();
		Map<String, Long> perHub = new TreeMap<>();
		Map<Integer, String> sha256 = new TreeMap<>();
		Map<Integer, List<LocalDate>> usageDays = new TreeMap<>();
		Map<Integer, Long> repeatedHeaders = new TreeMap<>();
		Map<Integer, Long> skipped = new TreeMap<>();
		for (RunStore.InputFileRow row : files) {
			InputFile file = row.file();
			String step = StepNames.loadFileStep(file);
			StepExecution load = jobRepository.getLastStepExecution(jobExecution.getJobInstance(), step);
			SkippedInputs.Skip skip = row.skipped();
			if (load == null && skip != null) {
				// not needed after all: no record of its days to charge (SkippedFilePartitioner)
				skipped.put(file.index(), skip.records());
				sha256.put(file.index(), skip.sha256());
				continue;
			}
			if (load == null) {
				throw new IllegalStateException(
						"no " + step + " step in this run: " + file.displayName() + " was not read");
			}
			long read = UsageFilesItemReader.recordsRead(load.getExecutionContext()).values().stream()
				.mapToLong(Long::longValue).sum();
			perFile.put(file.index(), read);
			perHub.merge(file.hub(), read, Long::sum);
			sha256.put(file.index(),
					load.getExecutionContext().getString(UsageFilesItemReader.SHA256 + file.index(), ""));
			if (load.getExecutionContext().containsKey(UsageFilesItemReader.REPEATED_HEADERS + file.index())) {
				repeatedHeaders.put(file.index(),
						load.getExecutionContext().getLong(UsageFilesItemReader.REPEATED_HEADERS + file.index()));
			}
			if (load.getExecutionContext().containsKey(StagedUsageWriter.FIRST_DAY)) {
				usageDays.put(file.index(),
						List.of(LocalDate.parse(load.getExecutionContext().getString(StagedUsageWriter.FIRST_DAY)),
								LocalDate.parse(load.getExecutionContext().getString(StagedUsageWriter.LAST_DAY))));
			}
		}
		return new InputCounts(perFile, perHub, sha256, usageDays, repeatedHeaders, skipped);
	}

}

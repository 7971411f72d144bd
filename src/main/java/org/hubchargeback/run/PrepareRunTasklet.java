package org.hubchargeback.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.hubchargeback.config.InvalidConfigurationException;
import org.hubchargeback.ledger.LedgerStore;
import org.hubchargeback.ledger.RunLedger;
import org.hubchargeback.ledger.SkippedInputs;
import org.hubchargeback.pricing.RateCard;
import org.hubchargeback.registration.CustomerNames;
import org.hubchargeback.usage.InputFile;
import org.hubchargeback.usage.MeterCatalog;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.util.FileSystemUtils;

/**
 * Step 1: fixes what the run reads. Registrations are read and fingerprinted, the input files listed with their size
 * and time, the ledger's view of what other published folders charge taken, and all of it recorded for the run, so a
 * restart reads the same files with the same registrations and ledger. (The files are hashed while they are loaded:
 * hashing them here too would read every byte twice.)
 */
public class PrepareRunTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(PrepareRunTasklet.class);

	private final RunInputs inputs;

	private final RunStore store;

	private final RunPaths paths;

	private final ChargebackJobParameters parameters;

	private final Map<String, Long> pinned;

	private final JobRepository jobRepository;

	private final @Nullable Path rateCard;

	private final MeterCatalog meters;

	private final LedgerStore ledger;

	private final @Nullable Path customerNames;

	/**
	 * @param pinned hub to the registration snapshot the operator pinned it to
	 * @param rateCard the configured rate card, or null
	 * @param customerNames the configured customer names file, or null
	 */
	public PrepareRunTasklet(RunInputs inputs, RunStore store, RunPaths paths, ChargebackJobParameters parameters,
			Map<String, Long> pinned, JobRepository jobRepository, @Nullable Path rateCard, MeterCatalog meters,
			LedgerStore ledger, @Nullable Path customerNames) {
		this.parameters = parameters;
		this.ledger = ledger;
		this.customerNames = customerNames;
		this.inputs = inputs;
		this.store = store;
		this.paths = paths;
		this.pinned = Map.copyOf(pinned);
		this.jobRepository = jobRepository;
		this.rateCard = rateCard;
		this.meters = meters;
	}

	/**
	 * A published run's staged rows are only needed until it completes; they are cleared here, when the next run
	 * starts (holding the run lock), rather than at the end of the run that made them. Rows of a failed run stay:
	 * it may still be restarted.
	 */
	private void purgeFinishedRuns() {
		List<Long> finished = new ArrayList<>();
		boolean restartableRows = false;
		for (long run : this.store.stagedRuns()) {
			JobInstance instance = this.jobRepository.getJobInstance(run);
			JobExecution last = (instance != null) ? this.jobRepository.getLastJobExecution(instance) : null;
			boolean done = last == null || last.getStatus() == BatchStatus.COMPLETED
					|| last.getStatus() == BatchStatus.ABANDONED;
			if (done || run == this.paths.runId()) {
				finished.add(run);
			}
			else {
				restartableRows = true;
			}
		}
		if (!restartableRows) {
			this.store.truncate();
		}
		else {
			finished.forEach(this.store::deleteRun);
		}
		for (long run : finished) {
			// the work files of a run that failed and was abandoned, or crashed after publishing
			deleteWorkFiles(run);
		}
	}

	private void deleteWorkFiles(long run) {
		Path staging = RunPaths.stagingRoot(this.paths.outputDir());
		if (!Files.isDirectory(staging)) {
			return;
		}
		try (Stream<Path> dirs = Files.list(staging)) {
			for (Path dir : dirs.filter((d) -> RunPaths.isWorkOf(d, run)).toList()) {
				FileSystemUtils.deleteRecursively(dir);
			}
		}
		catch (IOException ex) {
			log.warn("Cannot delete the work files of run {}: {}", run, ex.getMessage());
		}
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
		purgeFinishedRuns();
		if (this.rateCard != null) {
			// checked before anything is read: a broken price list fails the run at once, naming its line
			RateCard.read(this.rateCard, this.meters);
		}
		if (this.customerNames != null) {
			CustomerNames.read(this.customerNames);
		}
		List<RunHub> hubs = this.inputs.loadHubs(this.pinned);
		List<InputFile> files = this.inputs.discover(hubs.stream().map(RunHub::config).toList());
		List<String> modified = new ArrayList<>();
		List<Long> sizes = new ArrayList<>();
		for (InputFile file : files) {
			if (!Files.isReadable(file.path())) {
				throw new InvalidConfigurationException(file.displayName() + ": file is not readable (permissions?)");
			}
			modified.add(Files.getLastModifiedTime(file.path()).toInstant().toString());
			sizes.add(Files.size(file.path()));
		}
		this.store.savePrepared(this.paths.runId(), hubs, files, modified, sizes);
		// what other published folders charge, as of now: a restart charges against the same view
		List<String> hubNames = hubs.stream().map(RunHub::name).toList();
		this.ledger.snapshot(this.paths.runId(), this.paths.rangeName(), hubNames);
		int skipped = skipUnchangedFiles(files, modified, sizes, hubNames);
		FileSystemUtils.deleteRecursively(this.paths.staging());
		FileSystemUtils.deleteRecursively(this.paths.work());
		Files.createDirectories(this.paths.chargebackDir());
		if (this.rateCard != null) {
			// the run prices with this copy, restarts included: editing the card mid-run cannot mix two price lists
			Files.createDirectories(this.paths.work());
			Files.copy(this.rateCard, this.paths.rateCard());
		}
		if (this.customerNames != null) {
			// named with this copy to the end, restarts included: one run never shows two names for a customer
			Files.createDirectories(this.paths.work());
			Files.copy(this.customerNames, this.paths.customerNames());
		}
		log.info("Run {} of {}: {} hub(s), {} input file(s), {} of them unchanged exports of other days not read",
				this.paths.runId(), this.paths.rangeName(), hubs.size(), files.size(), skipped);
		return RepeatStatus.FINISHED;
	}

	/**
	 * @return how many files the run does not read (see {@link SkippedInputs})
	 */
	private int skipUnchangedFiles(List<InputFile> files, List<String> modified, List<Long> sizes,
			List<String> hubs) {
		Map<String, SkippedInputs.Known> known = this.ledger.knownInputs(hubs);
		RunLedger view = this.ledger.view(this.paths.runId());
		ChargebackJobParameters range = this.parameters;
		int skipped = 0;
		for (int i = 0; i < files.size(); i++) {
			InputFile file = files.get(i);
			String path = file.path().toString();
			SkippedInputs.Skip skip = SkippedInputs.skip(file.hub(), path, sizes.get(i), modified.get(i),
					known.get(path), view, range.from(), range.to());
			if (skip != null) {
				this.store.skipInputFile(this.paths.runId(), file.index(), skip);
				skipped++;
			}
		}
		return skipped;
	}

}

package org.hubchargeback.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import org.hubchargeback.config.HubChargebackProperties;
import org.hubchargeback.config.HubChargebackProperties.Hub;
import org.hubchargeback.registration.RegistrationFiles;
import org.hubchargeback.remote.RemotePartitioning;
import org.hubchargeback.run.ChargebackJobParameters;
import org.hubchargeback.run.PublishedFolders;
import org.hubchargeback.run.RunInputs;
import org.hubchargeback.run.RunOptions;
import org.hubchargeback.run.RunOutcome;
import org.hubchargeback.run.RunPaths;
import org.hubchargeback.run.RunStore;
import org.hubchargeback.run.StepNames;
import org.hubchargeback.usage.InputFile;
import org.hubchargeback.usage.UsageFilesItemReader;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Turns "charge this range" into the right job launch. A range's runs are numbered: the first run of a range is run
 * 1; running a range again after it completed starts the next run number (and its outputs replace the published
 * ones); running it again after a failure restarts the failed run where it stopped, unless its input files changed
 * or its folders under {@code .staging} are gone, in which case the failed run is abandoned and a new one starts.
 */
@Component
public class ChargebackLauncher {

	private static final Logger log = LoggerFactory.getLogger(ChargebackLauncher.class);

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final Job job;

	private final RunInputs inputs;

	private final RunStore store;

	private final HubChargebackProperties properties;

	private final Clock clock;

	private final ObjectProvider<RemotePartitioning> remote;

	/**
	 * The run in progress, for the line a signal prints (read on the signal's thread).
	 */
	private volatile @Nullable String running;

	public ChargebackLauncher(JobOperator jobOperator, JobRepository jobRepository, Job job, RunInputs inputs,
			RunStore store, HubChargebackProperties properties, Clock clock,
			ObjectProvider<RemotePartitioning> remote) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.job = job;
		this.inputs = inputs;
		this.store = store;
		this.properties = properties;
		this.clock = clock;
		this.remote = remote;
	}

	/**
	 * Charges the usage dated {@code from} to {@code to} (inclusive, UTC).
	 * @throws RunRefusedException when a day of the range is not complete yet, or the range shares a day with
	 * another published folder (a dry run is allowed, and told)
	 */
	public RunResult runRange(LocalDate from, LocalDate to, RunOptions options) {
		if (from.isAfter(to)) {
			throw new RunRefusedException("--from " + from + " is after --to " + to);
		}
		schedule().refuseIncomplete(from, to);
		String overlap = overlap(from, to, PublishedFolders.in(this.properties.outputDir()));
		if (overlap == null) {
			return start(from, to, options);
		}
		if (!options.dryRun()) {
			throw new RunRefusedException(overlap);
		}
		return start(from, to, options).withNote("without --dry-run this run would be refused: " + overlap);
	}

	/**
	 * Why {@code from..to} may not be published beside the published folders, and what may: two folders that share
	 * a day charge it twice, and every reader of the output folder (finance, a sum over it) would count it twice.
	 * @return null when no other folder shares a day with it
	 */
	private @Nullable String overlap(LocalDate from, LocalDate to, PublishedFolders published) {
		List<PublishedFolders.Folder> overlapping = published.overlapping(from, to);
		if (overlapping.isEmpty()) {
			return null;
		}
		PublishedFolders.Days range = new PublishedFolders.Days(from, to);
		List<String> names = overlapping.stream()
			.map((folder) -> folder.name() + ((folder.run() > 0) ? " (run " + folder.run() + ")" : ""))
			.toList();
		List<String> reruns = overlapping.stream().map((folder) -> folder.days().options()).toList();
		List<String> gaps = published.uncovered(from, to).stream().map(PublishedFolders.Days::options).toList();
		return range + " overlaps " + ((names.size() == 1) ? "the published folder " : "the published folders ")
				+ String.join(", ", names) + " in " + this.properties.outputDir().toAbsolutePath().normalize()
				+ ": running it would charge the days they share a second time\n"
				+ ((reruns.size() == 1) ? "to charge that folder again, rerun it as it is: "
						: "to charge those folders again, rerun each as it is: ")
				+ String.join("; ", reruns) + "\n"
				+ (gaps.isEmpty() ? "every day of " + range + " is published already"
						: "to charge only the days no folder holds: " + String.join("; ", gaps));
	}

	private RunResult start(LocalDate from, LocalDate to, RunOptions options) {
		long run = 1;
		JobInstance last = null;
		while (true) {
			JobInstance instance = this.jobRepository.getJobInstance(StepNames.JOB,
					new ChargebackJobParameters(from, to, run, options).toJobParameters());
			if (instance == null) {
				break;
			}
			last = instance;
			run++;
		}
		String note = null;
		if (last != null) {
			long lastRun = run - 1;
			JobExecution execution = this.jobRepository.getLastJobExecution(last);
			BatchStatus status = (execution != null) ? execution.getStatus() : BatchStatus.UNKNOWN;
			if (execution != null && status.isRunning()) {
				// this process holds the run lock, so no other process runs it: it was killed mid-run
				log.info("Run {} of {}..{} was interrupted (execution {} still marked {}); recovering it", lastRun,
						from, to, execution.getId(), status);
				RemotePartitioning remote = this.remote.getIfAvailable();
				if (remote != null) {
					// its workers may outlive a killed manager: let them finish what they took first
					remote.awaitLiveWorkers(execution.getId());
					execution = Objects.requireNonNull(this.jobRepository.getJobExecution(execution.getId()),
							"the execution being recovered is in the job repository");
				}
				execution = this.jobOperator.recover(execution);
				status = execution.getStatus();
			}
			switch (status) {
				case FAILED, STOPPED -> {
					if (inputsUnchanged(last)) {
						String gone = goneFolder(last, from, to);
						if (gone == null) {
							log.info("Restarting run {} of {}..{} (it ended {})", lastRun, from, to, status);
							return launch(new ChargebackJobParameters(from, to, lastRun, options));
						}
						// what it had loaded or summed is in that folder: resuming would publish without it
						note = "run " + lastRun + " of " + from + ".." + to + " cannot resume: " + gone
								+ "; it is abandoned and run " + run + " starts afresh";
						log.warn("{}", note);
					}
					else {
						log.info("Input files changed since run {} of {}..{} failed; abandoning it", lastRun, from,
								to);
					}
					abandon(Objects.requireNonNull(execution, "a FAILED or STOPPED run has an execution"));
				}
				case COMPLETED, ABANDONED -> log.info("Range {}..{} ran before (run {}, {}); run {} replaces it", from,
						to, lastRun, status, run);
				default -> throw new RunRefusedException("run " + lastRun + " of " + from + ".." + to
						+ " is marked " + status + ((execution != null) ? " (execution " + execution.getId() + ")" : "")
						+ "; abandon it first");
			}
		}
		RunResult result = launch(new ChargebackJobParameters(from, to, run, options));
		return (note != null) ? result.withNote(note) : result;
	}

	/**
	 * Which of a failed run's folders under {@code .staging} is gone although the run needs it to resume (someone
	 * cleaned the output folder): its staging folder, made while preparing, or its work folder, once loading has
	 * written records. Publishing removes both itself, so a run that got that far is left to its publishing step.
	 * @return null when the run can resume
	 */
	private @Nullable String goneFolder(JobInstance instance, LocalDate from, LocalDate to) {
		if (this.store.inputFileFingerprints(instance.getInstanceId()).isEmpty()) {
			return null; // it never got past preparing, which makes its folders afresh
		}
		List<StepExecution> steps = this.jobRepository.getJobExecutions(instance)
			.stream()
			.flatMap((execution) -> execution.getStepExecutions().stream())
			.toList();
		if (steps.stream().anyMatch((step) -> step.getStepName().equals(StepNames.PUBLISH_OUTPUTS))) {
			return null;
		}
		RunPaths paths = new RunPaths(this.properties.outputDir(), RunPaths.rangeName(from, to),
				instance.getInstanceId());
		if (!Files.isDirectory(paths.staging())) {
			return "its staging folder " + paths.staging() + " is gone";
		}
		boolean loaded = steps.stream()
			.anyMatch((step) -> step.getStepName().startsWith(StepNames.LOAD_FILE) && step.getWriteCount() > 0);
		if (loaded && !Files.isDirectory(paths.work())) {
			return "its work folder " + paths.work() + " is gone";
		}
		return null;
	}

	/**
	 * Charges every complete UTC day since the last successful nightly run that no published folder holds, one day
	 * per run, oldest first; stops at the first failure.
	 */
	public List<RunResult> runNightly() {
		PublishedFolders published = PublishedFolders.in(this.properties.outputDir());
		LocalDate lastDone = lastNightlyDay();
		List<LocalDate> days = new ArrayList<>();
		for (LocalDate day : schedule().nightlyDays(lastDone)) {
			Optional<PublishedFolders.Folder> holding = published.holding(day);
			if (holding.isPresent()) {
				// charged by a range run by hand: running the day alone would publish it twice
				log.info("{} is published in {} already; the nightly run leaves it", day, holding.get().name());
			}
			else {
				days.add(day);
			}
		}
		int max = Math.max(1, this.properties.nightly().maxCatchUpDays());
		if (days.size() > max) {
			log.warn("{} days to catch up since {}; processing the first {} now, the rest on the next run",
					days.size(), lastDone, max);
		}
		List<RunResult> results = new ArrayList<>();
		for (LocalDate day : days.subList(0, Math.min(max, days.size()))) {
			RunResult result = runRange(day, day, RunOptions.nightly());
			results.add(result);
			if (!result.completed()) {
				break;
			}
		}
		return results;
	}

	private Schedule schedule() {
		return new Schedule(Instant.now(this.clock), this.properties.nightly().lag());
	}

	private @Nullable LocalDate lastNightlyDay() {
		LocalDate last = null;
		int page = 100;
		for (int start = 0;; start += page) {
			List<JobInstance> instances = this.jobRepository.getJobInstances(StepNames.JOB, start,
					page);
			for (JobInstance instance : instances) {
				for (JobExecution execution : this.jobRepository.getJobExecutions(instance)) {
					String trigger = execution.getJobParameters().getString(ChargebackJobParameters.TRIGGER);
					if (execution.getStatus() == BatchStatus.COMPLETED && RunOptions.nightly().trigger().equals(trigger)) {
						LocalDate to = execution.getJobParameters().getLocalDate(ChargebackJobParameters.TO);
						last = (last == null || to.isAfter(last)) ? to : last;
					}
				}
			}
			if (instances.size() < page) {
				return last;
			}
		}
	}

	private boolean inputsUnchanged(JobInstance instance) {
		long runId = instance.getInstanceId();
		Map<String, String> prepared = this.store.inputFileFingerprints(runId);
		if (prepared.isEmpty()) {
			return true; // the failed run never got past preparing: restarting it reads the files as they are now
		}
		List<Hub> hubs = this.inputs.hubs();
		Map<String, String> current = new TreeMap<>();
		for (InputFile file : this.inputs.discover(hubs)) {
			current.put(file.path().toString(), RunInputs.fingerprint(file.path()));
		}
		Map<String, String> userSubscriptions = new TreeMap<>();
		hubs.forEach((hub) -> userSubscriptions.put(hub.name(), RegistrationFiles.readUserSubscriptions(hub).sha256()));
		// the registration is not compared: a restarted run keeps the snapshot it started with
		return current.equals(prepared) && userSubscriptions.equals(this.store.userSubscriptionHashes(runId))
				&& sameBytes(instance);
	}

	/**
	 * Whether every input file the failed run read to its end still has the bytes it read: a file rewritten with
	 * the same size and modification time (a copy that keeps times, a re-export within the file system's time
	 * resolution) passes the fingerprint, and resuming would publish the old bytes as if they were the new. A file
	 * the run had only begun has no hash yet; the fingerprint is all there is for it.
	 */
	private boolean sameBytes(JobInstance instance) {
		for (InputFile file : this.store.inputFiles(instance.getInstanceId())) {
			StepExecution load = this.jobRepository.getLastStepExecution(instance, StepNames.loadFileStep(file));
			String read = (load != null)
					? load.getExecutionContext().getString(UsageFilesItemReader.SHA256 + file.index(), "") : "";
			if (!read.isEmpty() && !read.equals(RunInputs.sha256(file.path()))) {
				log.info("{} has the size and modification time it had when run {} read it, but other bytes",
						file.displayName(), instance.getInstanceId());
				return false;
			}
			String prefix = (load != null && read.isEmpty())
					? load.getExecutionContext().getString(UsageFilesItemReader.PREFIX + file.index(), "") : "";
			if (!prefix.isEmpty() && !sameBeginning(file, prefix)) {
				log.info("{} has the size and modification time it had when run {} began reading it, but other bytes"
						+ " in the part it read", file.displayName(), instance.getInstanceId());
				return false;
			}
		}
		return true;
	}

	private static boolean sameBeginning(InputFile file, String prefix) {
		try {
			return UsageFilesItemReader.sameBeginning(file.path(), prefix);
		}
		catch (IOException ex) {
			return false; // unreadable now: not the bytes the run read, and the new run will say why
		}
	}

	private void abandon(JobExecution execution) {
		try {
			this.jobOperator.abandon(execution);
		}
		catch (Exception ex) {
			throw new RunRefusedException("cannot abandon execution " + execution.getId() + ": " + ex.getMessage());
		}
	}

	/**
	 * The run in progress ({@code 2026-11-16..2026-11-18 run 1}), or null between runs.
	 */
	public @Nullable String running() {
		return this.running;
	}

	private RunResult launch(ChargebackJobParameters parameters) {
		JobExecution execution;
		this.running = (parameters.from().equals(parameters.to()) ? parameters.from().toString()
				: parameters.from() + ".." + parameters.to()) + " run " + parameters.run();
		try {
			execution = this.jobOperator.start(this.job, parameters.toJobParameters());
		}
		catch (InvalidJobParametersException ex) {
			throw new RunRefusedException(Objects.requireNonNullElse(ex.getMessage(), "invalid job parameters"));
		}
		catch (JobInstanceAlreadyCompleteException | JobExecutionAlreadyRunningException | JobRestartException ex) {
			throw new RunRefusedException("cannot start run " + parameters.run() + " of " + parameters.rangeName()
					+ ": " + ex.getMessage());
		}
		catch (RuntimeException ex) {
			// the job repository itself failed mid-run (e.g. the database ran out of memory or space)
			log.error("Run {} of {} failed in the job repository", parameters.run(), parameters.rangeName(), ex);
			return new RunResult(parameters.from(), parameters.to(), parameters.run(), BatchStatus.FAILED, "",
					"the job database failed: " + ex.getMessage(), List.of(), List.of(), parameters.options().dryRun());
		}
		finally {
			this.running = null;
		}
		RunOutcome outcome = (execution.getStatus() == BatchStatus.COMPLETED) ? RunOutcome.of(execution) : null;
		if (outcome == null) {
			return new RunResult(parameters.from(), parameters.to(), parameters.run(), execution.getStatus(), "",
					FailureReasons.of(execution), List.of(), List.of(), parameters.options().dryRun());
		}
		return new RunResult(parameters.from(), parameters.to(), parameters.run(), execution.getStatus(),
				(outcome.publishedDir() != null) ? outcome.publishedDir().toString() : "", outcome.totals().toString(),
				outcome.warnings(), outcome.restatement(), parameters.options().dryRun());
	}

}

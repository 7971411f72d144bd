package org.hubchargeback.launch;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.hubchargeback.config.HubChargebackProperties;
import org.hubchargeback.config.HubChargebackProperties.Hub;
import org.hubchargeback.registration.RegistrationFiles;
import org.hubchargeback.remote.RemotePartitioning;
import org.hubchargeback.run.ChargebackJobParameters;
import org.hubchargeback.run.RunInputs;
import org.hubchargeback.run.RunOptions;
import org.hubchargeback.run.RunOutcome;
import org.hubchargeback.run.RunStore;
import org.hubchargeback.run.StepNames;
import org.hubchargeback.usage.InputFile;
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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Turns "charge this range" into the right job launch. A range's runs are numbered: the first run of a range is run
 * 1; running a range again after it completed starts the next run number (and its outputs replace the published
 * ones); running it again after a failure restarts the failed run where it stopped, unless its input files changed,
 * in which case the failed run is abandoned and a new one starts.
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
	 */
	public RunResult runRange(LocalDate from, LocalDate to, RunOptions options) {
		if (from.isAfter(to)) {
			throw new RunRefusedException("--from " + from + " is after --to " + to);
		}
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
					if (inputsUnchanged(last.getInstanceId())) {
						log.info("Restarting run {} of {}..{} (it ended {})", lastRun, from, to, status);
						return launch(new ChargebackJobParameters(from, to, lastRun, options));
					}
					log.info("Input files changed since run {} of {}..{} failed; abandoning it", lastRun, from, to);
					abandon(Objects.requireNonNull(execution, "a FAILED or STOPPED run has an execution"));
				}
				case COMPLETED, ABANDONED -> log.info("Range {}..{} ran before (run {}, {}); run {} replaces it", from,
						to, lastRun, status, run);
				default -> throw new RunRefusedException("run " + lastRun + " of " + from + ".." + to
						+ " is marked " + status + ((execution != null) ? " (execution " + execution.getId() + ")" : "")
						+ "; abandon it first");
			}
		}
		return launch(new ChargebackJobParameters(from, to, run, options));
	}

	/**
	 * Charges every complete UTC day since the last successful nightly run, one day per run, oldest first; stops at
	 * the first failure.
	 */
	public List<RunResult> runNightly() {
		Instant now = Instant.now(this.clock);
		LocalDate lastComplete = LocalDate.ofInstant(now.minus(this.properties.nightly().lag()), ZoneOffset.UTC)
			.minusDays(1);
		LocalDate lastDone = lastNightlyDay();
		LocalDate first = (lastDone != null) ? lastDone.plusDays(1) : lastComplete;
		int max = Math.max(1, this.properties.nightly().maxCatchUpDays());
		if (first.plusDays(max - 1).isBefore(lastComplete)) {
			log.warn("{} days to catch up since {}; processing the first {} now, the rest on the next run",
					first.until(lastComplete).getDays() + 1, lastDone, max);
		}
		List<RunResult> results = new ArrayList<>();
		for (LocalDate day = first; !day.isAfter(lastComplete) && results.size() < max; day = day.plusDays(1)) {
			RunResult result = runRange(day, day, RunOptions.nightly());
			results.add(result);
			if (!result.completed()) {
				break;
			}
		}
		return results;
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

	private boolean inputsUnchanged(long runId) {
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
		return current.equals(prepared) && userSubscriptions.equals(this.store.userSubscriptionHashes(runId));
	}

	private void abandon(JobExecution execution) {
		try {
			this.jobOperator.abandon(execution);
		}
		catch (Exception ex) {
			throw new RunRefusedException("cannot abandon execution " + execution.getId() + ": " + ex.getMessage());
		}
	}

	private RunResult launch(ChargebackJobParameters parameters) {
		JobExecution execution;
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

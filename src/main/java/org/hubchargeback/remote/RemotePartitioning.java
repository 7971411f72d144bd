package org.hubchargeback.remote;

import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.MessageChannel;

/**
 * The manager's side: builds a partitioned step whose partitions are sent to the workers over RabbitMQ, one
 * {@code StepExecutionRequest} each, and that polls the job repository until every partition has ended (no reply
 * queue: the repository is the truth, whichever worker ran a partition). While it waits, it looks every poll interval
 * for partitions marked STARTED whose worker no longer holds their lock ({@link PartitionLiveness}) and marks them
 * FAILED: the step then fails when the others end, the run fails, and the same command restarts it, running only the
 * partitions that did not complete.
 */
public class RemotePartitioning {

	private static final Logger log = LoggerFactory.getLogger(RemotePartitioning.class);

	private final MessageChannel requests;

	private final RemoteProperties properties;

	private final PartitionLiveness liveness;

	private final JdbcTemplate jdbc;

	public RemotePartitioning(MessageChannel requests, RemoteProperties properties, PartitionLiveness liveness,
			JdbcTemplate jdbc) {
		this.requests = requests;
		this.properties = properties;
		this.liveness = liveness;
		this.jdbc = jdbc;
	}

	/**
	 * A step that has the workers run {@code workerStep} once per partition.
	 */
	public Step managerStep(String name, Partitioner partitioner, String workerStep, int gridSize,
			JobRepository jobRepository) {
		return new RemotePartitioningManagerStepBuilder(name, jobRepository).partitioner(workerStep, partitioner)
			.gridSize(gridSize)
			.outputChannel(this.requests)
			.pollInterval(this.properties.pollInterval().toMillis())
			.timeout(this.properties.timeout().toMillis())
			.listener(new DeadWorkerWatch(workerStep, jobRepository))
			.build();
	}

	/**
	 * Before an interrupted run (its manager was killed) is recovered and restarted: waits, up to the timeout, while
	 * workers still run its partitions, so that the restart never runs a partition beside the worker that still has
	 * it; a partition whose worker is gone is left to the recovery.
	 */
	public void awaitLiveWorkers(long jobExecutionId) {
		long deadline = System.nanoTime() + this.properties.timeout().toNanos();
		while (true) {
			List<Long> started = this.jdbc.queryForList("SELECT STEP_EXECUTION_ID FROM BATCH_STEP_EXECUTION"
					+ " WHERE JOB_EXECUTION_ID = ? AND STATUS = 'STARTED' AND STEP_NAME LIKE '%:%'", Long.class,
					jobExecutionId);
			long live = started.stream().filter((id) -> !this.liveness.ifAbandoned(id, () -> {
			})).count();
			if (live == 0) {
				return;
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(live + " partitions of execution " + jobExecutionId
						+ " are still running on workers after " + this.properties.timeout()
						+ " (hub-chargeback.remote.timeout)");
			}
			log.info("Waiting for {} partitions of the interrupted execution {} still running on workers", live,
					jobExecutionId);
			sleep(Math.max(100, this.properties.pollInterval().toMillis()));
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for the workers", ex);
		}
	}

	/**
	 * Marks the abandoned STARTED partitions of a job execution FAILED.
	 * @return how many it marked
	 */
	public int failAbandonedPartitions(long jobExecutionId, String workerStep, JobRepository jobRepository) {
		List<Long> started = this.jdbc.queryForList("SELECT STEP_EXECUTION_ID FROM BATCH_STEP_EXECUTION"
				+ " WHERE JOB_EXECUTION_ID = ? AND STATUS = 'STARTED' AND STEP_NAME LIKE ?", Long.class,
				jobExecutionId, workerStep + ":%");
		int failed = 0;
		for (long id : started) {
			boolean[] marked = new boolean[1];
			this.liveness.ifAbandoned(id, () -> marked[0] = fail(id, jobRepository));
			failed += marked[0] ? 1 : 0;
		}
		return failed;
	}

	private static boolean fail(long stepExecutionId, JobRepository jobRepository) {
		StepExecution partition = jobRepository.getStepExecution(stepExecutionId);
		if (partition == null || partition.getStatus() != BatchStatus.STARTED) {
			return false; // it ended meanwhile
		}
		log.warn("Partition {} (step execution {}) lost its worker; marking it FAILED", partition.getStepName(),
				stepExecutionId);
		partition.setStatus(BatchStatus.FAILED);
		partition.setExitStatus(ExitStatus.FAILED.addExitDescription("the worker running this partition stopped"
				+ " (killed, or its machine or connection died); restart the run to run it again"));
		partition.setEndTime(LocalDateTime.now());
		jobRepository.update(partition);
		return true;
	}

	/**
	 * Watches the manager step's partitions while it waits for them.
	 */
	private final class DeadWorkerWatch implements StepExecutionListener {

		private final String workerStep;

		private final JobRepository jobRepository;

		private @Nullable ScheduledExecutorService watch;

		DeadWorkerWatch(String workerStep, JobRepository jobRepository) {
			this.workerStep = workerStep;
			this.jobRepository = jobRepository;
		}

		@Override
		public void beforeStep(StepExecution stepExecution) {
			long jobExecutionId = stepExecution.getJobExecutionId();
			long interval = Math.max(100, RemotePartitioning.this.properties.pollInterval().toMillis());
			ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "dead-worker-watch");
				thread.setDaemon(true);
				return thread;
			});
			watch.scheduleWithFixedDelay(() -> {
				try {
					failAbandonedPartitions(jobExecutionId, this.workerStep, this.jobRepository);
				}
				catch (RuntimeException ex) {
					log.warn("Cannot check the partitions' workers: {}", ex.getMessage());
				}
			}, interval, interval, TimeUnit.MILLISECONDS);
			this.watch = watch;
		}

		@Override
		public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
			if (this.watch != null) {
				this.watch.shutdownNow();
				this.watch = null;
			}
			return null;
		}

	}

}

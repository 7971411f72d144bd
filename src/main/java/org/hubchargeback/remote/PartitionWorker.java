package org.hubchargeback.remote;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

import org.hubchargeback.run.ChargebackJobParameters;
import org.hubchargeback.run.RunPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * The worker's side: runs the partition a {@code StepExecutionRequest} names, as Spring Batch's
 * {@code StepExecutionRequestHandler} does, with three additions. It holds the partition's lock while it runs it, so
 * that the manager can tell a dead worker from a slow one ({@link PartitionLiveness}). It runs a partition only once:
 * a request RabbitMQ delivers again because the worker that took it died is dropped, since the manager fails that
 * partition and a restart makes a new one. And on SIGTERM it asks its running partitions to stop after their current
 * chunk, so they end STOPPED and a restart resumes them where they stopped.
 */
public class PartitionWorker implements ApplicationListener<ContextClosedEvent> {

	private static final Logger log = LoggerFactory.getLogger(PartitionWorker.class);

	private final JobRepository jobRepository;

	private final Map<String, Step> steps;

	private final PartitionLiveness liveness;

	private final Path outputDir;

	private final Set<StepExecution> running = ConcurrentHashMap.newKeySet();

	private final CountDownLatch closed = new CountDownLatch(1);

	/**
	 * @param steps the worker steps a manager may ask for, by name
	 */
	public PartitionWorker(JobRepository jobRepository, Map<String, Step> steps, PartitionLiveness liveness,
			Path outputDir) {
		this.jobRepository = jobRepository;
		this.steps = steps;
		this.liveness = liveness;
		this.outputDir = outputDir;
	}

	public void handle(StepExecutionRequest request) {
		Step step = this.steps.get(request.getStepName());
		if (step == null) {
			log.error("Ignoring a request for step {}: this worker runs only {}", request.getStepName(),
					this.steps.keySet());
			return;
		}
		long id = request.getStepExecutionId();
		try (PartitionLiveness.Held held = this.liveness.hold(id)) {
			StepExecution partition = this.jobRepository.getStepExecution(id);
			if (partition == null) {
				log.warn("Ignoring a request for step execution {}: it is not in the job repository", id);
				return;
			}
			if (partition.getStatus() != BatchStatus.STARTING || !partition.getJobExecution().isRunning()) {
				log.warn("Ignoring a request for partition {} (step execution {}): it is {} and its run is {}",
						partition.getStepName(), id, partition.getStatus(), partition.getJobExecution().getStatus());
				return;
			}
			Path staging = new RunPaths(this.outputDir,
					ChargebackJobParameters.of(partition.getJobParameters()).rangeName(),
					partition.getJobExecution().getJobInstance().getInstanceId())
				.staging();
			if (!Files.isDirectory(staging)) {
				// a worker that would write its spill files where the manager never looks
				partition.setStatus(BatchStatus.FAILED);
				partition.setExitStatus(ExitStatus.FAILED.addExitDescription("the run's folder " + staging
						+ " is not on this worker: its output-dir must be the manager's, on a file system they share"));
				this.jobRepository.update(partition);
				log.error("Partition {} failed: {} does not exist here (output-dir differs from the manager's?)",
						partition.getStepName(), staging);
				return;
			}
			log.info("Running partition {} (step execution {})", partition.getStepName(), id);
			this.running.add(partition);
			try {
				execute(step, partition);
			}
			finally {
				this.running.remove(partition);
			}
			log.info("Partition {} (step execution {}) ended {}", partition.getStepName(), id,
					partition.getStatus());
		}
	}

	/**
	 * What {@code StepExecutionRequestHandler} does; the step itself records how it ended.
	 */
	private void execute(Step step, StepExecution partition) {
		try {
			step.execute(partition);
		}
		catch (JobInterruptedException ex) {
			partition.setStatus(BatchStatus.STOPPED);
			this.jobRepository.update(partition);
		}
		catch (RuntimeException ex) {
			log.error("Partition {} failed", partition.getStepName(), ex);
			partition.addFailureException(ex);
			partition.setStatus(BatchStatus.FAILED);
			this.jobRepository.update(partition);
		}
	}

	/**
	 * Blocks until the application shuts down (SIGTERM).
	 */
	public void awaitShutdown() throws InterruptedException {
		this.closed.await();
	}

	/**
	 * Comes before the listener container stops, which then waits for the partitions to end their current chunk.
	 */
	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		for (StepExecution partition : this.running) {
			log.info("Stopping partition {} (step execution {}) after its current chunk", partition.getStepName(),
					partition.getId());
			partition.setTerminateOnly();
		}
		this.closed.countDown();
	}

}

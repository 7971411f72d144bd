package org.hubchargeback.loading;

import org.hubchargeback.config.HubChargebackProperties.RejectedLimit;
import org.hubchargeback.run.RunStore;
import org.hubchargeback.run.RunStore.FileRejections;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Step 4: a file that is mostly garbage is a broken export, not a few bad rows. Charging what is left of it would
 * publish a partial invoice, so the run fails, naming the file and its first rejections.
 */
public class CheckRejectionsTasklet implements Tasklet {

	private final RunStore store;

	private final long runId;

	private final RejectedLimit limit;

	private final JobRepository jobRepository;

	public CheckRejectionsTasklet(RunStore store, long runId, RejectedLimit limit, JobRepository jobRepository) {
		this.store = store;
		this.runId = runId;
		this.limit = limit;
		this.jobRepository = jobRepository;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		InputCounts read = InputCounts.of(this.jobRepository,
				chunkContext.getStepContext().getStepExecution().getJobExecution(),
				this.store.inputFileRows(this.runId));
		for (FileRejections file : this.store.rejectionsPerFile(this.runId, read.perFile())) {
			boolean tooMany = file.rejected() > this.limit.perFile();
			boolean tooLarge = file.records() >= this.limit.minRecords()
					&& file.rejected() > this.limit.share() * file.records();
			if (tooMany || tooLarge) {
				throw new IllegalStateException(file.file() + ": " + file.rejected() + " of " + file.records()
						+ " rows rejected, more than hub-chargeback.rejected-limit allows ("
						+ (tooMany ? this.limit.perFile() + " rows" : Math.round(this.limit.share() * 100) + "%")
						+ "): a broken export, not bad rows. First: " + String.join("; ", file.examples())
						+ ". Fix or replace the export, or raise the limit");
			}
		}
		return RepeatStatus.FINISHED;
	}

}

package org.hubchargeback.job;

import java.util.List;

import org.hubchargeback.job.RunStore.Repeat;
import org.hubchargeback.report.CsvDialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Step 3: a usage record read twice (overlapping exports) is charged once. The first occurrence in reading order is
 * kept; an identical repeat counts as a duplicate; a repeat with another quantity is rejected, because charging
 * either one silently would be a guess. Runs in one transaction, so a crash leaves nothing half-marked.
 */
public class MarkDuplicatesTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(MarkDuplicatesTasklet.class);

	private static final int PAGE = 10_000;

	private final RunStore store;

	private final long runId;

	public MarkDuplicatesTasklet(RunStore store, long runId) {
		this.store = store;
		this.runId = runId;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		int duplicates = 0;
		int conflicts = 0;
		List<Repeat> page;
		long after = 0;
		while (!(page = this.store.repeats(this.runId, after, PAGE)).isEmpty()) {
			for (Repeat repeat : page) {
				after = repeat.seq();
				if (repeat.quantity().compareTo(repeat.firstQuantity()) == 0) {
					this.store.markDuplicate(this.runId, repeat.seq());
					duplicates++;
				}
				else {
					this.store.moveToRejected(this.runId, repeat, "Quantity",
							"conflicting duplicate: the same usage (hub subscription, meter, resource, start and end) was"
									+ " read first at " + repeat.firstFile() + " line " + repeat.firstLine()
									+ " with quantity " + CsvDialect.quantity(repeat.firstQuantity()) + ", here "
									+ CsvDialect.quantity(repeat.quantity()) + "; charged once, at the first quantity");
					conflicts++;
				}
			}
		}
		contribution.incrementWriteCount(duplicates + conflicts);
		log.info("Run {}: {} duplicate record(s), {} conflicting duplicate(s) rejected", this.runId, duplicates,
				conflicts);
		return RepeatStatus.FINISHED;
	}

}

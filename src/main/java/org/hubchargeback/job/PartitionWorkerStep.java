package org.hubchargeback.job;

import java.util.function.Function;

import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;

/**
 * A partitioned step's worker, built afresh for each partition from plain objects. The usual step-scoped reader and
 * processor are proxies that look their target up in the step scope on every call: twice per record, a seventh of
 * the loading time. Built here, each partition's step holds its own reader, processor and writer directly; it runs,
 * records and restarts like any other step.
 */
final class PartitionWorkerStep implements Step {

	private final String name;

	private final Function<StepExecution, Step> build;

	/**
	 * @param build the step for one partition's execution, named {@code name}
	 */
	PartitionWorkerStep(String name, Function<StepExecution, Step> build) {
		this.name = name;
		this.build = build;
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public void execute(StepExecution stepExecution) throws JobInterruptedException {
		this.build.apply(stepExecution).execute(stepExecution);
	}

}

package org.hubchargeback.run;

import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * What a completed run published, as the publishing step ({@code publish.PublishOutputsTasklet}) hands it to whoever
 * launched the job.
 *
 * @param publishedDir the published range folder, absolute; null for a dry run
 * @param totals the verified control totals of the whole run
 * @param warnings what finance must know before using the files, one per entry
 * @param restatement what a rerun changed: the total, then one line per changed subscription (see {@code Restatement})
 */
public record RunOutcome(@Nullable Path publishedDir, ControlTotals totals, List<String> warnings,
		List<String> restatement) {

	/**
	 * The job execution context carries it: that is how Spring Batch hands a step's result to the job's caller, and
	 * the job repository keeps it with the execution. It is kept there as JSON, not as this record: the repository's
	 * serializer (Spring Batch's default, Java serialization) reads back only JDK and Spring Batch classes, and a class
	 * of ours stored by name would make every later launch fail to read old executions once it is renamed or moved.
	 */
	static final String KEY = "runOutcome";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	public RunOutcome {
		warnings = List.copyOf(warnings);
		restatement = List.copyOf(restatement);
	}

	/**
	 * @return the outcome of the run, or null when it published nothing (it failed, or never reached publishing)
	 */
	public static @Nullable RunOutcome of(JobExecution execution) {
		ExecutionContext context = execution.getExecutionContext();
		return context.containsKey(KEY) ? JSON.readValue(context.getString(KEY), RunOutcome.class) : null;
	}

	public void putInto(ExecutionContext context) {
		context.putString(KEY, JSON.writeValueAsString(this));
	}

}

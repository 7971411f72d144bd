package org.hubchargeback.run;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.dao.DefaultExecutionContextSerializer;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run's outcome goes through the job repository and comes back the same.
 */
class RunOutcomeTests {

	private static final ControlTotals TOTALS = new ControlTotals(1037, 857, 167, 5, 1, 7);

	@Test
	void readBackFromTheJobRepositoryItIsTheOutcomeThatWasPublished() throws IOException {
		// given an outcome with a folder name that is no plain ASCII, warnings and restated lines
		RunOutcome outcome = new RunOutcome(Path.of("/srv/chargeback out/Übersicht/2026-11-16_2026-11-18"), TOTALS,
				List.of("Hub east: the registration could not be read from Azure", "3 chargeback row(s) have no price"),
				List.of("c1 fab6eb84: 40 -> 44"));
		ExecutionContext context = new ExecutionContext();

		// when it is stored with the serializer Boot gives the job repository here (none of ours is configured)
		outcome.putInto(context);
		JobExecution readBack = execution(roundTrip(context.toMap()));

		// then
		assertThat(RunOutcome.of(readBack)).isEqualTo(outcome);
		assertThat(RunOutcome.of(readBack).publishedDir().toString()).isEqualTo(outcome.publishedDir().toString());
	}

	@Test
	void aDryRunHasNoPublishedFolder() throws IOException {
		// given
		RunOutcome dryRun = new RunOutcome(null, TOTALS, List.of(), List.of());
		ExecutionContext context = new ExecutionContext();

		// when
		dryRun.putInto(context);
		RunOutcome readBack = RunOutcome.of(execution(roundTrip(context.toMap())));

		// then
		assertThat(readBack).isEqualTo(dryRun);
		assertThat(readBack.publishedDir()).isNull();
	}

	@Test
	void aRunThatNeverPublishedHasNoOutcome() {
		// given a job execution that failed before publishing
		JobExecution failed = execution(Map.of());

		// when
		RunOutcome outcome = RunOutcome.of(failed);

		// then
		assertThat(outcome).isNull();
	}

	private static Map<String, Object> roundTrip(Map<String, Object> context) throws IOException {
		DefaultExecutionContextSerializer serializer = new DefaultExecutionContextSerializer();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		serializer.serialize(context, bytes);
		return serializer.deserialize(new ByteArrayInputStream(bytes.toByteArray()));
	}

	private static JobExecution execution(Map<String, Object> context) {
		JobExecution execution = new JobExecution(1, new JobInstance(1, StepNames.JOB),
				new JobParameters());
		execution.setExecutionContext(new ExecutionContext(context));
		return execution;
	}

}

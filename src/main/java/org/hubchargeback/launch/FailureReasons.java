package org.hubchargeback.launch;

import java.util.Comparator;
import java.util.List;

import org.hubchargeback.config.InvalidConfigurationException;
import org.hubchargeback.registration.RegistrationException;
import org.hubchargeback.usage.UsageFileException;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * The one line an operator needs from a failed run: the step that failed and the message that explains it (a bad
 * file, a registration, the configuration, a full disk), not the framework exceptions wrapped around it.
 */
final class FailureReasons {

	private FailureReasons() {
	}

	static String of(JobExecution execution) {
		// a partition worker's failure explains its manager's ("Partition handler returned an unsuccessful step")
		StepExecution failed = execution.getStepExecutions()
			.stream()
			.filter((step) -> step.getStatus() == BatchStatus.FAILED && !step.getFailureExceptions().isEmpty())
			.max(Comparator.comparing((StepExecution step) -> step.getStepName().contains(":")))
			.orElse(null);
		List<Throwable> failures = (failed != null) ? failed.getFailureExceptions()
				: execution.getAllFailureExceptions();
		if (failures.isEmpty()) {
			return execution.getExitStatus().getExitDescription();
		}
		String step = (failed != null) ? "step " + failed.getStepName() + ": " : "";
		Throwable first = failures.get(0);
		for (Throwable cause = first; cause != null; cause = cause.getCause()) {
			if ((cause instanceof UsageFileException || cause instanceof RegistrationException
					|| cause instanceof InvalidConfigurationException) && cause.getMessage() != null) {
				return cause.getMessage();
			}
		}
		Throwable root = first;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (first.getMessage() != null) ? first.getMessage() : first.getClass().getSimpleName();
		message = (root != first && root.getMessage() != null) ? message + " (" + root.getMessage() + ")" : message;
		if (message.contains("not successfully written") || message.contains("No space left")) {
			message += "; is the output file system full?";
		}
		return step + message;
	}

}

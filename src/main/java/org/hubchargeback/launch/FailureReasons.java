package org.hubchargeback.launch;

import java.util.List;

import org.hubchargeback.job.InvalidConfigurationException;
import org.hubchargeback.registration.RegistrationException;
import org.hubchargeback.usage.UsageFileException;

import org.springframework.batch.core.job.JobExecution;

/**
 * The one line an operator needs from a failed run: the message of the failure that explains it (a bad file, a
 * registration, the configuration), not the framework exceptions wrapped around it.
 */
final class FailureReasons {

	private FailureReasons() {
	}

	static String of(JobExecution execution) {
		List<Throwable> failures = execution.getAllFailureExceptions();
		if (failures.isEmpty()) {
			return execution.getExitStatus().getExitDescription();
		}
		Throwable first = failures.get(0);
		for (Throwable cause = first; cause != null; cause = cause.getCause()) {
			if (cause instanceof UsageFileException || cause instanceof RegistrationException
					|| cause instanceof InvalidConfigurationException) {
				return cause.getMessage();
			}
		}
		Throwable root = first;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (first.getMessage() != null) ? first.getMessage() : first.getClass().getSimpleName();
		return (root != first && root.getMessage() != null) ? message + " (" + root.getMessage() + ")" : message;
	}

}

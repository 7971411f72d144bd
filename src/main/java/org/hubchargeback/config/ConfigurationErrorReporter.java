package org.hubchargeback.config;

import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * A configuration error is the operator's to fix, in one line ({@code hub-chargeback: cannot start: ...}, printed by
 * the application's main): Spring's "Application run failed" and an 80-line stack trace would bury it. Other start-up
 * failures keep Spring's report.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ConfigurationErrorReporter implements SpringBootExceptionReporter {

	@Override
	public boolean reportException(Throwable failure) {
		return configurationError(failure);
	}

	/**
	 * @return whether an {@link InvalidConfigurationException} is among the causes of {@code failure}
	 */
	public static boolean configurationError(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidConfigurationException) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

}

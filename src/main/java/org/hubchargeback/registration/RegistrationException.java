package org.hubchargeback.registration;

import org.jspecify.annotations.Nullable;

/**
 * A registration or subscription source that cannot be used; charging on it would bill the wrong subscription.
 */
public class RegistrationException extends RuntimeException {

	public RegistrationException(String message) {
		super(message);
	}

	public RegistrationException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}

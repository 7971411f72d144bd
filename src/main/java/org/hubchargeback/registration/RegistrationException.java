package org.hubchargeback.registration;

/**
 * A registration or subscription source that cannot be used; charging on it would bill the wrong subscription.
 */
public class RegistrationException extends RuntimeException {

	public RegistrationException(String message) {
		super(message);
	}

	public RegistrationException(String message, Throwable cause) {
		super(message, cause);
	}

}

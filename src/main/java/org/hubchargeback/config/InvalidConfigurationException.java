package org.hubchargeback.config;

/**
 * The configuration cannot describe a run (missing hub, folder or setting). Nothing is read or written.
 */
public class InvalidConfigurationException extends RuntimeException {

	public InvalidConfigurationException(String message) {
		super(message);
	}

}

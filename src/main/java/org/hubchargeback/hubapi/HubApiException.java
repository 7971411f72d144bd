package org.hubchargeback.hubapi;

import org.jspecify.annotations.Nullable;

/**
 * The hub's usage API could not be read (refused, unreachable, an answer that is no usage list): nothing of the window
 * is kept, and the message says what to check.
 */
public class HubApiException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public HubApiException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}

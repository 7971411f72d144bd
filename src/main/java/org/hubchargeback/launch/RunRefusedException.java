package org.hubchargeback.launch;

/**
 * The launcher will not start a run, and says why.
 */
public class RunRefusedException extends RuntimeException {

	public RunRefusedException(String message) {
		super(message);
	}

}

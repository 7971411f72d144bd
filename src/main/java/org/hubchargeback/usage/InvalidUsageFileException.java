package org.hubchargeback.usage;

/**
 * A file the job cannot read as a usage export at all (as opposed to a bad row, which is rejected and reported).
 */
public class InvalidUsageFileException extends RuntimeException {

	private final long line;

	public InvalidUsageFileException(long line, String message) {
		super(message);
		this.line = line;
	}

	public long line() {
		return this.line;
	}

}

package org.hubchargeback.usage;

/**
 * Reading stopped because a file is not a readable usage export. The message names the file and line; the job fails
 * rather than charge part of a broken export.
 */
public class UsageFileException extends RuntimeException {

	public UsageFileException(String file, long line, String message, Throwable cause) {
		super(file + ((line > 0) ? " line " + line : "") + ": " + message, cause);
	}

}

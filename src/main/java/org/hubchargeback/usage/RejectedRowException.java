package org.hubchargeback.usage;

/**
 * A row that cannot be charged, with the field at fault.
 */
public class RejectedRowException extends RuntimeException {

	private final String field;

	private final String reason;

	public RejectedRowException(String field, String reason) {
		super(reason);
		this.field = field;
		this.reason = reason;
	}

	public String field() {
		return this.field;
	}

	public String reason() {
		return this.reason;
	}

}

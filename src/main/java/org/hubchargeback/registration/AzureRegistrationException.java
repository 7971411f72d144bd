package org.hubchargeback.registration;

import org.jspecify.annotations.Nullable;

/**
 * Azure Resource Manager answered a registration request with an error, or could not be reached after retries.
 * {@link #getMessage()} says what the operator should do.
 */
public class AzureRegistrationException extends RegistrationException {

	private final int status;

	private final String code;

	public AzureRegistrationException(int status, String code, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.status = status;
		this.code = code;
	}

	/**
	 * @return the HTTP status, or 0 when Azure was not reached
	 */
	public int status() {
		return this.status;
	}

	/**
	 * @return the ARM error code ({@code RegistrationNotFound}, ...), or empty
	 */
	public String code() {
		return this.code;
	}

	/**
	 * @return true when Azure could not be reached or failed transiently (after retries): only then may a run charge
	 * with an older snapshot. A refusal (401, 403, 404), an answer that is no registration, or a credential or trust
	 * store that does not work will not pass by itself, and is to be fixed, not charged around every night.
	 */
	public boolean unavailable() {
		return (this.status == 0 && this.code.isEmpty()) || this.status == 429 || this.status >= 500
				|| "MetadataResolverBadGatewayError".equals(this.code);
	}

}

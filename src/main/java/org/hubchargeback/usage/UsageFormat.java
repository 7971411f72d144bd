package org.hubchargeback.usage;

/**
 * The two export layouts the job reads.
 */
public enum UsageFormat {

	/**
	 * AzureStack-Tools {@code Usagesummary.ps1}: 14 quoted columns, culture-formatted dates, the hub subscription in
	 * {@code subscription} (taken from the resource URI).
	 */
	USAGE_SUMMARY,

	/**
	 * The documented canonical CSV: ISO-8601 UTC timestamps, explicit {@code SubscriptionId}, optional
	 * {@code TenantId}.
	 */
	CANONICAL

}

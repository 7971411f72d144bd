package org.hubchargeback.resolution;

/**
 * Why a subscription is charged for a usage record.
 */
public enum ChargeReason {

	/**
	 * The record's tenant is registered on the hub: its customer subscription pays.
	 */
	REGISTERED,

	/**
	 * The record fell to the hub registration's default subscription; see {@link DefaultReason}.
	 */
	DEFAULT

}

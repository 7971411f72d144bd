package org.hubchargeback.resolution;

/**
 * Why usage fell to a default subscription, as reported in {@code unregistered-tenants.csv}.
 */
public enum DefaultReason {

	/**
	 * The tenant is known but has no customer subscription on this hub's registration.
	 */
	TENANT_NOT_REGISTERED,

	/**
	 * The hub subscription is not in the hub's user-subscription list and the record names no tenant.
	 */
	SUBSCRIPTION_WITHOUT_TENANT

}

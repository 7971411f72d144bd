package org.hubchargeback.registration;

import java.util.Map;
import java.util.Optional;

/**
 * One hub's registration with Azure: the default subscription, and the customer subscription registered for each
 * directory tenant. A tenant has at most one customer subscription (a PUT overwrites the mapping).
 *
 * @param hub the hub name
 * @param defaultSubscriptionId charged for every tenant that is not registered
 * @param customerSubscriptionsByTenant lowercase tenant ID to the customer subscription ID, exactly as the
 * registration spells it (it is case sensitive)
 * @param snapshot where this registration was read and its fingerprint
 */
public record Registration(String hub, String defaultSubscriptionId, Map<String, String> customerSubscriptionsByTenant,
		Snapshot snapshot) {

	public Registration {
		customerSubscriptionsByTenant = Map.copyOf(customerSubscriptionsByTenant);
	}

	public Optional<String> customerSubscriptionOf(String tenantId) {
		return Optional.ofNullable(this.customerSubscriptionsByTenant.get(tenantId));
	}

	/**
	 * @param source the file (or endpoint) the registration was read from
	 * @param sha256 hex SHA-256 of what was read
	 */
	public record Snapshot(String source, String sha256) {

		/**
		 * Short fingerprint stamped on every chargeback row.
		 */
		public String id() {
			return this.sha256.substring(0, 12);
		}

	}

}

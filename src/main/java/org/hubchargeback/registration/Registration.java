package org.hubchargeback.registration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.hubchargeback.usage.Guids;

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

	// subscription IDs become file names; keep them to what an Azure ID can hold
	private static final Pattern SUBSCRIPTION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");

	public Registration {
		customerSubscriptionsByTenant = Map.copyOf(customerSubscriptionsByTenant);
	}

	/**
	 * Builds a hub's registration from its listed customer subscriptions.
	 * @throws RegistrationException for an entry that would bill the wrong subscription: a tenant that is not a GUID,
	 * an unusable subscription ID, or a tenant mapped to two customer subscriptions
	 */
	public static Registration of(String hub, String defaultSubscriptionId, List<CustomerSubscription> entries,
			Snapshot snapshot) {
		Map<String, String> byTenant = new LinkedHashMap<>();
		for (CustomerSubscription entry : entries) {
			String subscription = entry.customerSubscriptionId();
			String where = "Hub " + hub + ": " + snapshot.source();
			if (!isUsableSubscriptionId(subscription)) {
				throw new RegistrationException(
						where + " has a customer subscription with an unusable ID '" + subscription + "'");
			}
			if (!Guids.isGuid(entry.tenantId())) {
				throw new RegistrationException(where + " maps customer subscription " + subscription + " to '"
						+ entry.tenantId() + "', which is not a tenant GUID");
			}
			String previous = byTenant.putIfAbsent(Guids.normalize(entry.tenantId()), subscription);
			if (previous != null && !previous.equals(subscription)) {
				throw new RegistrationException(where + " maps tenant " + entry.tenantId()
						+ " to two customer subscriptions (" + previous + ", " + subscription
						+ "); Azure keeps one per tenant, so it is not a registration as Azure holds it");
			}
		}
		return new Registration(hub, defaultSubscriptionId, byTenant, snapshot);
	}

	public static boolean isUsableSubscriptionId(String id) {
		return SUBSCRIPTION_ID.matcher(id).matches();
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

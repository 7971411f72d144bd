package org.hubchargeback.registration;

import java.util.Map;
import java.util.Optional;

/**
 * A hub's local user subscriptions and the directory tenant each belongs to.
 *
 * @param tenantsBySubscription lowercase subscription ID to lowercase tenant ID
 * @param sha256 fingerprint of the source file, empty when the hub has none
 * @param namesBySubscription lowercase subscription ID to its display name and owner, for the subscriptions the list
 * names (a list without {@code displayName} or {@code owner} names none)
 */
public record UserSubscriptions(String source, Map<String, String> tenantsBySubscription, String sha256,
		Map<String, SubscriptionName> namesBySubscription) {

	public UserSubscriptions {
		tenantsBySubscription = Map.copyOf(tenantsBySubscription);
		namesBySubscription = Map.copyOf(namesBySubscription);
	}

	public UserSubscriptions(String source, Map<String, String> tenantsBySubscription, String sha256) {
		this(source, tenantsBySubscription, sha256, Map.of());
	}

	public static UserSubscriptions none() {
		return new UserSubscriptions("", Map.of(), "");
	}

	public Optional<String> tenantOf(String subscriptionId) {
		return Optional.ofNullable(this.tenantsBySubscription.get(subscriptionId));
	}

	/**
	 * A hub subscription's name as the admin API lists it ({@code displayName}, {@code owner}); empty when not given.
	 */
	public record SubscriptionName(String displayName, String owner) {

		public static final SubscriptionName NONE = new SubscriptionName("", "");

		public SubscriptionName {
			displayName = displayName.strip();
			owner = owner.strip();
		}

		public boolean isEmpty() {
			return this.displayName.isEmpty() && this.owner.isEmpty();
		}

	}

}

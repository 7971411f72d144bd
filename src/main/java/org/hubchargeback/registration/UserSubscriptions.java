package org.hubchargeback.registration;

import java.util.Map;
import java.util.Optional;

/**
 * A hub's local user subscriptions and the directory tenant each belongs to.
 *
 * @param tenantsBySubscription lowercase subscription ID to lowercase tenant ID
 * @param sha256 fingerprint of the source file, empty when the hub has none
 */
public record UserSubscriptions(String source, Map<String, String> tenantsBySubscription, String sha256) {

	public UserSubscriptions {
		tenantsBySubscription = Map.copyOf(tenantsBySubscription);
	}

	public static UserSubscriptions none() {
		return new UserSubscriptions("", Map.of(), "");
	}

	public Optional<String> tenantOf(String subscriptionId) {
		return Optional.ofNullable(this.tenantsBySubscription.get(subscriptionId));
	}

}

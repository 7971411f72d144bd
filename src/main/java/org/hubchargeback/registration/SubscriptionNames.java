package org.hubchargeback.registration;

import java.util.HashMap;
import java.util.Map;

import org.hubchargeback.registration.CustomerNames.Customer;
import org.hubchargeback.registration.UserSubscriptions.SubscriptionName;
import org.hubchargeback.usage.Guids;

/**
 * The names a run shows beside the IDs: each hub subscription's display name and owner (from the hub's
 * user-subscription list), and each charged subscription's customer (from the customer names file). Only what those
 * files say: a name nobody gave is empty, never made up.
 */
public final class SubscriptionNames {

	public static final SubscriptionNames NONE = new SubscriptionNames(Map.of(), CustomerNames.NONE);

	private final Map<String, Map<String, SubscriptionName>> hubSubscriptions;

	private final CustomerNames customers;

	/**
	 * @param userSubscriptions hub name to its user-subscription list
	 */
	public static SubscriptionNames of(Map<String, UserSubscriptions> userSubscriptions, CustomerNames customers) {
		Map<String, Map<String, SubscriptionName>> names = new HashMap<>();
		userSubscriptions.forEach((hub, list) -> names.put(hub, list.namesBySubscription()));
		return new SubscriptionNames(names, customers);
	}

	private SubscriptionNames(Map<String, Map<String, SubscriptionName>> hubSubscriptions, CustomerNames customers) {
		this.hubSubscriptions = Map.copyOf(hubSubscriptions);
		this.customers = customers;
	}

	/**
	 * @return the hub subscription's display name and owner, or {@link SubscriptionName#NONE}
	 */
	public SubscriptionName hubSubscription(String hub, String hubSubscriptionId) {
		if (hubSubscriptionId.isEmpty()) {
			return SubscriptionName.NONE;
		}
		return this.hubSubscriptions.getOrDefault(hub, Map.of())
			.getOrDefault(Guids.normalize(hubSubscriptionId), SubscriptionName.NONE);
	}

	/**
	 * @return the customer a charged (Azure) subscription belongs to, or {@link Customer#NONE}
	 */
	public Customer customer(String chargedSubscriptionId) {
		return this.customers.of(chargedSubscriptionId);
	}

}

package org.hubchargeback.charging;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A resource's use of a meter by a hub subscription: with a start and end, the identity of a usage record.
 *
 * @param resourceKey the resource URI lower-cased: Azure resource IDs are case-insensitive
 * @param instance the instance data fingerprint: the API returns a record per distinct instance data in a bucket
 */
record Usage(String hubSubscriptionId, String meterId, String resourceKey, String instance) {

	/**
	 * Written out, as the record's own would be: a usage day looks each of its records up here, and the generated
	 * method, through method handles, was a tenth of summing a day (Java 17). The strings are mostly the same
	 * instances (one per value in a usage day), so {@link String#equals} ends at its identity check.
	 */
	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof Usage u && this.hubSubscriptionId.equals(u.hubSubscriptionId)
				&& this.meterId.equals(u.meterId) && this.resourceKey.equals(u.resourceKey)
				&& this.instance.equals(u.instance));
	}

	/**
	 * The record's own hash (31 times the previous components' plus the next one's), so that maps keyed by usage
	 * iterate in the order they did.
	 */
	@Override
	public int hashCode() {
		int hash = Objects.hashCode(this.hubSubscriptionId);
		hash = 31 * hash + Objects.hashCode(this.meterId);
		hash = 31 * hash + Objects.hashCode(this.resourceKey);
		return 31 * hash + Objects.hashCode(this.instance);
	}

}

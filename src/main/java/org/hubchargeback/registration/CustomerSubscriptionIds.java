package org.hubchargeback.registration;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.hubchargeback.usage.Guids;
import org.jspecify.annotations.Nullable;

/**
 * The customer subscriptions a run may charge. Each names a chargeback file: two IDs that differ only in case would
 * publish two files that collide on a case-insensitive share (Windows, SMB), one silently replacing the other; an ID
 * that is not a GUID is no Azure subscription, and finance could bill nobody with it.
 */
public final class CustomerSubscriptionIds {

	private CustomerSubscriptionIds() {
	}

	/**
	 * @return why a run may not charge with these IDs, or null
	 */
	public static @Nullable String problem(Collection<String> ids) {
		Map<String, String> byLowerCase = new HashMap<>();
		for (String id : new TreeSet<>(ids)) {
			if (!Guids.isGuid(id)) {
				return "customer subscription '" + id + "' is not a subscription ID (a GUID)";
			}
			String other = byLowerCase.putIfAbsent(id.toLowerCase(Locale.ROOT), id);
			if (other != null && !other.equals(id)) {
				return "customer subscriptions " + other + " and " + id + " differ only in case: their chargeback"
						+ " files would collide on a case-insensitive share";
			}
		}
		return null;
	}

}

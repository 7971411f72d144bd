package org.hubchargeback.registration;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A fresh read of a registration that lost most of the tenants of the previous snapshot: every one of them is now
 * charged to the default subscription. Azure answering a partial list, or the wrong registration, looks exactly like
 * this; so does an operator cleaning up. The run goes on with the fresh read (it is what Azure says) and warns, naming
 * what to compare and how to charge as before.
 */
public final class RegistrationShrink {

	private RegistrationShrink() {
	}

	/**
	 * @return the warning, or null when the fresh read kept at least half of the previous tenants (or the previous
	 * snapshot had fewer than two)
	 */
	public static @Nullable String lostMost(RegistrationSnapshot previous, RegistrationSnapshot fresh) {
		List<String> lost = previous.customerSubscriptionsByTenant()
			.keySet()
			.stream()
			.filter((tenant) -> !fresh.customerSubscriptionsByTenant().containsKey(tenant))
			.sorted()
			.toList();
		int before = previous.customerSubscriptionsByTenant().size();
		if (before < 2 || lost.size() * 2 <= before) {
			return null;
		}
		return "the registration read from Azure (snapshot " + fresh.id() + ") has lost " + lost.size() + " of the "
				+ before + " tenants of snapshot " + previous.id() + " (fetched " + previous.fetchedAt()
				+ "); their usage is charged to the default subscription " + fresh.defaultSubscriptionId()
				+ ". Compare with --diff-snapshots=" + previous.id() + "," + fresh.id()
				+ "; if Azure is wrong, rerun the range with --snapshot=" + previous.id();
	}

}

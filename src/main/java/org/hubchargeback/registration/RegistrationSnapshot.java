package org.hubchargeback.registration;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A registration as it was read at one moment, kept in the job database.
 *
 * @param id the snapshot ID operators pin runs to
 * @param source the file or Azure resource it was read from
 * @param apiVersion the api-version of an Azure read, {@code file} for a file
 * @param customerSubscriptionsByTenant lowercase tenant to customer subscription as registered
 * @param cloudId the registered stamp's CloudId as the registration resource says it; null for a file, and for
 * snapshots stored before it was kept
 * @param billingModel the registration's billing model, null likewise
 */
public record RegistrationSnapshot(long id, String hub, String source, String apiVersion, Instant fetchedAt,
		String sha256, String defaultSubscriptionId, Map<String, String> customerSubscriptionsByTenant,
		@Nullable String cloudId, @Nullable String billingModel) {

	public RegistrationSnapshot {
		customerSubscriptionsByTenant = Map.copyOf(customerSubscriptionsByTenant);
	}

	public Registration toRegistration() {
		return new Registration(this.hub, this.defaultSubscriptionId, this.customerSubscriptionsByTenant,
				new Registration.Snapshot(this.source, this.sha256));
	}

}

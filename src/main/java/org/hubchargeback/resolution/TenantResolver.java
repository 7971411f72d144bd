package org.hubchargeback.resolution;

import org.hubchargeback.registration.Registration;
import org.hubchargeback.registration.UserSubscriptions;
import org.jspecify.annotations.Nullable;

/**
 * The charging rule of an Azure Stack Hub registration, for one hub. Each hub is resolved against its own
 * registration only: a tenant registered on another hub still falls to this hub's default subscription.
 */
public final class TenantResolver {

	private final Registration registration;

	private final UserSubscriptions userSubscriptions;

	public TenantResolver(Registration registration, UserSubscriptions userSubscriptions) {
		this.registration = registration;
		this.userSubscriptions = userSubscriptions;
	}

	/**
	 * @param hubSubscriptionId the record's local subscription, lowercase
	 * @param recordTenantId the tenant the record itself names, lowercase, if any; it wins over the subscription list
	 */
	public Resolution resolve(String hubSubscriptionId, @Nullable String recordTenantId) {
		String tenant = (recordTenantId != null) ? recordTenantId
				: this.userSubscriptions.tenantOf(hubSubscriptionId).orElse(null);
		if (tenant == null) {
			return new Resolution(null, this.registration.defaultSubscriptionId(), ChargeReason.DEFAULT,
					DefaultReason.SUBSCRIPTION_WITHOUT_TENANT);
		}
		return this.registration.customerSubscriptionOf(tenant)
			.map((customer) -> new Resolution(tenant, customer, ChargeReason.REGISTERED, null))
			.orElseGet(() -> new Resolution(tenant, this.registration.defaultSubscriptionId(), ChargeReason.DEFAULT,
					DefaultReason.TENANT_NOT_REGISTERED));
	}

	public Registration registration() {
		return this.registration;
	}

}

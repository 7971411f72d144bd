package org.hubchargeback.run;

import org.hubchargeback.config.HubChargebackProperties.Hub;
import org.hubchargeback.registration.Registration;
import org.hubchargeback.registration.RegistrationSnapshot;
import org.hubchargeback.registration.UserSubscriptions;
import org.hubchargeback.resolution.TenantResolver;
import org.hubchargeback.usage.UsageCulture;
import org.jspecify.annotations.Nullable;

/**
 * A hub as one run sees it: its configuration, the registration snapshot and user subscriptions it charges with,
 * and the culture its exports are parsed with.
 *
 * @param warning why an older registration snapshot is used, or null
 */
public record RunHub(Hub config, RegistrationSnapshot snapshot, UserSubscriptions userSubscriptions,
		UsageCulture culture, @Nullable String warning) {

	public String name() {
		return this.config.name();
	}

	public Registration registration() {
		return this.snapshot.toRegistration();
	}

	public TenantResolver resolver() {
		return new TenantResolver(registration(), this.userSubscriptions);
	}

}

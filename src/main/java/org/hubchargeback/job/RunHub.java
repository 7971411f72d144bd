package org.hubchargeback.job;

import org.hubchargeback.config.HubChargebackProperties.Hub;
import org.hubchargeback.registration.Registration;
import org.hubchargeback.registration.UserSubscriptions;
import org.hubchargeback.resolution.TenantResolver;
import org.hubchargeback.usage.UsageCulture;

/**
 * A hub as one run sees it: its configuration, the registration and user subscriptions read for the run, and the
 * culture its exports are parsed with.
 */
public record RunHub(Hub config, Registration registration, UserSubscriptions userSubscriptions,
		UsageCulture culture) {

	public String name() {
		return this.config.name();
	}

	/**
	 * What the run's resolution depends on: the registration and user-subscription file contents.
	 */
	public static String fingerprint(RunHub hub) {
		return hub.registration().snapshot().sha256() + "/" + hub.userSubscriptions().sha256();
	}

	public TenantResolver resolver() {
		return new TenantResolver(this.registration, this.userSubscriptions);
	}

}

package org.hubchargeback.charging;

import org.hubchargeback.resolution.ChargeReason;
import org.hubchargeback.resolution.DefaultReason;
import org.jspecify.annotations.Nullable;

/**
 * The grain of the run's totals: a chargeback row without its resource.
 */
public record TotalKey(String tenantId, String hubSubscriptionId, String meterId, ChargeReason reason,
		@Nullable DefaultReason defaultReason, String chargedSubscriptionId) {

	static TotalKey of(LineKey k) {
		return new TotalKey(k.tenantId(), k.hubSubscriptionId(), k.meterId(), k.reason(), k.defaultReason(),
				k.chargedSubscriptionId());
	}

	static TotalKey of(ChargeableUsage u) {
		return new TotalKey(u.tenantId(), u.hubSubscriptionId(), u.meterId(), u.reason(), u.defaultReason(),
				u.chargedSubscriptionId());
	}

}

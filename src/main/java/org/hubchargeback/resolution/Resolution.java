package org.hubchargeback.resolution;

import org.jspecify.annotations.Nullable;

/**
 * Who pays for a usage record.
 *
 * @param tenantId the record's directory tenant, when known
 * @param chargedSubscriptionId the Azure subscription charged, spelled as in the registration
 * @param reason registered customer subscription, or default subscription
 * @param defaultReason why the default subscription pays; {@code null} when {@code reason} is REGISTERED
 */
public record Resolution(@Nullable String tenantId, String chargedSubscriptionId, ChargeReason reason,
		@Nullable DefaultReason defaultReason) {
}

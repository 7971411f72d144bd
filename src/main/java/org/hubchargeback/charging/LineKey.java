package org.hubchargeback.charging;

import java.util.Comparator;

import org.hubchargeback.resolution.ChargeReason;
import org.hubchargeback.resolution.DefaultReason;
import org.jspecify.annotations.Nullable;

/**
 * The grain of a chargeback row (the day and hub are the ledger's).
 */
public record LineKey(String tenantId, String hubSubscriptionId, String resourceKey, String meterId,
		ChargeReason reason, @Nullable DefaultReason defaultReason, String chargedSubscriptionId) {

	/**
	 * The order of a chargeback file's rows.
	 */
	public static final Comparator<LineKey> ORDER = Comparator.comparing(LineKey::tenantId)
		.thenComparing(LineKey::hubSubscriptionId)
		.thenComparing(LineKey::resourceKey)
		.thenComparing(LineKey::meterId)
		.thenComparing((k) -> k.reason().name())
		.thenComparing((k) -> (k.defaultReason() != null) ? k.defaultReason().name() : "");

}

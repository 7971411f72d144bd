package org.hubchargeback.reconcile;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * A published chargeback row, as reconciliation needs it.
 *
 * @param subscription the charged subscription, as the registration spells it
 * @param chargeReason {@code REGISTERED} or {@code DEFAULT}
 * @param cost the row's cost when the run was priced and the meter had a price
 * @param currency the cost's currency, or null
 */
public record ChargedUsage(LocalDate day, String hubSubscription, String meterId, String subscription,
		String chargeReason, BigDecimal quantity, @Nullable BigDecimal cost, @Nullable String currency) {
}

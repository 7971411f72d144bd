package org.hubchargeback.reconcile;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * An Azure Stack Hub line of a Partner Center daily rated usage reconciliation file.
 *
 * @param subscription {@code EntitlementId}: the Azure subscription Microsoft billed
 * @param hubSubscription {@code azureStack.SubscriptionId} of {@code AdditionalInfo}: the local subscription, or null
 * @param meterId the local meter ({@code azureStack.MeterId}, else a {@code MeterId} the hub knows), or null
 * @param meterName Partner Center's {@code MeterName}
 * @param preTax {@code BillingPreTaxTotal}, or null when the file has no such column or an empty value
 * @param currency {@code BillingCurrency}, or empty
 */
public record BilledUsage(LocalDate day, String subscription, @Nullable String hubSubscription,
		@Nullable String meterId, String meterName, BigDecimal quantity, @Nullable BigDecimal preTax,
		String currency) {
}

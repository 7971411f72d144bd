package org.hubchargeback.chargeback;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * One row of a chargeback file: a subscription's usage of one meter by one resource on one UTC day.
 *
 * @param tenantId empty when the hub subscription has no known tenant
 * @param defaultReason empty for REGISTERED rows
 * @param registrationSnapshot fingerprint of the registration the row was resolved with
 * @param unitPrice the rate card's price of the meter that day for the charged subscription; null when unpriced
 * @param cost quantity times unit price, rounded to the currency's minor unit; null when unpriced
 * @param currency ISO 4217 code of the price; null when unpriced
 * @param tags the resource's tags as a JSON object (FOCUS {@code Tags}), as of the row's last record; empty for none
 */
public record ChargebackLine(LocalDate usageDate, String hubName, String tenantId, String hubSubscriptionId,
		String resourceUri, String meterId, String meterName, String unit, BigDecimal quantity, String chargeReason,
		String defaultReason, String chargedSubscriptionId, long recordCount, Instant firstUsageStart,
		Instant lastUsageEnd, String registrationSnapshot, @Nullable BigDecimal unitPrice, @Nullable BigDecimal cost,
		@Nullable String currency, String tags) {
}

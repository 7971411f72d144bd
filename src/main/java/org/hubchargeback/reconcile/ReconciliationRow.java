package org.hubchargeback.reconcile;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * One row of {@code reconciliation.csv}: a usage day, subscription and meter, what the hub recorded, what the job
 * charged and what Microsoft billed, and why they differ.
 *
 * @param subscription the subscription the job charged; the one Microsoft billed when the job charged none
 * @param chargeReason {@code REGISTERED} or {@code DEFAULT}; empty when the job charged nothing
 * @param billedSubscription for {@link Difference#BILLED_TO_OTHER_SUBSCRIPTION}, the subscription Microsoft billed
 * @param meterId the local meter (for {@link Difference#METER_NOT_MATCHED}: empty)
 * @param billedMeterName for {@link Difference#METER_NOT_MATCHED}, Partner Center's {@code MeterName}
 * @param hubSubscriptions the local subscriptions the usage came from
 * @param hubQuantity what the hub recorded of these hub subscriptions, meter and day, whatever subscription it was
 * charged to
 * @param cost the job's cost, or null when unpriced
 * @param preTax Partner Center's {@code BillingPreTaxTotal}, or null
 */
public record ReconciliationRow(LocalDate day, String subscription, String chargeReason, String billedSubscription,
		String meterId, String billedMeterName, Set<String> hubSubscriptions, BigDecimal hubQuantity,
		BigDecimal chargedQuantity, BigDecimal billedQuantity, Difference difference, @Nullable BigDecimal cost,
		@Nullable String currency, @Nullable BigDecimal preTax, @Nullable String billingCurrency) {

	/**
	 * @return the job's cost less Microsoft's pre-tax total, when both are known and in one currency
	 */
	public @Nullable BigDecimal margin() {
		if (this.cost == null || this.preTax == null || this.currency == null
				|| !this.currency.equals(this.billingCurrency)) {
			return null;
		}
		return this.cost.subtract(this.preTax);
	}

	public BigDecimal quantityDifference() {
		return this.chargedQuantity.subtract(this.billedQuantity);
	}

	ReconciliationRow withDifference(Difference difference) {
		return new ReconciliationRow(this.day, this.subscription, this.chargeReason, this.billedSubscription,
				this.meterId, this.billedMeterName, this.hubSubscriptions, this.hubQuantity, this.chargedQuantity,
				this.billedQuantity, difference, this.cost, this.currency, this.preTax, this.billingCurrency);
	}

	/**
	 * @return the sum of two rows of the same day, subscription, meter and difference (other hub subscriptions)
	 */
	ReconciliationRow plus(ReconciliationRow other) {
		Set<String> hubs = new TreeSet<>(this.hubSubscriptions);
		hubs.addAll(other.hubSubscriptions);
		return new ReconciliationRow(this.day, this.subscription,
				this.chargeReason.isEmpty() ? other.chargeReason : this.chargeReason, this.billedSubscription,
				this.meterId, this.billedMeterName, hubs, this.hubQuantity.add(other.hubQuantity),
				this.chargedQuantity.add(other.chargedQuantity), this.billedQuantity.add(other.billedQuantity),
				this.difference, sum(this.cost, other.cost), currency(this.currency, other.currency),
				sum(this.preTax, other.preTax), currency(this.billingCurrency, other.billingCurrency));
	}

	private static @Nullable BigDecimal sum(@Nullable BigDecimal a, @Nullable BigDecimal b) {
		return (a == null) ? b : (b == null) ? a : a.add(b);
	}

	private static @Nullable String currency(@Nullable String a, @Nullable String b) {
		if (a == null || b == null || a.equals(b)) {
			return (a != null) ? a : b;
		}
		Set<String> both = new TreeSet<>(Set.of(a.split(" ")));
		both.addAll(Set.of(b.split(" ")));
		return String.join(" ", both);
	}

}

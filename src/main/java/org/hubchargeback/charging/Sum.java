package org.hubchargeback.charging;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

import org.hubchargeback.pricing.RateCard;
import org.jspecify.annotations.Nullable;

/**
 * Records summed: their count, quantity, span, and (for a chargeback row) the first spelling of the resource ID
 * in sort order, as the row shows it. Priced, the cost as rows show it (each rounded) and unrounded; a total's
 * rows share meter, subscription and day, so they are all priced or all not.
 */
public final class Sum {

	private long records;

	private long lines;

	private BigDecimal quantity = BigDecimal.ZERO;

	private @Nullable BigDecimal unitPrice;

	private @Nullable BigDecimal cost;

	private @Nullable BigDecimal costExact;

	private @Nullable String resourceUri;

	private @Nullable Instant firstStart;

	private @Nullable Instant lastEnd;

	private @Nullable String lastInstance;

	void add(ChargeableUsage u) {
		// the row shows the resource's tags as of its last record: a retagged resource is one row, tagged as it is now
		if (this.lastEnd == null || u.usageEnd().isAfter(this.lastEnd) || (u.usageEnd().equals(this.lastEnd)
				&& this.lastInstance != null && u.instance().compareTo(this.lastInstance) > 0)) {
			this.lastInstance = u.instance();
		}
		this.records++;
		this.lines = 1;
		this.quantity = this.quantity.add(u.quantity());
		// a day's strings are mostly one instance per value: the same spelling again needs no comparing
		if (this.resourceUri == null
				|| (u.resourceUri() != this.resourceUri && u.resourceUri().compareTo(this.resourceUri) < 0)) {
			this.resourceUri = u.resourceUri();
		}
		if (this.firstStart == null || u.usageStart().isBefore(this.firstStart)) {
			this.firstStart = u.usageStart();
		}
		if (this.lastEnd == null || u.usageEnd().isAfter(this.lastEnd)) {
			this.lastEnd = u.usageEnd();
		}
	}

	/**
	 * Prices a chargeback row: its cost is rounded on its own, as the row shows it.
	 */
	public void price(BigDecimal unitPrice, RateCard rateCard) {
		this.unitPrice = unitPrice;
		this.costExact = this.quantity.multiply(unitPrice);
		this.cost = rateCard.round(this.costExact);
	}

	void merge(Sum other) {
		if (other.cost != null) {
			this.cost = (this.cost != null) ? this.cost.add(other.cost) : other.cost;
			this.costExact = (this.costExact != null) ? this.costExact.add(other.costExact) : other.costExact;
		}
		this.records += other.records;
		this.lines += other.lines;
		this.quantity = this.quantity.add(other.quantity);
		if (this.firstStart == null || other.firstStart().isBefore(this.firstStart)) {
			this.firstStart = other.firstStart();
		}
		if (this.lastEnd == null || other.lastEnd().isAfter(this.lastEnd)) {
			this.lastEnd = other.lastEnd();
		}
	}

	public long records() {
		return this.records;
	}

	/**
	 * @return the chargeback rows summed: 1 for a row, their number for a total of rows
	 */
	public long lines() {
		return this.lines;
	}

	public BigDecimal quantity() {
		return this.quantity;
	}

	public @Nullable BigDecimal unitPrice() {
		return this.unitPrice;
	}

	public @Nullable BigDecimal cost() {
		return this.cost;
	}

	public @Nullable BigDecimal costExact() {
		return this.costExact;
	}

	/**
	 * @return a chargeback row's resource ID as it shows it; null for a total
	 */
	public @Nullable String resourceUri() {
		return this.resourceUri;
	}

	/**
	 * @return the instance data fingerprint of a chargeback row's last record (see {@code InstanceData}); null for a
	 * total
	 */
	public @Nullable String lastInstance() {
		return this.lastInstance;
	}

	public Instant firstStart() {
		return Objects.requireNonNull(this.firstStart, "a sum holds at least one record");
	}

	public Instant lastEnd() {
		return Objects.requireNonNull(this.lastEnd, "a sum holds at least one record");
	}

}

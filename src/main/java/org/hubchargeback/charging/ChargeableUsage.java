package org.hubchargeback.charging;

import java.math.BigDecimal;
import java.time.Instant;

import org.hubchargeback.resolution.ChargeReason;
import org.hubchargeback.resolution.DefaultReason;
import org.jspecify.annotations.Nullable;

/**
 * One valid usage record of the run's range, resolved to the subscription that pays for it: what charging reads.
 *
 * @param seq the record's place in the run's reading order (input file index in the high 32 bits)
 * @param line the record's line in its input file
 * @param tenantId empty when unknown
 * @param instance the record's instance data fingerprint (location, tags, additional information; empty when it has
 * none): two records that differ only in it are two records
 */
public record ChargeableUsage(long seq, long line, Instant usageStart, Instant usageEnd, String hubSubscriptionId,
		String tenantId, String meterId, BigDecimal quantity, String resourceUri, String instance,
		String chargedSubscriptionId,
		ChargeReason reason, @Nullable DefaultReason defaultReason) {

	public int fileIndex() {
		return (int) (this.seq >>> 32);
	}

}

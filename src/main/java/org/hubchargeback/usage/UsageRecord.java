package org.hubchargeback.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * A validated usage record. IDs are normalized: GUIDs lowercase, meter IDs hyphenated lowercase.
 *
 * @param hubSubscriptionId the local Azure Stack Hub user subscription
 * @param tenantId the directory tenant, when the export carries it
 * @param instance the record's instance data (location, tags, additional information) as an
 * {@link InstanceData#fingerprint}: part of the record's identity
 */
public record UsageRecord(String hub, Instant usageStart, Instant usageEnd, String hubSubscriptionId,
		@Nullable String tenantId, String meterId, BigDecimal quantity, String resourceUri, String location,
		String instance) {

	/**
	 * The UTC day the usage belongs to: the day its bucket starts.
	 */
	public LocalDate usageDate() {
		return LocalDate.ofEpochDay(Math.floorDiv(this.usageStart.getEpochSecond(), SECONDS_PER_DAY));
	}

	private static final long SECONDS_PER_DAY = 86_400;

}

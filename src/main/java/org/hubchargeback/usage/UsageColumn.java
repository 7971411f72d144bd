package org.hubchargeback.usage;

import org.jspecify.annotations.Nullable;

/**
 * The fields the job reads, with the header that names them in each export layout. Headers match
 * case-insensitively.
 */
public enum UsageColumn {

	USAGE_START_TIME("UsageStartTime", "UsageStartTime", true),

	USAGE_END_TIME("UsageEndTime", "UsageEndTime", true),

	SUBSCRIPTION_ID("SubscriptionId", "subscription", true),

	TENANT_ID("TenantId", null, false),

	METER_ID("MeterId", "MeterId", true),

	QUANTITY("Quantity", "Quantity", true),

	RESOURCE_URI("ResourceUri", "resourceUri", true),

	LOCATION("Location", "location", false),

	TAGS("Tags", "tags", false),

	ADDITIONAL_INFO("AdditionalInfo", "additionalInfo", false),

	/**
	 * The raw cmdlet export ({@code Get-AzsSubscriberUsage | Export-Csv}): the resource, location, tags and additional
	 * information as the API's JSON string, instead of columns of their own.
	 */
	INSTANCE_DATA("InstanceData", null, false);

	private final String canonicalHeader;

	private final @Nullable String usageSummaryHeader;

	private final boolean required;

	UsageColumn(String canonicalHeader, @Nullable String usageSummaryHeader, boolean required) {
		this.canonicalHeader = canonicalHeader;
		this.usageSummaryHeader = usageSummaryHeader;
		this.required = required;
	}

	/**
	 * @return the column's header in a layout, or null when the layout has no such column
	 */
	public @Nullable String header(UsageFormat format) {
		return (format == UsageFormat.CANONICAL) ? this.canonicalHeader : this.usageSummaryHeader;
	}

	public boolean required() {
		return this.required;
	}

}

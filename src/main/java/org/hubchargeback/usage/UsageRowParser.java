package org.hubchargeback.usage;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.hubchargeback.csv.Printable;
import org.jspecify.annotations.Nullable;

/**
 * Validates one row into a {@link UsageRecord}, or says which field is wrong and why. Not thread-safe: each loading
 * thread has its own.
 */
public final class UsageRowParser {

	private static final int MAX_RESOURCE_URI = 2000;

	private static final int MAX_ID = 100;

	private static final String ARM_PREFIX = "/subscriptions/";

	private static final int MAX_INSTANCE_DATA = 20_000;

	/**
	 * Hourly exports repeat the same few timestamps, subscription and meter IDs in every row; parsing a timestamp is a
	 * third of the cost of a row, so the last ones seen are remembered (a cache is emptied when full: it stays small).
	 */
	private static final int CACHE_SIZE = 4096;

	private final Map<String, Instant> instants = new HashMap<>();

	private final Map<String, String> meterIds = new HashMap<>();

	private final Map<String, String> guids = new HashMap<>();

	// a resource's ID and location repeat in each of its rows: checked once (the valid ones only are kept)
	private final Map<String, String> resourceUris = new HashMap<>();

	private final Map<String, String> locations = new HashMap<>();

	// a resource's instance data repeats in each of its rows: normalized once, and one string per distinct value
	private final Map<String, String> instances = new HashMap<>();

	private final Map<String, InstanceData.Resources> instanceData = new HashMap<>();

	/*
	 * An export lists a resource's hours one after the other: most fields are the previous row's, and comparing with
	 * it spares hashing them for the caches above.
	 */
	private final Last<Instant> lastStart = new Last<>();

	private final Last<Instant> lastEnd = new Last<>();

	private final Last<String> lastSubscription = new Last<>();

	private final Last<String> lastTenant = new Last<>();

	private final Last<String> lastMeter = new Last<>();

	private final Last<String> lastResourceUri = new Last<>();

	private final Last<String> lastLocation = new Last<>();

	private @Nullable String lastInstance;

	private String[] lastInstanceParts = { "", "", "" };

	private final UsageCulture culture;

	private final Instant latestStart;

	/**
	 * @param latestStart usage starting after this is impossible (the hub cannot report the future)
	 */
	public UsageRowParser(UsageCulture culture, Instant latestStart) {
		this.culture = culture;
		this.latestStart = latestStart;
	}

	/**
	 * @throws RejectedRowException naming the field at fault
	 */
	public UsageRecord parse(UsageRow row) {
		UsageLayout layout = row.layout();
		String[] values = row.values();
		if (values.length != layout.width()) {
			throw new RejectedRowException("(record)",
					"expected " + layout.width() + " fields as in the header, found " + values.length);
		}
		for (int i = 0; i < values.length; i++) {
			if (values[i].indexOf('\0') >= 0) {
				throw new RejectedRowException(layout.headerAt(i), "contains NUL characters: not text");
			}
		}
		Instant start = instant(layout.get(values, UsageColumn.USAGE_START_TIME), UsageColumn.USAGE_START_TIME, layout);
		if (start.isAfter(this.latestStart)) {
			throw new RejectedRowException(header(UsageColumn.USAGE_START_TIME, layout),
					"usage starts in the future (" + start + ")");
		}
		Instant end = instant(layout.get(values, UsageColumn.USAGE_END_TIME), UsageColumn.USAGE_END_TIME, layout);
		if (end.isBefore(start)) {
			throw new RejectedRowException(header(UsageColumn.USAGE_END_TIME, layout),
					"usage ends (" + end + ") before it starts (" + start + ")");
		}
		String subscription = subscriptionId(layout.get(values, UsageColumn.SUBSCRIPTION_ID), layout);
		String tenant = guid(layout.get(values, UsageColumn.TENANT_ID), UsageColumn.TENANT_ID, layout);
		String meter = layout.get(values, UsageColumn.METER_ID);
		if (meter.isEmpty()) {
			throw new RejectedRowException(header(UsageColumn.METER_ID, layout), "missing meter ID");
		}
		tooLong(meter, MAX_ID, UsageColumn.METER_ID, layout);
		String meterId = meterId(meter, layout);
		BigDecimal quantity = quantity(layout.get(values, UsageColumn.QUANTITY), layout);
		String resourceUri;
		String location;
		String tags;
		String additionalInfo;
		if (layout.hasInstanceData()) {
			InstanceData.Resources resources = instanceData(layout.get(values, UsageColumn.INSTANCE_DATA), layout);
			resourceUri = resources.resourceUri().strip();
			location = resources.location().strip();
			tags = resources.tags();
			additionalInfo = resources.additionalInfo();
		}
		else {
			resourceUri = layout.get(values, UsageColumn.RESOURCE_URI);
			location = layout.get(values, UsageColumn.LOCATION);
			tags = layout.get(values, UsageColumn.TAGS);
			additionalInfo = layout.get(values, UsageColumn.ADDITIONAL_INFO);
		}
		resourceUri = resourceUri(resourceUri, layout);
		location(location, layout);
		tooLong(tags, MAX_INSTANCE_DATA, UsageColumn.TAGS, layout);
		tooLong(additionalInfo, MAX_INSTANCE_DATA, UsageColumn.ADDITIONAL_INFO, layout);
		return new UsageRecord(row.file().hub(), start, end, subscription, tenant, meterId, quantity,
				resourceUri, location, instance(location, tags, additionalInfo));
	}

	private static void tooLong(String value, int max, UsageColumn column, UsageLayout layout) {
		if (value.length() > max) {
			throw new RejectedRowException(header(column, layout),
					"too long: " + value.length() + " characters, at most " + max);
		}
	}

	private Instant instant(String value, UsageColumn column, UsageLayout layout) {
		Last<Instant> last = (column == UsageColumn.USAGE_START_TIME) ? this.lastStart : this.lastEnd;
		Instant same = last.get(value);
		if (same != null) {
			return same;
		}
		if (value.isEmpty()) {
			throw new RejectedRowException(header(column, layout), "missing date");
		}
		Instant known = this.instants.get(value);
		if (known != null) {
			return last.put(value, known);
		}
		try {
			Instant instant = this.culture.parseInstant(value);
			remember(this.instants, value, instant);
			return last.put(value, instant);
		}
		catch (DateTimeException ex) {
			// parseInstant says what is wrong; a DateTimeException of the JDK might not
			throw new RejectedRowException(header(column, layout), Objects.requireNonNullElse(ex.getMessage(),
					"not a date"));
		}
	}

	/**
	 * Every meter the hub reports is a GUID (with or without hyphens, in any case); anything else is not usage, and
	 * would reach the outputs verbatim.
	 */
	private String meterId(String value, UsageLayout layout) {
		String same = this.lastMeter.get(value);
		if (same != null) {
			return same;
		}
		String known = this.meterIds.get(value);
		if (known == null) {
			if (!MeterIds.isGuid(value)) {
				throw new RejectedRowException(header(UsageColumn.METER_ID, layout),
						"not a meter ID (a GUID): '" + Printable.of(value) + "'");
			}
			known = MeterIds.normalize(value);
			remember(this.meterIds, value, known);
		}
		return this.lastMeter.put(value, known);
	}

	/**
	 * A resource ID is an Azure Resource Manager ID ({@code /subscriptions/{id}/...}), or empty where the record has
	 * none. Only that prefix and the absence of control characters are checked: resource providers name their
	 * resources as they like.
	 */
	private String resourceUri(String raw, UsageLayout layout) {
		String same = this.lastResourceUri.get(raw);
		if (same != null) {
			return same;
		}
		String known = this.resourceUris.get(raw);
		if (known == null) {
			known = raw.replace('\\', '/');
			tooLong(known, MAX_RESOURCE_URI, UsageColumn.RESOURCE_URI, layout);
			armResourceId(known, layout);
			remember(this.resourceUris, raw, known);
		}
		return this.lastResourceUri.put(raw, known);
	}

	private void location(String value, UsageLayout layout) {
		if (this.lastLocation.get(value) == null && !this.locations.containsKey(value)) {
			tooLong(value, MAX_ID, UsageColumn.LOCATION, layout);
			noControlCharacters(value, UsageColumn.LOCATION, layout);
			remember(this.locations, value, value);
		}
		this.lastLocation.put(value, value);
	}

	private static void armResourceId(String value, UsageLayout layout) {
		if (value.isEmpty()) {
			return;
		}
		if (!value.regionMatches(true, 0, ARM_PREFIX, 0, ARM_PREFIX.length())) {
			throw new RejectedRowException(header(UsageColumn.RESOURCE_URI, layout),
					"not an Azure resource ID (/subscriptions/...): '" + Printable.of(shortened(value)) + "'");
		}
		noControlCharacters(value, UsageColumn.RESOURCE_URI, layout);
	}

	private static void noControlCharacters(String value, UsageColumn column, UsageLayout layout) {
		if (!Printable.isPrintable(value)) {
			throw new RejectedRowException(header(column, layout),
					"contains control characters: '" + Printable.of(shortened(value)) + "'");
		}
	}

	private static String shortened(String value) {
		return (value.length() <= 200) ? value : value.substring(0, 200) + "...";
	}

	private String instance(String location, String tags, String additionalInfo) {
		if (location.isEmpty() && tags.isEmpty() && additionalInfo.isEmpty()) {
			return "";
		}
		if (this.lastInstance != null && location.equals(this.lastInstanceParts[0])
				&& tags.equals(this.lastInstanceParts[1]) && additionalInfo.equals(this.lastInstanceParts[2])) {
			return this.lastInstance;
		}
		String key = location + '\0' + tags + '\0' + additionalInfo;
		String known = this.instances.get(key);
		if (known == null) {
			known = InstanceData.fingerprint(location, tags, additionalInfo).intern();
			remember(this.instances, key, known);
		}
		this.lastInstanceParts = new String[] { location, tags, additionalInfo };
		this.lastInstance = known;
		return known;
	}

	private InstanceData.Resources instanceData(String value, UsageLayout layout) {
		InstanceData.Resources known = this.instanceData.get(value);
		if (known != null) {
			return known;
		}
		tooLong(value, MAX_RESOURCE_URI + 2 * MAX_INSTANCE_DATA, UsageColumn.INSTANCE_DATA, layout);
		try {
			InstanceData.Resources resources = InstanceData.parse(value);
			remember(this.instanceData, value, resources);
			return resources;
		}
		catch (IllegalArgumentException ex) {
			throw new RejectedRowException(header(UsageColumn.INSTANCE_DATA, layout),
					Objects.requireNonNullElse(ex.getMessage(), "not instance data"));
		}
	}

	private static <T> void remember(Map<String, T> cache, String key, T value) {
		if (cache.size() >= CACHE_SIZE) {
			cache.clear();
		}
		cache.put(key, value);
	}

	private BigDecimal quantity(String value, UsageLayout layout) {
		String field = header(UsageColumn.QUANTITY, layout);
		String tooLong = QuantityBounds.tooLong(value);
		if (tooLong != null) {
			throw new RejectedRowException(field, tooLong);
		}
		BigDecimal quantity;
		try {
			quantity = this.culture.parseQuantity(value);
		}
		catch (NumberFormatException ex) {
			throw new RejectedRowException(field,
					value.isEmpty() ? "missing quantity" : Objects.requireNonNullElse(ex.getMessage(), "not a number"));
		}
		if (quantity.signum() < 0) {
			throw new RejectedRowException(field, "negative quantity " + value.strip());
		}
		String outOfBounds = QuantityBounds.violation(value, quantity);
		if (outOfBounds != null) {
			throw new RejectedRowException(field, outOfBounds);
		}
		// 0E-1000000 is zero, without a million-digit scale to store
		return (quantity.signum() == 0) ? BigDecimal.ZERO : quantity;
	}

	private String subscriptionId(String value, UsageLayout layout) {
		String guid = guid(value, UsageColumn.SUBSCRIPTION_ID, layout);
		if (guid == null) {
			throw new RejectedRowException(header(UsageColumn.SUBSCRIPTION_ID, layout), "missing subscription ID");
		}
		return guid;
	}

	/**
	 * @return the GUID normalized, or null when the value is empty
	 */
	private @Nullable String guid(String value, UsageColumn column, UsageLayout layout) {
		Last<String> last = (column == UsageColumn.SUBSCRIPTION_ID) ? this.lastSubscription : this.lastTenant;
		String same = last.get(value);
		if (same != null) {
			return same;
		}
		String known = this.guids.get(value);
		if (known != null) {
			return last.put(value, known);
		}
		if (value.isEmpty()) {
			return null;
		}
		if (!Guids.isGuid(value)) {
			throw new RejectedRowException(header(column, layout), "not a GUID: '" + value + "'");
		}
		String guid = Guids.normalize(value);
		remember(this.guids, value, guid);
		return last.put(value, guid);
	}

	private static String header(UsageColumn column, UsageLayout layout) {
		String header = column.header(layout.format());
		return (header != null) ? header : column.name();
	}

	/**
	 * A field's value in the previous row, as read and as made valid.
	 */
	private static final class Last<T> {

		private String raw = "";

		private @Nullable T value;

		@Nullable T get(String raw) {
			return raw.equals(this.raw) ? this.value : null;
		}

		T put(String raw, T value) {
			this.raw = raw;
			this.value = value;
			return value;
		}

	}

}

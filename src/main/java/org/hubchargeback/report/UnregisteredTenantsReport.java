package org.hubchargeback.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;


/**
 * {@code unregistered-tenants.csv}: one row per hub and unregistered tenant (or, for usage with no known tenant, per
 * hub subscription), with what fell to the default subscription and what to do about it.
 */
public final class UnregisteredTenantsReport {

	public static final List<String> HEADER = List.of("HubName", "Reason", "TenantId", "HubSubscriptionIds",
			"DefaultSubscriptionId", "FirstUsageStart", "LastUsageEnd", "RecordCount", "QuantityPerMeter",
			"SuggestedAction");

	private final Map<List<String>, Entry> entries = new LinkedHashMap<>();

	/**
	 * Adds one (hub, reason, tenant, hub subscription, meter) aggregate; call in hub, reason, tenant order.
	 */
	public void add(String hub, String reason, String tenantId, String hubSubscriptionId, String meterLabel,
			String defaultSubscriptionId, long records, BigDecimal quantity, Instant first, Instant last) {
		String key = tenantId.isEmpty() ? hubSubscriptionId : tenantId;
		Entry entry = this.entries.computeIfAbsent(List.of(hub, reason, key),
				(k) -> new Entry(hub, reason, tenantId, defaultSubscriptionId));
		entry.hubSubscriptions.add(hubSubscriptionId);
		entry.records += records;
		entry.first = (entry.first == null || first.isBefore(entry.first)) ? first : entry.first;
		entry.last = (entry.last == null || last.isAfter(entry.last)) ? last : entry.last;
		entry.quantities.merge(meterLabel, quantity, BigDecimal::add);
	}

	public int size() {
		return this.entries.size();
	}

	public void writeTo(Path file, boolean byteOrderMark) throws IOException {
		CsvDialect.write(file, byteOrderMark, HEADER, (printer) -> {
			for (Entry e : this.entries.values()) {
				List<String> perMeter = new ArrayList<>();
				e.quantities.forEach((meter, quantity) -> perMeter.add(meter + "=" + CsvDialect.quantity(quantity)));
				printer.printRecord(e.hub, e.reason, e.tenantId, String.join(";", e.hubSubscriptions),
						e.defaultSubscriptionId, CsvDialect.instant(e.first), CsvDialect.instant(e.last), e.records,
						String.join("; ", perMeter), action(e));
			}
		});
	}

	private static String action(Entry e) {
		if ("SUBSCRIPTION_WITHOUT_TENANT".equals(e.reason)) {
			return "Hub subscription " + String.join(", ", e.hubSubscriptions) + " is not in " + e.hub
					+ "'s user-subscription export: refresh the export (Get-AzsUserSubscription) so its tenant is known";
		}
		return "Register a customer subscription for tenant " + e.tenantId + " on " + e.hub
				+ "'s registration if this usage should not be billed to " + e.defaultSubscriptionId;
	}

	private static final class Entry {

		final String hub;

		final String reason;

		final String tenantId;

		final String defaultSubscriptionId;

		final TreeSet<String> hubSubscriptions = new TreeSet<>();

		final Map<String, BigDecimal> quantities = new LinkedHashMap<>();

		long records;

		Instant first;

		Instant last;

		Entry(String hub, String reason, String tenantId, String defaultSubscriptionId) {
			this.hub = hub;
			this.reason = reason;
			this.tenantId = tenantId;
			this.defaultSubscriptionId = defaultSubscriptionId;
		}

	}

}

package org.hubchargeback.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.hubchargeback.csv.CsvDialect;
import org.jspecify.annotations.Nullable;

/**
 * {@code unregistered-tenants.csv}: one row per hub and unregistered tenant (or, for usage with no known tenant, per
 * hub subscription), with what fell to the default subscription and what to do about it.
 */
public final class UnregisteredTenantsReport {

	public static final List<String> HEADER = List.of("HubName", "Reason", "TenantId", "HubSubscriptionIds",
			"DefaultSubscriptionId", "FirstUsageStart", "LastUsageEnd", "RecordCount", "QuantityPerMeter",
			"SuggestedAction");

	public static final List<String> PRICE_COLUMNS = List.of("Cost", "Currency");

	private final Map<List<String>, Entry> entries = new LinkedHashMap<>();

	private final @Nullable Currency currency;

	/**
	 * @param currency the rate card's currency, or null when the run has no prices
	 */
	public UnregisteredTenantsReport(@Nullable Currency currency) {
		this.currency = currency;
	}

	/**
	 * Adds one (hub, reason, tenant, hub subscription, meter) aggregate; call in hub, reason, tenant order.
	 * @param cost what its priced rows cost, or null when none was priced
	 */
	public void add(String hub, String reason, String tenantId, String hubSubscriptionId, String meterLabel,
			String defaultSubscriptionId, long records, BigDecimal quantity, Instant first, Instant last,
			@Nullable BigDecimal cost) {
		String key = tenantId.isEmpty() ? hubSubscriptionId : tenantId;
		Entry entry = this.entries.computeIfAbsent(List.of(hub, reason, key),
				(k) -> new Entry(hub, reason, tenantId, defaultSubscriptionId, first, last));
		entry.hubSubscriptions.add(hubSubscriptionId);
		entry.records += records;
		entry.first = first.isBefore(entry.first) ? first : entry.first;
		entry.last = last.isAfter(entry.last) ? last : entry.last;
		entry.quantities.merge(meterLabel, quantity, BigDecimal::add);
		if (cost != null) {
			entry.cost = (entry.cost != null) ? entry.cost.add(cost) : cost;
		}
	}

	/**
	 * The tenants' totals, in the report's order.
	 */
	public List<Tenant> tenants() {
		return this.entries.values()
			.stream()
			.map((e) -> new Tenant(e.hub, e.reason, e.tenantId, e.defaultSubscriptionId,
					e.quantities.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add), e.cost, e.records))
			.toList();
	}

	/**
	 * @param quantity over all meters (a count of usage, not of one unit)
	 * @param cost null when none of it was priced
	 */
	public record Tenant(String hub, String reason, String tenantId, String defaultSubscriptionId,
			BigDecimal quantity, @Nullable BigDecimal cost, long records) {
	}

	public int size() {
		return this.entries.size();
	}

	public void writeTo(Path file, boolean byteOrderMark) throws IOException {
		List<String> header = new ArrayList<>(HEADER);
		if (this.currency != null) {
			header.addAll(PRICE_COLUMNS);
		}
		CsvDialect.write(file, byteOrderMark, header, (printer) -> {
			for (Entry e : this.entries.values()) {
				List<String> perMeter = new ArrayList<>();
				e.quantities.forEach((meter, quantity) -> perMeter.add(meter + "=" + CsvDialect.quantity(quantity)));
				List<Object> values = new ArrayList<>(List.of(e.hub, e.reason, e.tenantId,
						String.join(";", e.hubSubscriptions), e.defaultSubscriptionId, CsvDialect.instant(e.first),
						CsvDialect.instant(e.last), e.records, String.join("; ", perMeter), action(e)));
				if (this.currency != null) {
					values.addAll(List.of((e.cost != null) ? CsvDialect.cost(e.cost, this.currency) : "",
							this.currency.getCurrencyCode()));
				}
				printer.printRecord(values);
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

		@Nullable BigDecimal cost;

		Instant first;

		Instant last;

		Entry(String hub, String reason, String tenantId, String defaultSubscriptionId, Instant first, Instant last) {
			this.hub = hub;
			this.reason = reason;
			this.tenantId = tenantId;
			this.defaultSubscriptionId = defaultSubscriptionId;
			this.first = first;
			this.last = last;
		}

	}

}

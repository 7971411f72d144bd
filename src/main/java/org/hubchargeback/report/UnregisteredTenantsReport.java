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
import java.util.TreeMap;
import java.util.TreeSet;

import org.hubchargeback.csv.CsvDialect;
import org.hubchargeback.registration.SubscriptionNames;
import org.hubchargeback.registration.UserSubscriptions.SubscriptionName;
import org.jspecify.annotations.Nullable;

/**
 * {@code unregistered-tenants.csv}: one row per hub and unregistered tenant (or, for usage with no known tenant, per
 * hub subscription), with what fell to the default subscription and what to do about it; its quantities as rows, one
 * per tenant and meter, in {@code unregistered-tenant-meters.csv}. Priced, a default subscription whose chargeback file
 * ends with a rounding row gets a {@value #ROUNDING} row here too, so that its tenants' costs add up to the file's.
 */
public final class UnregisteredTenantsReport {

	public static final List<String> HEADER = List.of("HubName", "Reason", "TenantId", "HubSubscriptionIds",
			"DefaultSubscriptionId", "FirstUsageStart", "LastUsageEnd", "RecordCount", "QuantityPerMeter",
			"SuggestedAction");

	public static final List<String> PRICE_COLUMNS = List.of("Cost", "Currency");

	/**
	 * After the price columns (when there are any): no column a finance sheet reads moves.
	 */
	public static final List<String> NAME_COLUMNS = List.of("HubSubscriptionNames", "HubSubscriptionOwners",
			"DefaultSubscriptionCustomerName");

	public static final List<String> METERS_HEADER = List.of("HubName", "Reason", "TenantId", "HubSubscriptionIds",
			"DefaultSubscriptionId", "MeterId", "MeterName", "Unit", "Quantity", "RecordCount");

	/**
	 * The reason of a default subscription's rounding row.
	 */
	public static final String ROUNDING = "ROUNDING";

	private final Map<List<String>, Entry> entries = new LinkedHashMap<>();

	private final @Nullable Currency currency;

	private final SubscriptionNames names;

	private final Map<String, Rounding> roundings = new TreeMap<>();

	/**
	 * @param currency the rate card's currency, or null when the run has no prices
	 * @param names the names shown beside the subscription IDs
	 */
	public UnregisteredTenantsReport(@Nullable Currency currency, SubscriptionNames names) {
		this.currency = currency;
		this.names = names;
	}

	public UnregisteredTenantsReport(@Nullable Currency currency) {
		this(currency, SubscriptionNames.NONE);
	}

	/**
	 * Adds one (hub, reason, tenant, hub subscription, meter) aggregate; call in hub, reason, tenant order.
	 * @param cost what its priced rows cost, or null when none was priced
	 */
	public void add(String hub, String reason, String tenantId, String hubSubscriptionId, MeterLabel meter,
			String defaultSubscriptionId, long records, BigDecimal quantity, Instant first, Instant last,
			@Nullable BigDecimal cost) {
		String key = tenantId.isEmpty() ? hubSubscriptionId : tenantId;
		Entry entry = this.entries.computeIfAbsent(List.of(hub, reason, key),
				(k) -> new Entry(hub, reason, tenantId, defaultSubscriptionId, first, last));
		entry.hubSubscriptions.add(hubSubscriptionId);
		entry.records += records;
		entry.first = first.isBefore(entry.first) ? first : entry.first;
		entry.last = last.isAfter(entry.last) ? last : entry.last;
		entry.quantities.merge(meter.label(), quantity, BigDecimal::add);
		entry.meters.computeIfAbsent(meter.label(), (label) -> new MeterTotal(meter)).add(quantity, records);
		if (cost != null) {
			entry.cost = (entry.cost != null) ? entry.cost.add(cost) : cost;
		}
	}

	/**
	 * Adds the rounding row of a default subscription's chargeback file (see {@code ChargebackCsv#roundingRow}); a
	 * subscription that is no default subscription here, or whose file needs no rounding row, is left out.
	 */
	public void addRounding(String defaultSubscriptionId, BigDecimal residual) {
		if (residual.signum() == 0) {
			return;
		}
		TreeSet<String> hubs = new TreeSet<>();
		this.entries.values()
			.stream()
			.filter((e) -> e.defaultSubscriptionId.equals(defaultSubscriptionId))
			.forEach((e) -> hubs.add(e.hub));
		if (!hubs.isEmpty()) {
			this.roundings.put(defaultSubscriptionId, new Rounding(hubs, residual));
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
		header.addAll(NAME_COLUMNS);
		CsvDialect.write(file, byteOrderMark, header, (printer) -> {
			for (Entry e : this.entries.values()) {
				List<String> perMeter = new ArrayList<>();
				e.quantities
					.forEach((meter, quantity) -> perMeter.add(meter + "=" + CsvDialect.quantityForPeople(quantity)));
				List<Object> values = new ArrayList<>(List.of(e.hub, e.reason, e.tenantId,
						String.join(";", e.hubSubscriptions), e.defaultSubscriptionId, CsvDialect.instant(e.first),
						CsvDialect.instant(e.last), e.records, String.join("; ", perMeter), action(e)));
				if (this.currency != null) {
					values.addAll(List.of((e.cost != null) ? CsvDialect.cost(e.cost, this.currency) : "",
							this.currency.getCurrencyCode()));
				}
				List<String> displayNames = new ArrayList<>();
				List<String> owners = new ArrayList<>();
				for (String hubSubscription : e.hubSubscriptions) {
					SubscriptionName name = this.names.hubSubscription(e.hub, hubSubscription);
					displayNames.add(name.displayName());
					owners.add(name.owner());
				}
				// in the order of HubSubscriptionIds, so the n-th name is the n-th subscription's
				values.addAll(List.of(joinUnlessAllEmpty(displayNames), joinUnlessAllEmpty(owners),
						this.names.customer(e.defaultSubscriptionId).name()));
				printer.printRecord(values);
			}
			if (this.currency != null) {
				for (Map.Entry<String, Rounding> rounding : this.roundings.entrySet()) {
					printer.printRecord(String.join(";", rounding.getValue().hubs()), ROUNDING, "", "",
							rounding.getKey(), "", "", 0, "", "Rounding adjustment of the default subscription's"
									+ " chargeback file: with it the tenants' costs add up to the file's total",
							CsvDialect.cost(rounding.getValue().residual(), this.currency),
							this.currency.getCurrencyCode(), "", "", this.names.customer(rounding.getKey()).name());
				}
			}
		});
	}

	/**
	 * {@code unregistered-tenant-meters.csv}: the {@code QuantityPerMeter} of each row of the report as rows of their
	 * own (hub, tenant, meter, unit, quantity), which a pivot table can sum per unit.
	 */
	public void writeMetersTo(Path file, boolean byteOrderMark) throws IOException {
		CsvDialect.write(file, byteOrderMark, METERS_HEADER, (printer) -> {
			for (Entry e : this.entries.values()) {
				for (MeterTotal meter : e.meters.values()) {
					printer.printRecord(e.hub, e.reason, e.tenantId, String.join(";", e.hubSubscriptions),
							e.defaultSubscriptionId, meter.meter.meterId(), meter.meter.name(), meter.meter.unit(),
							CsvDialect.quantityForPeople(meter.quantity), meter.records);
				}
			}
		});
	}

	private static String joinUnlessAllEmpty(List<String> values) {
		return values.stream().allMatch(String::isEmpty) ? "" : String.join(";", values);
	}

	/**
	 * A meter as the report shows it.
	 * @param name empty for a meter not in the catalog
	 * @param unit empty for a meter not in the catalog
	 */
	public record MeterLabel(String meterId, String name, String unit) {

		/**
		 * How {@code QuantityPerMeter} names the meter: {@code Base VM Size Hours [fab6eb84-...]}.
		 */
		String label() {
			return this.name.isEmpty() ? "[" + this.meterId + "]" : this.name + " [" + this.meterId + "]";
		}

	}

	private record Rounding(TreeSet<String> hubs, BigDecimal residual) {
	}

	private static final class MeterTotal {

		final MeterLabel meter;

		BigDecimal quantity = BigDecimal.ZERO;

		long records;

		MeterTotal(MeterLabel meter) {
			this.meter = meter;
		}

		void add(BigDecimal quantity, long records) {
			this.quantity = this.quantity.add(quantity);
			this.records += records;
		}

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

		final Map<String, MeterTotal> meters = new LinkedHashMap<>();

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

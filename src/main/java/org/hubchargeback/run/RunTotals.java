package org.hubchargeback.run;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import org.hubchargeback.pricing.RateCard;
import org.jspecify.annotations.Nullable;

/**
 * What a run charged and counted, every figure the reports, the checks before publishing, the manifest and the
 * ledger use, summed in one pass over the run's totals ({@code HC_TOTAL}: a row per usage day, hub, tenant, hub
 * subscription and meter, written when the days are summed).
 * <p>
 * One pass rather than a query per figure: the aggregate queries each read every row of the run again, and in the
 * short-lived JVM of a run each cost what the pass costs (measured at 1.73M records: a dozen queries took about two
 * seconds, the pass a tenth of one). Sums are exact; {@code sums} gives them the scale the database's own {@code SUM}
 * would (H2's DECFLOAT drops trailing zeros, PostgreSQL's NUMERIC keeps the largest scale), so that what is written
 * does not depend on where it was summed. Orders are those of the queries this replaced: by the key's columns,
 * strings by their characters.
 */
public final class RunTotals {

	/** A charged record's outcome: to a customer subscription or to the hub's default one. */
	private static final Set<String> CHARGED = Set.of("REGISTERED", "DEFAULT");

	private static final String WITHOUT_TENANT = "SUBSCRIPTION_WITHOUT_TENANT";

	private final Map<String, Map<String, Long>> outcomeCounts;

	private final Map<String, Map<String, Map<String, BigDecimal>>> outcomeQuantities;

	private final List<ChargedTotal> chargedTotals;

	private final List<DefaultUsage> defaultUsage;

	private final List<DayTotal> dayTotals;

	private final Map<String, NavigableMap<LocalDate, HubDay>> hubDays;

	private final Map<String, ExpectedFile> expectedFiles;

	private final Map<String, FileCost> fileCosts;

	private final List<MissingPrice> missingPrices;

	private final List<LateUsage> lateUsage;

	private final LocalDate from;

	private final LocalDate to;

	private RunTotals(Builder b) {
		this.from = b.from;
		this.to = b.to;
		UnaryOperator<BigDecimal> s = b.sums;
		this.outcomeCounts = frozen(b.outcomeCounts);
		Map<String, Map<String, Map<String, BigDecimal>>> quantities = new TreeMap<>();
		b.outcomeQuantities.forEach((hub, meters) -> meters.forEach((meter, outcomes) -> outcomes
			.forEach((outcome, sum) -> quantities.computeIfAbsent(hub, (k) -> new TreeMap<>())
				.computeIfAbsent(meter, (k) -> new TreeMap<>())
				.put(outcome, s.apply(sum)))));
		this.outcomeQuantities = quantities;
		this.chargedTotals = b.charged.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey(Comparator.comparing(ChargedKey::subscription)
				.thenComparing(ChargedKey::reason)
				.thenComparing(ChargedKey::meter)
				.thenComparing(ChargedKey::hub)))
			.map((e) -> {
				ChargedKey k = e.getKey();
				Acc a = e.getValue();
				return new ChargedTotal(k.subscription(), k.reason(), k.meter(), k.hub(), s.apply(a.quantity),
						a.records, a.firstDay(), a.lastDay(), sumOrNull(a.cost, s),
						(a.unpricedQuantity != null) ? s.apply(a.unpricedQuantity) : BigDecimal.ZERO);
			})
			.toList();
		this.defaultUsage = b.defaulted.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey(Comparator.comparing(DefaultKey::hub)
				.thenComparing(DefaultKey::reason)
				.thenComparing(DefaultKey::tenantId)
				.thenComparing(DefaultKey::hubSubscriptionId)
				.thenComparing(DefaultKey::meter)
				.thenComparing(DefaultKey::chargedSubscriptionId)))
			.map((e) -> {
				DefaultKey k = e.getKey();
				Acc a = e.getValue();
				return new DefaultUsage(k.hub(), k.reason(), k.tenantId(), k.hubSubscriptionId(), k.meter(),
						k.chargedSubscriptionId(), a.records, s.apply(a.quantity), a.firstStart(), a.lastEnd(),
						sumOrNull(a.cost, s));
			})
			.toList();
		List<DayTotal> days = new ArrayList<>();
		b.days.forEach((day, a) -> days.add(new DayTotal(day, a.records, sumOrNull(a.cost, s))));
		this.dayTotals = Collections.unmodifiableList(days);
		Map<String, NavigableMap<LocalDate, HubDay>> hubDays = new TreeMap<>();
		b.hubDays.forEach((hub, byDay) -> byDay.forEach((day, a) -> hubDays.computeIfAbsent(hub, (k) -> new TreeMap<>())
			.put(day, new HubDay(a.records, a.withoutTenant, a.defaultRecords, s.apply(a.quantity), a.lastEnd))));
		this.hubDays = hubDays;
		Map<String, ExpectedFile> expected = new TreeMap<>();
		Map<String, FileCost> costs = new TreeMap<>();
		b.files.forEach((subscription, a) -> {
			expected.put(subscription, new ExpectedFile(a.lines, s.apply(a.quantity)));
			costs.put(subscription, new FileCost(zeroIfNull(sumOrNull(a.cost, s)), zeroIfNull(sumOrNull(a.costExact, s)),
					a.lastDay(), a.unpricedLines, zeroIfNull(sumOrNull(a.unpricedQuantity, s))));
		});
		this.expectedFiles = Collections.unmodifiableMap(expected);
		this.fileCosts = Collections.unmodifiableMap(costs);
		this.missingPrices = b.missing.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey(
					Comparator.comparing(MissingKey::meter).thenComparing(MissingKey::subscription)))
			.map((e) -> new MissingPrice(e.getKey().meter(), e.getKey().subscription(), e.getValue().firstDay(),
					e.getValue().lastDay(), e.getValue().lines, s.apply(e.getValue().quantity), e.getValue().records))
			.toList();
		this.lateUsage = b.late.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey(Comparator.comparing(LateKey::hub)
				.thenComparing(LateKey::day)
				.thenComparing(LateKey::subscription)
				.thenComparing(LateKey::reason)
				.thenComparing(LateKey::meter)))
			.map((e) -> {
				LateKey k = e.getKey();
				Acc a = e.getValue();
				return new LateUsage(k.hub(), k.day(), k.subscription(), k.reason(), k.meter(), a.records,
						s.apply(a.quantity), sumOrNull(a.cost, s));
			})
			.toList();
	}

	/**
	 * @param from the run's first day
	 * @param to the run's last day: charged days outside {@code from..to} are late-reported usage
	 * @param sums gives each exact sum the scale the run's database gives its sums
	 */
	public static Builder builder(LocalDate from, LocalDate to, UnaryOperator<BigDecimal> sums) {
		return new Builder(from, to, sums);
	}

	/**
	 * @return hub to outcome (including REJECTED) to record count
	 */
	public Map<String, Map<String, Long>> outcomeCounts() {
		return this.outcomeCounts;
	}

	/**
	 * @return hub to meter to outcome to summed quantity, for valid records
	 */
	public Map<String, Map<String, Map<String, BigDecimal>>> outcomeQuantities() {
		return this.outcomeQuantities;
	}

	/**
	 * @return the subscriptions charged, in order: one chargeback file each
	 */
	public List<String> chargedSubscriptions() {
		return List.copyOf(this.expectedFiles.keySet());
	}

	/**
	 * @return charged usage per subscription, reason, meter and hub, in that order
	 */
	public List<ChargedTotal> chargedTotals() {
		return this.chargedTotals;
	}

	/**
	 * @return usage that fell to a default subscription, per hub, reason, tenant, hub subscription and meter, in that
	 * order
	 */
	public List<DefaultUsage> defaultUsage() {
		return this.defaultUsage;
	}

	/**
	 * @return charged records and cost per usage day, in order
	 */
	public List<DayTotal> dayTotals() {
		return this.dayTotals;
	}

	/**
	 * @return per hub, the usage of the range's days it charged
	 */
	public Map<String, HubUsage> hubUsage() {
		Map<String, HubUsage> usage = new TreeMap<>();
		inRange().forEach((hub, days) -> {
			long records = 0;
			long withoutTenant = 0;
			Instant last = null;
			for (HubDay day : days.values()) {
				records += day.records();
				withoutTenant += day.withoutTenantRecords();
				last = later(last, day.lastEnd());
			}
			usage.put(hub, new HubUsage(records, withoutTenant, Collections.unmodifiableSet(new TreeSet<>(days.keySet())),
					last));
		});
		return usage;
	}

	/**
	 * @return hub to day of the range to the records charged on it
	 */
	public Map<String, Map<LocalDate, Long>> chargedRecordsPerDay() {
		Map<String, Map<LocalDate, Long>> perDay = new TreeMap<>();
		inRange().forEach((hub, days) -> days
			.forEach((day, sum) -> perDay.computeIfAbsent(hub, (k) -> new TreeMap<>()).put(day, sum.records())));
		return perDay;
	}

	/**
	 * @return hub to the records of the range's days charged to its default subscription
	 */
	public Map<String, Long> defaultRecords() {
		Map<String, Long> records = new TreeMap<>();
		inRange().forEach((hub, days) -> records.put(hub,
				days.values().stream().mapToLong(HubDay::defaultRecords).sum()));
		return records;
	}

	/**
	 * @return hub to every usage day it charged (late-reported days too) to what it charged on it
	 */
	public Map<String, ? extends Map<LocalDate, HubDay>> hubDays() {
		return this.hubDays;
	}

	/**
	 * @return charged subscription to what its chargeback file should hold, as the usage days counted it
	 */
	public Map<String, ExpectedFile> expectedChargebackFiles() {
		return this.expectedFiles;
	}

	/**
	 * @return charged subscription to what its chargeback file's rows cost, as the usage days priced them
	 */
	public Map<String, FileCost> chargebackFileCosts() {
		return this.fileCosts;
	}

	/**
	 * @return usage with no price, per meter and charged subscription, in that order
	 */
	public List<MissingPrice> missingPrices() {
		return this.missingPrices;
	}

	/**
	 * @return what the run charged of usage days outside its range (late-reported usage), per hub, day, subscription,
	 * reason and meter, in that order
	 */
	public List<LateUsage> lateUsage() {
		return this.lateUsage;
	}

	private Map<String, Map<LocalDate, HubDay>> inRange() {
		Map<String, Map<LocalDate, HubDay>> inRange = new TreeMap<>();
		this.hubDays.forEach((hub, days) -> {
			Map<LocalDate, HubDay> range = days.subMap(this.from, true, this.to, true);
			if (!range.isEmpty()) {
				inRange.put(hub, range);
			}
		});
		return inRange;
	}

	private static @Nullable Instant later(@Nullable Instant a, @Nullable Instant b) {
		return (a == null || (b != null && b.isAfter(a))) ? b : a;
	}

	private static @Nullable BigDecimal sumOrNull(@Nullable BigDecimal sum, UnaryOperator<BigDecimal> sums) {
		return (sum != null) ? sums.apply(sum) : null;
	}

	private static BigDecimal zeroIfNull(@Nullable BigDecimal value) {
		return (value != null) ? value : BigDecimal.ZERO;
	}

	private static Map<String, Map<String, Long>> frozen(Map<String, Map<String, Long>> counts) {
		Map<String, Map<String, Long>> copy = new TreeMap<>();
		counts.forEach((hub, byOutcome) -> copy.put(hub, Collections.unmodifiableMap(new TreeMap<>(byOutcome))));
		return Collections.unmodifiableMap(copy);
	}

	/**
	 * A row of the run's totals.
	 *
	 * @param day the usage day; null for the counts of records outside the range
	 * @param chargedSubscriptionId null when not charged
	 * @param cost the row's rounded cost, null when unpriced
	 * @param costExact the same unrounded
	 */
	public record Row(String hub, @Nullable LocalDate day, @Nullable String tenantId,
			@Nullable String hubSubscriptionId, String meterId, @Nullable String chargedSubscriptionId,
			@Nullable String chargeReason, @Nullable String defaultReason, String outcome, long records,
			BigDecimal quantity, long lines, @Nullable BigDecimal cost, @Nullable BigDecimal costExact,
			@Nullable Instant firstStart, @Nullable Instant lastEnd) {
	}

	/**
	 * Sums rows, in any order.
	 */
	public static final class Builder {

		private final LocalDate from;

		private final LocalDate to;

		private final UnaryOperator<BigDecimal> sums;

		private final Map<String, Map<String, Long>> outcomeCounts = new HashMap<>();

		private final Map<String, Map<String, Map<String, BigDecimal>>> outcomeQuantities = new HashMap<>();

		private final Map<ChargedKey, Acc> charged = new HashMap<>();

		private final Map<DefaultKey, Acc> defaulted = new HashMap<>();

		private final TreeMap<LocalDate, Acc> days = new TreeMap<>();

		private final Map<String, TreeMap<LocalDate, Acc>> hubDays = new HashMap<>();

		private final TreeMap<String, Acc> files = new TreeMap<>();

		private final Map<MissingKey, Acc> missing = new HashMap<>();

		private final Map<LateKey, Acc> late = new HashMap<>();

		private Builder(LocalDate from, LocalDate to, UnaryOperator<BigDecimal> sums) {
			this.from = from;
			this.to = to;
			this.sums = sums;
		}

		public Builder add(Row row) {
			this.outcomeCounts.computeIfAbsent(row.hub(), (k) -> new HashMap<>())
				.merge(row.outcome(), row.records(), Long::sum);
			this.outcomeQuantities.computeIfAbsent(row.hub(), (k) -> new HashMap<>())
				.computeIfAbsent(row.meterId(), (k) -> new HashMap<>())
				.merge(row.outcome(), row.quantity(), BigDecimal::add);
			if (!CHARGED.contains(row.outcome())) {
				return this;
			}
			LocalDate day = requireCharged(row.day(), "usage day", row);
			String subscription = requireCharged(row.chargedSubscriptionId(), "charged subscription", row);
			String reason = requireCharged(row.chargeReason(), "charge reason", row);
			this.charged.computeIfAbsent(new ChargedKey(subscription, reason, row.meterId(), row.hub()),
					(k) -> new Acc())
				.add(row, day);
			if ("DEFAULT".equals(row.outcome())) {
				this.defaulted
					.computeIfAbsent(new DefaultKey(row.hub(), requireCharged(row.defaultReason(), "default reason", row),
							requireCharged(row.tenantId(), "tenant", row),
							requireCharged(row.hubSubscriptionId(), "hub subscription", row), row.meterId(),
							subscription), (k) -> new Acc())
					.add(row, day);
			}
			this.days.computeIfAbsent(day, (k) -> new Acc()).add(row, day);
			this.hubDays.computeIfAbsent(row.hub(), (k) -> new TreeMap<>())
				.computeIfAbsent(day, (k) -> new Acc())
				.add(row, day);
			this.files.computeIfAbsent(subscription, (k) -> new Acc()).add(row, day);
			if (row.cost() == null) {
				this.missing.computeIfAbsent(new MissingKey(row.meterId(), subscription), (k) -> new Acc())
					.add(row, day);
			}
			if (day.isBefore(this.from) || day.isAfter(this.to)) {
				this.late
					.computeIfAbsent(new LateKey(row.hub(), day, subscription, reason, row.meterId()),
							(k) -> new Acc())
					.add(row, day);
			}
			return this;
		}

		/**
		 * Counts a hub's rejected records (they have no totals row: nothing of them is summed).
		 */
		public Builder rejected(String hub, long records) {
			this.outcomeCounts.computeIfAbsent(hub, (k) -> new HashMap<>()).merge("REJECTED", records, Long::sum);
			return this;
		}

		public RunTotals build() {
			return new RunTotals(this);
		}

		private static <T> T requireCharged(@Nullable T value, String what, Row row) {
			if (value == null) {
				throw new IllegalStateException("a charged total of hub " + row.hub() + ", meter " + row.meterId()
						+ " has no " + what);
			}
			return value;
		}

	}

	/** Sums of the rows of one key. */
	private static final class Acc {

		long records;

		BigDecimal quantity = BigDecimal.ZERO;

		long lines;

		@Nullable BigDecimal cost;

		@Nullable BigDecimal costExact;

		@Nullable BigDecimal unpricedQuantity;

		long unpricedLines;

		long withoutTenant;

		long defaultRecords;

		@Nullable LocalDate firstDay;

		@Nullable LocalDate lastDay;

		@Nullable Instant firstStart;

		@Nullable Instant lastEnd;

		void add(Row row, LocalDate day) {
			this.records += row.records();
			this.quantity = this.quantity.add(row.quantity());
			this.lines += row.lines();
			if (row.cost() != null) {
				this.cost = (this.cost != null) ? this.cost.add(row.cost()) : row.cost();
			}
			else {
				this.unpricedQuantity = (this.unpricedQuantity != null) ? this.unpricedQuantity.add(row.quantity())
						: row.quantity();
				this.unpricedLines += row.lines();
			}
			if (row.costExact() != null) {
				this.costExact = (this.costExact != null) ? this.costExact.add(row.costExact()) : row.costExact();
			}
			if (WITHOUT_TENANT.equals(row.defaultReason())) {
				this.withoutTenant += row.records();
			}
			if ("DEFAULT".equals(row.outcome())) {
				this.defaultRecords += row.records();
			}
			this.firstDay = (this.firstDay == null || day.isBefore(this.firstDay)) ? day : this.firstDay;
			this.lastDay = (this.lastDay == null || day.isAfter(this.lastDay)) ? day : this.lastDay;
			if (row.firstStart() != null && (this.firstStart == null || row.firstStart().isBefore(this.firstStart))) {
				this.firstStart = row.firstStart();
			}
			this.lastEnd = later(this.lastEnd, row.lastEnd());
		}

		LocalDate firstDay() {
			return Objects.requireNonNull(this.firstDay);
		}

		LocalDate lastDay() {
			return Objects.requireNonNull(this.lastDay);
		}

		Instant firstStart() {
			return Objects.requireNonNull(this.firstStart, "a charged total without its first usage start");
		}

		Instant lastEnd() {
			return Objects.requireNonNull(this.lastEnd, "a charged total without its last usage end");
		}

	}

	private record ChargedKey(String subscription, String reason, String meter, String hub) {
	}

	private record DefaultKey(String hub, String reason, String tenantId, String hubSubscriptionId, String meter,
			String chargedSubscriptionId) {
	}

	private record MissingKey(String meter, String subscription) {
	}

	private record LateKey(String hub, LocalDate day, String subscription, String reason, String meter) {
	}

	/**
	 * Charged usage of one subscription, reason, meter and hub.
	 *
	 * @param cost of the priced rows, null when none was priced
	 * @param unpricedQuantity the quantity of the rows without a price
	 */
	public record ChargedTotal(String chargedSubscriptionId, String chargeReason, String meterId, String hub,
			BigDecimal quantity, long records, LocalDate firstDay, LocalDate lastDay, @Nullable BigDecimal cost,
			BigDecimal unpricedQuantity) {
	}

	/**
	 * Usage that fell to a default subscription, of one hub, reason, tenant, hub subscription and meter.
	 *
	 * @param cost of the priced rows, null when none was priced
	 */
	public record DefaultUsage(String hub, String reason, String tenantId, String hubSubscriptionId, String meterId,
			String chargedSubscriptionId, long records, BigDecimal quantity, Instant firstStart, Instant lastEnd,
			@Nullable BigDecimal cost) {
	}

	/**
	 * @param cost the summed (rounded) cost of the day's priced rows, null when none was priced: quantities are not
	 * added up, as meters have different units
	 */
	public record DayTotal(LocalDate day, long records, @Nullable BigDecimal cost) {
	}

	/**
	 * What a hub charged on one usage day.
	 *
	 * @param withoutTenantRecords of the records, those charged to the default subscription for want of a tenant
	 * @param defaultRecords of the records, those charged to the default subscription
	 * @param lastEnd the end of the latest usage, null when none
	 */
	public record HubDay(long records, long withoutTenantRecords, long defaultRecords, BigDecimal quantity,
			@Nullable Instant lastEnd) {
	}

	/**
	 * @param lastUsageEnd the end of the latest usage charged, null when none
	 */
	public record HubUsage(long chargedRecords, long withoutTenantRecords, Set<LocalDate> days,
			@Nullable Instant lastUsageEnd) {

		public static final HubUsage NONE = new HubUsage(0, 0, Set.of(), null);

	}

	/**
	 * @param rows the usage rows of a chargeback file (a rounding row comes on top)
	 * @param quantity their summed quantity
	 */
	public record ExpectedFile(long rows, BigDecimal quantity) {
	}

	/**
	 * A meter's usage charged to one subscription that the rate card has no price for, on some days of the range.
	 */
	public record MissingPrice(String meterId, String chargedSubscriptionId, LocalDate firstDay, LocalDate lastDay,
			long lines, BigDecimal quantity, long records) {
	}

	/**
	 * What a chargeback file's rows cost. Each row's cost is rounded on its own; the file's total is its unrounded
	 * cost rounded once, and a rounding row makes up the difference.
	 *
	 * @param cost the sum of the priced rows' (rounded) costs
	 * @param costExact the same, unrounded
	 * @param lastDay the file's last usage day
	 * @param unpricedLines rows without a price
	 * @param unpricedQuantity their quantity
	 */
	public record FileCost(BigDecimal cost, BigDecimal costExact, LocalDate lastDay, long unpricedLines,
			BigDecimal unpricedQuantity) {

		public BigDecimal total(RateCard rateCard) {
			return rateCard.round(this.costExact);
		}

		/**
		 * @return what the rounding row adds (zero: no rounding row)
		 */
		public BigDecimal residual(RateCard rateCard) {
			return total(rateCard).subtract(this.cost);
		}

	}

	/**
	 * Late-reported usage of one meter charged to one subscription.
	 *
	 * @param cost null when unpriced
	 */
	public record LateUsage(String hub, LocalDate day, String chargedSubscriptionId, String chargeReason,
			String meterId, long records, BigDecimal quantity, @Nullable BigDecimal cost) {
	}

}

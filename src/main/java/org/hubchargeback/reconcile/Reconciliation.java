package org.hubchargeback.reconcile;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * The three-way check, plain Java: per usage day, hub subscription and meter, the subscriptions the job charged and
 * those Microsoft billed, each pair with its difference; then one row per usage day, subscription, meter and
 * difference.
 * <p>
 * Lines are matched on the local hub subscription and meter that Partner Center carries in {@code AdditionalInfo}.
 * A line without {@code azureStack.SubscriptionId} is compared per day, subscription and meter with everything the
 * job charged that subscription of that meter on that day (all hub subscriptions together); a line without a local
 * meter cannot be compared and is reported as {@link Difference#METER_NOT_MATCHED}. Subscription IDs compare
 * case-insensitively (the registration may spell a customer subscription in capitals, Partner Center in lower case);
 * rows show the job's spelling.
 */
public final class Reconciliation {

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	private final BigDecimal tolerancePercent;

	/**
	 * @param tolerancePercent quantities that differ by at most this share of the larger agree
	 */
	public Reconciliation(BigDecimal tolerancePercent) {
		this.tolerancePercent = tolerancePercent;
	}

	/**
	 * @return the rows, by usage day, subscription and meter
	 */
	public List<ReconciliationRow> compare(List<ChargedUsage> charged, List<BilledUsage> billed) {
		// a day, subscription and meter Microsoft billed without naming the hub subscription is compared as a whole
		Set<List<String>> withoutHubSubscription = new HashSet<>();
		for (BilledUsage line : billed) {
			if (line.hubSubscription() == null && line.meterId() != null) {
				withoutHubSubscription.add(List.of(line.day().toString(), lower(line.subscription()), line.meterId()));
			}
		}
		Map<Cell, Sides> cells = new TreeMap<>();
		for (ChargedUsage row : charged) {
			boolean whole = withoutHubSubscription
				.contains(List.of(row.day().toString(), lower(row.subscription()), row.meterId()));
			Sides sides = cells.computeIfAbsent(new Cell(row.day(), whole ? "" : row.hubSubscription(), row.meterId()),
					(k) -> new Sides());
			sides.hubSubscriptions.add(row.hubSubscription());
			sides.charged.computeIfAbsent(lower(row.subscription()), (k) -> new Amount(row.subscription()))
				.add(row.quantity(), row.cost(), row.currency(), row.chargeReason());
		}
		Map<Key, ReconciliationRow> rows = new TreeMap<>();
		for (BilledUsage line : billed) {
			if (line.meterId() == null) {
				Amount amount = new Amount(line.subscription());
				amount.add(line.quantity(), line.preTax(), line.currency(), "");
				Key key = new Key(line.day(), line.subscription(), "", "", line.meterName(),
						Difference.METER_NOT_MATCHED);
				merge(rows, key, new Amount(line.subscription()), amount, BigDecimal.ZERO, hubSubscriptions(line));
				continue;
			}
			String hub = (line.hubSubscription() != null) ? line.hubSubscription() : "";
			Sides sides = cells.computeIfAbsent(new Cell(line.day(), hub, line.meterId()), (k) -> new Sides());
			if (!hub.isEmpty()) {
				sides.hubSubscriptions.add(hub);
			}
			sides.billed.computeIfAbsent(lower(line.subscription()), (k) -> new Amount(line.subscription()))
				.add(line.quantity(), line.preTax(), line.currency(), "");
		}
		cells.forEach((cell, sides) -> compare(cell, sides, rows));
		return List.copyOf(rows.values());
	}

	private void compare(Cell cell, Sides sides, Map<Key, ReconciliationRow> rows) {
		BigDecimal hub = sides.charged.values().stream().map(Amount::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
		List<Amount> notBilled = new ArrayList<>();
		List<Amount> notCharged = new ArrayList<>();
		for (Map.Entry<String, Amount> charged : sides.charged.entrySet()) {
			Amount billed = sides.billed.get(charged.getKey());
			if (billed == null) {
				notBilled.add(charged.getValue());
				continue;
			}
			Difference difference = quantityDiffers(charged.getValue().quantity, billed.quantity)
					? Difference.QUANTITY_DIFFERENCE : otherCurrency(charged.getValue(), billed)
							? Difference.OTHER_CURRENCY : Difference.MATCHED;
			merge(rows, new Key(cell.day(), charged.getValue().subscription, "", cell.meterId(), "", difference),
					charged.getValue(), billed, hub, sides.hubSubscriptions);
		}
		sides.billed.forEach((subscription, billed) -> {
			if (!sides.charged.containsKey(subscription)) {
				notCharged.add(billed);
			}
		});
		// what one subscription was charged and another billed, in the same day, hub subscription and meter
		int pairs = Math.min(notBilled.size(), notCharged.size());
		for (int i = 0; i < pairs; i++) {
			Amount charged = notBilled.get(i);
			Amount billed = notCharged.get(i);
			merge(rows, new Key(cell.day(), charged.subscription, billed.subscription, cell.meterId(), "",
					Difference.BILLED_TO_OTHER_SUBSCRIPTION), charged, billed, hub, sides.hubSubscriptions);
		}
		for (Amount charged : notBilled.subList(pairs, notBilled.size())) {
			merge(rows, new Key(cell.day(), charged.subscription, "", cell.meterId(), "", Difference.NOT_BILLED),
					charged, new Amount(charged.subscription), hub, sides.hubSubscriptions);
		}
		for (Amount billed : notCharged.subList(pairs, notCharged.size())) {
			merge(rows, new Key(cell.day(), billed.subscription, "", cell.meterId(), "", Difference.MISSED_EXPORT),
					new Amount(billed.subscription), billed, hub, sides.hubSubscriptions);
		}
	}

	private boolean quantityDiffers(BigDecimal charged, BigDecimal billed) {
		BigDecimal larger = charged.abs().max(billed.abs());
		return charged.subtract(billed).abs().multiply(HUNDRED).compareTo(larger.multiply(this.tolerancePercent)) > 0;
	}

	/**
	 * A priced charge and a bill in another currency: the margin cannot be worked out.
	 */
	private static boolean otherCurrency(Amount charged, Amount billed) {
		return !charged.currencies.isEmpty() && !billed.currencies.isEmpty()
				&& !charged.currencies.equals(billed.currencies);
	}

	private static void merge(Map<Key, ReconciliationRow> rows, Key key, Amount charged, Amount billed,
			BigDecimal hub, Set<String> hubSubscriptions) {
		ReconciliationRow row = new ReconciliationRow(key.day(), key.subscription(), charged.chargeReason,
				key.billedSubscription(), key.meterId(), key.billedMeterName(), new TreeSet<>(hubSubscriptions), hub,
				charged.quantity, billed.quantity, key.difference(), charged.cost, currency(charged), billed.cost,
				currency(billed));
		rows.merge(key, row, ReconciliationRow::plus);
	}

	private static @Nullable String currency(Amount amount) {
		return amount.currencies.isEmpty() ? null : String.join(" ", amount.currencies);
	}

	private static Set<String> hubSubscriptions(BilledUsage line) {
		return (line.hubSubscription() != null) ? Set.of(line.hubSubscription()) : Set.of();
	}

	private static String lower(String subscription) {
		return subscription.toLowerCase(Locale.ROOT);
	}

	/**
	 * Usage the job charged of a day after the last one Partner Center's files hold is not missing from the bill, only
	 * not billed yet: {@link Difference#NOT_BILLED} becomes {@link Difference#NOT_BILLED_YET}.
	 *
	 * @param lastBilledDay the last usage day the files hold, or null when they hold none (nothing is billed yet)
	 */
	public static List<ReconciliationRow> notBilledYet(List<ReconciliationRow> rows, @Nullable LocalDate lastBilledDay) {
		return rows.stream()
			.map((row) -> (row.difference() == Difference.NOT_BILLED
					&& (lastBilledDay == null || row.day().isAfter(lastBilledDay)))
							? row.withDifference(Difference.NOT_BILLED_YET) : row)
			.toList();
	}

	/**
	 * @return how many rows have each difference finance must look at ({@link Difference#warns()})
	 */
	public static Map<Difference, Long> differences(List<ReconciliationRow> rows) {
		Map<Difference, Long> counts = new EnumMap<>(Difference.class);
		counts(rows).forEach((difference, count) -> {
			if (difference.warns()) {
				counts.put(difference, count);
			}
		});
		return counts;
	}

	/**
	 * @return how many rows have each difference, {@link Difference#MATCHED} included
	 */
	public static Map<Difference, Long> counts(List<ReconciliationRow> rows) {
		Map<Difference, Long> counts = new EnumMap<>(Difference.class);
		rows.forEach((row) -> counts.merge(row.difference(), 1L, Long::sum));
		return counts;
	}

	private record Cell(LocalDate day, String hubSubscription, String meterId) implements Comparable<Cell> {

		@Override
		public int compareTo(Cell other) {
			return Comparator.comparing(Cell::day)
				.thenComparing(Cell::hubSubscription)
				.thenComparing(Cell::meterId)
				.compare(this, other);
		}

	}

	private record Key(LocalDate day, String subscription, String billedSubscription, String meterId,
			String billedMeterName, Difference difference) implements Comparable<Key> {

		@Override
		public int compareTo(Key other) {
			return Comparator.comparing(Key::day)
				.thenComparing((Key key) -> lower(key.subscription()))
				.thenComparing(Key::meterId)
				.thenComparing(Key::difference)
				.thenComparing(Key::billedSubscription)
				.thenComparing(Key::billedMeterName)
				.compare(this, other);
		}

	}

	private static final class Sides {

		private final Set<String> hubSubscriptions = new TreeSet<>();

		// by lower-case subscription ID
		private final Map<String, Amount> charged = new TreeMap<>();

		private final Map<String, Amount> billed = new TreeMap<>();

	}

	/**
	 * One side's usage of one subscription in a cell.
	 */
	private static final class Amount {

		private final String subscription;

		private BigDecimal quantity = BigDecimal.ZERO;

		// the sum of the costs (or pre-tax totals) that have one; null when none has
		private @Nullable BigDecimal cost;

		private final Set<String> currencies = new TreeSet<>();

		private String chargeReason = "";

		Amount(String subscription) {
			this.subscription = subscription;
		}

		BigDecimal quantity() {
			return this.quantity;
		}

		void add(BigDecimal quantity, @Nullable BigDecimal cost, @Nullable String currency, String chargeReason) {
			this.quantity = this.quantity.add(quantity);
			if (cost != null) {
				this.cost = (this.cost != null) ? this.cost.add(cost) : cost;
			}
			if (currency != null && !currency.isEmpty()) {
				this.currencies.add(currency);
			}
			if (this.chargeReason.isEmpty()) {
				this.chargeReason = chargeReason;
			}
		}

	}

}

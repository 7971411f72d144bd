package org.hubchargeback.publish;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.hubchargeback.csv.CsvDialect;
import org.jspecify.annotations.Nullable;

/**
 * {@code restatement.csv}: what a rerun changes in a published range, per charged subscription and meter, from the
 * two versions' {@code summary.csv}: quantities, and costs when either version was priced (a new rate card restates
 * money with the same quantities).
 * <p>
 * It ties: a row only one version has counts as zero in the other, a cost only one version has (a price appeared or
 * went) counts as zero in the other, and the rounding rows are rows too, so {@code CostDifference} sums to exactly
 * the change of the range's total cost. {@code Change} says which of these a row is.
 */
public final class Restatement {

	public static final List<String> HEADER = List.of("ChargedSubscriptionId", "MeterId", "MeterName", "Unit",
			"OldQuantity", "NewQuantity", "Difference");

	public static final List<String> COST_COLUMNS = List.of("OldCost", "NewCost", "CostDifference", "Currency");

	/**
	 * Appended after every other column, priced or not, so that readers of the older columns keep working.
	 */
	public static final String CHANGE_COLUMN = "Change";

	/**
	 * How many subscriptions the console names before "and N more".
	 */
	static final int CONSOLE_SUBSCRIPTIONS = 10;

	/**
	 * What happened to a subscription's meter (or rounding row) between the two versions.
	 */
	public enum Change {

		/** Only the new version has it: its old quantity and cost count as zero. */
		ADDED,
		/** Only the old version has it: its new quantity and cost count as zero. */
		REMOVED,
		/** Both have it, with another quantity or cost, or a price only one version has. */
		CHANGED,
		/** Both have it, the same. */
		UNCHANGED

	}

	private static final Comparator<List<String>> BY_SUBSCRIPTION_AND_METER = Comparator
		.comparing((List<String> key) -> key.get(0))
		.thenComparing((key) -> key.get(1));

	private final Map<List<String>, Line> lines = new TreeMap<>(BY_SUBSCRIPTION_AND_METER);

	private String oldCurrency = "";

	private String newCurrency = "";

	private Restatement() {
	}

	/**
	 * @param published the summary of the version being replaced
	 * @param rebuilt the summary of the new version
	 */
	public static Restatement between(Path published, Path rebuilt) {
		Restatement restatement = new Restatement();
		restatement.read(published, false);
		restatement.read(rebuilt, true);
		return restatement;
	}

	private void read(Path summary, boolean rebuilt) {
		CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
		try (Reader reader = CsvDialect.reader(Files.newInputStream(summary))) {
			for (CSVRecord row : format.parse(reader)) {
				// a subscription's rows of both charge reasons, and both its rounding rows, are one line each
				Line line = this.lines.computeIfAbsent(List.of(row.get("ChargedSubscriptionId"), row.get("MeterId")),
						(key) -> new Line(row.get("MeterName"), row.get("Unit")));
				BigDecimal quantity = new BigDecimal(row.get("Quantity"));
				BigDecimal cost = (row.isMapped("Cost") && !row.get("Cost").isEmpty()) ? new BigDecimal(row.get("Cost"))
						: null;
				if (rebuilt) {
					line.inNew = true;
					line.newQuantity = line.newQuantity.add(quantity);
					line.newCost = add(line.newCost, cost);
				}
				else {
					line.inOld = true;
					line.oldQuantity = line.oldQuantity.add(quantity);
					line.oldCost = add(line.oldCost, cost);
				}
				if (cost != null) {
					if (rebuilt) {
						this.newCurrency = row.get("Currency");
					}
					else {
						this.oldCurrency = row.get("Currency");
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + summary + ": " + ex.getMessage(), ex);
		}
	}

	private static @Nullable BigDecimal add(@Nullable BigDecimal sum, @Nullable BigDecimal cost) {
		if (cost == null) {
			return sum;
		}
		return (sum != null) ? sum.add(cost) : cost;
	}

	private static BigDecimal zeroIfNull(@Nullable BigDecimal cost) {
		return (cost != null) ? cost : BigDecimal.ZERO;
	}

	public BigDecimal oldTotal() {
		return this.lines.values().stream().map((line) -> line.oldQuantity).reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	public BigDecimal newTotal() {
		return this.lines.values().stream().map((line) -> line.newQuantity).reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	/**
	 * @return whether either version has a cost
	 */
	public boolean priced() {
		return !this.oldCurrency.isEmpty() || !this.newCurrency.isEmpty();
	}

	/**
	 * @return the currency of the costs; empty when neither version was priced
	 */
	public String currency() {
		return this.newCurrency.isEmpty() ? this.oldCurrency : this.newCurrency;
	}

	/**
	 * @return whether the versions were priced in different currencies: costs cannot be subtracted then
	 */
	public boolean currencyChanged() {
		return !this.oldCurrency.isEmpty() && !this.newCurrency.isEmpty() && !this.oldCurrency.equals(this.newCurrency);
	}

	/**
	 * @return the range's total cost in the old version (its summary's costs, rounding rows included)
	 */
	public BigDecimal oldCost() {
		return this.lines.values().stream().map((line) -> zeroIfNull(line.oldCost)).reduce(BigDecimal.ZERO,
				BigDecimal::add);
	}

	/**
	 * @return the range's total cost in the new version
	 */
	public BigDecimal newCost() {
		return this.lines.values().stream().map((line) -> zeroIfNull(line.newCost)).reduce(BigDecimal.ZERO,
				BigDecimal::add);
	}

	/**
	 * @return how many subscriptions have a row that is not {@link Change#UNCHANGED}
	 */
	public int changedSubscriptions() {
		return bySubscription().size();
	}

	/**
	 * What the console prints: the total, then one line per changed subscription, the largest cost change first, at
	 * most {@value #CONSOLE_SUBSCRIPTIONS} of them, then how many more {@code restatement.csv} lists.
	 * @return nothing when nothing changed
	 */
	public List<String> changes() {
		Map<String, Subscription> changed = bySubscription();
		if (changed.isEmpty()) {
			return List.of();
		}
		List<String> changes = new ArrayList<>();
		long subscriptions = this.lines.keySet().stream().map((key) -> key.get(0)).distinct().count();
		changes.add("total: " + (priced() ? cost(oldCost(), newCost()) + ", " : "") + changed.size() + " of "
				+ subscriptions + " subscription(s) changed");
		List<Subscription> largestFirst = changed.values()
			.stream()
			.sorted(Comparator.comparing((Subscription s) -> s.newCost.subtract(s.oldCost).abs())
				.reversed()
				.thenComparing(Subscription::id))
			.toList();
		for (Subscription subscription : largestFirst.subList(0, Math.min(CONSOLE_SUBSCRIPTIONS, changed.size()))) {
			List<String> parts = new ArrayList<>();
			if (priced()) {
				parts.add(cost(subscription.oldCost, subscription.newCost));
			}
			subscription.quantities.forEach((unit, quantity) -> {
				if (quantity[0].compareTo(quantity[1]) != 0) {
					parts.add(unit + " " + CsvDialect.quantity(quantity[0]) + " -> "
							+ CsvDialect.quantity(quantity[1]));
				}
			});
			changes.add(subscription.id + ": " + String.join("; ", parts));
		}
		if (changed.size() > CONSOLE_SUBSCRIPTIONS) {
			changes.add("(and " + (changed.size() - CONSOLE_SUBSCRIPTIONS) + " more subscription(s): see "
					+ "restatement.csv)");
		}
		return changes;
	}

	private String cost(BigDecimal before, BigDecimal after) {
		if (currencyChanged()) {
			return "cost " + before.toPlainString() + " " + this.oldCurrency + " -> " + after.toPlainString() + " "
					+ this.newCurrency + " (another currency: no difference)";
		}
		BigDecimal difference = after.subtract(before);
		return "cost " + before.toPlainString() + " -> " + after.toPlainString() + " " + currency() + " ("
				+ ((difference.signum() >= 0) ? "+" : "") + difference.toPlainString() + ")";
	}

	/**
	 * The changed subscriptions, in ID order: their total costs (zero where unpriced) and quantities per unit, old
	 * and new.
	 */
	private Map<String, Subscription> bySubscription() {
		Set<String> changed = new HashSet<>();
		this.lines.forEach((key, line) -> {
			if (line.change() != Change.UNCHANGED) {
				changed.add(key.get(0));
			}
		});
		Map<String, Subscription> subscriptions = new LinkedHashMap<>();
		this.lines.forEach((key, line) -> {
			if (!changed.contains(key.get(0))) {
				return;
			}
			Subscription subscription = subscriptions.computeIfAbsent(key.get(0), Subscription::new);
			subscription.oldCost = subscription.oldCost.add(zeroIfNull(line.oldCost));
			subscription.newCost = subscription.newCost.add(zeroIfNull(line.newCost));
			if (!line.unit.isEmpty()) {
				BigDecimal[] quantity = subscription.quantities.computeIfAbsent(line.unit,
						(unit) -> new BigDecimal[] { BigDecimal.ZERO, BigDecimal.ZERO });
				quantity[0] = quantity[0].add(line.oldQuantity);
				quantity[1] = quantity[1].add(line.newQuantity);
			}
		});
		return subscriptions;
	}

	public void writeTo(Path file, boolean byteOrderMark) throws IOException {
		boolean priced = priced();
		List<String> header = new ArrayList<>(HEADER);
		if (priced) {
			header.addAll(COST_COLUMNS);
		}
		header.add(CHANGE_COLUMN);
		CsvDialect.write(file, byteOrderMark, header, (printer) -> {
			for (Map.Entry<List<String>, Line> entry : this.lines.entrySet()) {
				Line line = entry.getValue();
				List<Object> values = new ArrayList<>(List.of(entry.getKey().get(0), entry.getKey().get(1),
						line.meterName, line.unit, CsvDialect.quantity(line.oldQuantity),
						CsvDialect.quantity(line.newQuantity),
						CsvDialect.quantity(line.newQuantity.subtract(line.oldQuantity))));
				if (priced) {
					// OldCost and NewCost stay empty where a version had no price: the difference counts them as 0
					values.addAll(List.of(plain(line.oldCost), plain(line.newCost),
							currencyChanged() ? ""
									: zeroIfNull(line.newCost).subtract(zeroIfNull(line.oldCost)).toPlainString(),
							currency()));
				}
				values.add(line.change().name());
				printer.printRecord(values);
			}
		});
	}

	private static String plain(@Nullable BigDecimal value) {
		return (value != null) ? value.toPlainString() : "";
	}

	/**
	 * One subscription's meter (or its rounding rows) in both versions.
	 */
	private static final class Line {

		final String meterName;

		final String unit;

		boolean inOld;

		boolean inNew;

		BigDecimal oldQuantity = BigDecimal.ZERO;

		BigDecimal newQuantity = BigDecimal.ZERO;

		@Nullable BigDecimal oldCost;

		@Nullable BigDecimal newCost;

		Line(String meterName, String unit) {
			this.meterName = meterName;
			this.unit = unit;
		}

		Change change() {
			if (!this.inOld) {
				return Change.ADDED;
			}
			if (!this.inNew) {
				return Change.REMOVED;
			}
			boolean samePricing = (this.oldCost == null) == (this.newCost == null);
			boolean sameCost = zeroIfNull(this.oldCost).compareTo(zeroIfNull(this.newCost)) == 0;
			return (this.oldQuantity.compareTo(this.newQuantity) == 0 && samePricing && sameCost) ? Change.UNCHANGED
					: Change.CHANGED;
		}

	}

	private static final class Subscription {

		final String id;

		final Map<String, BigDecimal[]> quantities = new TreeMap<>();

		BigDecimal oldCost = BigDecimal.ZERO;

		BigDecimal newCost = BigDecimal.ZERO;

		Subscription(String id) {
			this.id = id;
		}

		String id() {
			return this.id;
		}

	}

}

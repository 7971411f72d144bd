package org.hubchargeback.publish;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.hubchargeback.csv.CsvDialect;

/**
 * {@code restatement.csv}: what a rerun changes in a published range, per charged subscription and meter, from the
 * two versions' {@code summary.csv}: quantities, and costs when either version was priced (a new rate card restates
 * money with the same quantities).
 */
public final class Restatement {

	public static final List<String> HEADER = List.of("ChargedSubscriptionId", "MeterId", "MeterName", "Unit",
			"OldQuantity", "NewQuantity", "Difference");

	public static final List<String> COST_COLUMNS = List.of("OldCost", "NewCost", "CostDifference", "Currency");

	private static final Comparator<List<String>> BY_SUBSCRIPTION_AND_METER = Comparator
		.comparing((List<String> key) -> key.get(0))
		.thenComparing((key) -> key.get(1));

	private final Map<List<String>, BigDecimal[]> totals = new TreeMap<>(BY_SUBSCRIPTION_AND_METER);

	private final Map<List<String>, String[]> names = new TreeMap<>(BY_SUBSCRIPTION_AND_METER);

	/**
	 * Old and new cost per subscription and meter; absent where a version had no price.
	 */
	private final Map<List<String>, BigDecimal[]> costs = new TreeMap<>(BY_SUBSCRIPTION_AND_METER);

	private String currency = "";

	private Restatement() {
	}

	/**
	 * @param published the summary of the version being replaced
	 * @param rebuilt the summary of the new version
	 */
	public static Restatement between(Path published, Path rebuilt) {
		Restatement restatement = new Restatement();
		restatement.read(published, 0);
		restatement.read(rebuilt, 1);
		return restatement;
	}

	private void read(Path summary, int version) {
		CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
		try (Reader reader = CsvDialect.reader(Files.newInputStream(summary))) {
			for (CSVRecord row : format.parse(reader)) {
				List<String> key = List.of(row.get("ChargedSubscriptionId"), row.get("MeterId"));
				BigDecimal[] total = this.totals.computeIfAbsent(key,
						(k) -> new BigDecimal[] { BigDecimal.ZERO, BigDecimal.ZERO });
				total[version] = total[version].add(new BigDecimal(row.get("Quantity")));
				this.names.put(key, new String[] { row.get("MeterName"), row.get("Unit") });
				if (row.isMapped("Cost") && !row.get("Cost").isEmpty()) {
					BigDecimal[] cost = this.costs.computeIfAbsent(key, (k) -> new BigDecimal[2]);
					cost[version] = ((cost[version] != null) ? cost[version] : BigDecimal.ZERO)
						.add(new BigDecimal(row.get("Cost")));
					this.currency = row.get("Currency");
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + summary + ": " + ex.getMessage(), ex);
		}
	}

	public BigDecimal oldTotal() {
		return this.totals.values().stream().map((t) -> t[0]).reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	public BigDecimal newTotal() {
		return this.totals.values().stream().map((t) -> t[1]).reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	/**
	 * @return the lines that changed, as {@code subscription meter: old -> new}
	 */
	public List<String> changes() {
		List<String> changes = new ArrayList<>();
		this.totals.forEach((key, t) -> {
			BigDecimal[] cost = this.costs.getOrDefault(key, new BigDecimal[2]);
			boolean costChanged = (cost[0] == null) != (cost[1] == null)
					|| (cost[0] != null && cost[0].compareTo(cost[1]) != 0);
			if (t[0].compareTo(t[1]) != 0 || costChanged) {
				changes.add(key.get(0) + " " + key.get(1) + ": " + CsvDialect.quantity(t[0]) + " -> "
						+ CsvDialect.quantity(t[1]) + (costChanged ? ", cost " + plain(cost[0]) + " -> "
								+ plain(cost[1]) + " " + this.currency : ""));
			}
		});
		return changes;
	}

	public void writeTo(Path file, boolean byteOrderMark) throws IOException {
		boolean priced = !this.costs.isEmpty();
		List<String> header = new ArrayList<>(HEADER);
		if (priced) {
			header.addAll(COST_COLUMNS);
		}
		CsvDialect.write(file, byteOrderMark, header, (printer) -> {
			for (Map.Entry<List<String>, BigDecimal[]> entry : this.totals.entrySet()) {
				BigDecimal[] t = entry.getValue();
				String[] name = Objects.requireNonNull(this.names.get(entry.getKey()), "read() names every total");
				List<Object> values = new ArrayList<>(List.of(entry.getKey().get(0), entry.getKey().get(1), name[0],
						name[1], CsvDialect.quantity(t[0]), CsvDialect.quantity(t[1]),
						CsvDialect.quantity(t[1].subtract(t[0]))));
				if (priced) {
					BigDecimal[] cost = this.costs.getOrDefault(entry.getKey(), new BigDecimal[2]);
					// a version without a price for it has no cost, not zero: no difference either
					values.addAll(List.of(plain(cost[0]), plain(cost[1]),
							(cost[0] != null && cost[1] != null) ? cost[1].subtract(cost[0]).toPlainString() : "",
							this.currency));
				}
				printer.printRecord(values);
			}
		});
	}

	private static String plain(BigDecimal value) {
		return (value != null) ? value.toPlainString() : "";
	}

}

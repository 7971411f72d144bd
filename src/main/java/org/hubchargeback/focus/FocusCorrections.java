package org.hubchargeback.focus;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.hubchargeback.csv.CsvDialect;
import org.jspecify.annotations.Nullable;

/**
 * {@code focus-corrections.csv}: what a rerun changed in the FOCUS files of the run it replaces, as FOCUS correction
 * rows ({@code ChargeClass} = {@code Correction}), so that a FOCUS consumer that loaded the first run and appends the
 * corrections holds the rerun's totals, charge by charge, instead of rewriting history.
 * <p>
 * A charge is identified by the {@link #KEY} columns (who pays, when, which sub-account, resource, SKU and price, which
 * hub and tenant); the rows of a charge are summed on each side and a correction row carries the difference of every
 * metric ({@link #METRICS}: the costs, the quantities and {@code x_RecordCount}), current minus previous, for each
 * charge whose metrics differ: a charge that appeared is corrected by itself, one that disappeared by its negation.
 * Its other columns are the current rows' (the previous rows' for a charge that disappeared): a correction of usage
 * stays {@code Usage}, of the rounding adjustment {@code Adjustment}. Its unit prices are those of the charge; FOCUS
 * exempts corrections from unit price × quantity = cost.
 */
public final class FocusCorrections {

	static final List<String> KEY = List.of("BillingAccountId", "BillingCurrency", "BillingPeriodStart",
			"BillingPeriodEnd", "ChargeCategory", "ChargePeriodStart", "ChargePeriodEnd", "SubAccountId", "ResourceId",
			"SkuId", "SkuPriceId", "RegionId", "x_HubName", "x_TenantId", "x_HubSubscriptionId", "x_ChargeReason",
			"x_DefaultReason", "x_UsageDate");

	static final List<String> METRICS = List.of("BilledCost", "EffectiveCost", "ListCost", "ContractedCost",
			"PricingQuantity", "ConsumedQuantity", "x_RecordCount");

	/** Not carried: they describe the summed records, which a difference has not. */
	private static final List<String> CLEARED = List.of("x_FirstUsageStart", "x_LastUsageEnd",
			"x_RegistrationSnapshot");

	private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();

	private FocusCorrections() {
	}

	/**
	 * @param previousFocusDir the FOCUS files of the run being replaced
	 * @param currentFocusDir the rerun's FOCUS files
	 * @return the number of correction rows written and the sum of their {@code BilledCost}
	 */
	public static Summary write(Path previousFocusDir, Path currentFocusDir, Path corrections, boolean byteOrderMark)
			throws IOException {
		Map<List<String>, Charge> previous = charges(previousFocusDir);
		Map<List<String>, Charge> current = charges(currentFocusDir);
		Map<List<String>, Charge> keys = new TreeMap<>(FocusCorrections::compare);
		keys.putAll(previous);
		keys.putAll(current);
		List<List<String>> rows = new ArrayList<>();
		BigDecimal billed = BigDecimal.ZERO;
		for (Map.Entry<List<String>, Charge> key : keys.entrySet()) {
			Charge before = previous.get(key.getKey());
			Charge after = current.get(key.getKey());
			Map<String, BigDecimal> difference = new LinkedHashMap<>();
			boolean changed = false;
			for (String metric : METRICS) {
				BigDecimal was = (before != null) ? before.metric(metric) : null;
				BigDecimal is = (after != null) ? after.metric(metric) : null;
				if (was == null && is == null) {
					continue;
				}
				BigDecimal delta = ((is != null) ? is : BigDecimal.ZERO)
					.subtract((was != null) ? was : BigDecimal.ZERO);
				difference.put(metric, delta);
				changed |= delta.signum() != 0;
			}
			if (!changed) {
				continue;
			}
			Map<String, String> row = new LinkedHashMap<>(key.getValue().columns());
			CLEARED.forEach((column) -> row.put(column, ""));
			difference.forEach((metric, delta) -> row.put(metric, CsvDialect.quantity(delta)));
			row.put("ChargeClass", "Correction");
			row.put("ChargeDescription", "Correction by a rerun: " + row.getOrDefault("ChargeDescription", ""));
			billed = billed.add(difference.getOrDefault("BilledCost", BigDecimal.ZERO));
			rows.add(FocusFile.HEADER.stream().map((column) -> row.getOrDefault(column, "")).toList());
		}
		CsvDialect.write(corrections, byteOrderMark, FocusFile.HEADER, (printer) -> {
			for (List<String> row : rows) {
				printer.printRecord(row);
			}
		});
		return new Summary(rows.size(), billed);
	}

	private static int compare(List<String> a, List<String> b) {
		for (int i = 0; i < a.size(); i++) {
			int order = a.get(i).compareTo(b.get(i));
			if (order != 0) {
				return order;
			}
		}
		return 0;
	}

	/**
	 * The FOCUS files of a folder, summed per charge; columns read by name (an older file may lack newer ones).
	 */
	private static Map<List<String>, Charge> charges(Path focusDir) throws IOException {
		Map<List<String>, Charge> charges = new LinkedHashMap<>();
		if (!Files.isDirectory(focusDir)) {
			return charges;
		}
		List<Path> files;
		try (Stream<Path> listing = Files.list(focusDir)) {
			files = listing.filter((file) -> file.getFileName().toString().endsWith(".csv")).sorted().toList();
		}
		for (Path file : files) {
			try (Reader reader = CsvDialect.reader(Files.newInputStream(file)); CSVParser parser = FORMAT.parse(reader)) {
				for (CSVRecord record : parser) {
					Map<String, String> columns = record.toMap();
					List<String> key = KEY.stream().map((column) -> columns.getOrDefault(column, "")).toList();
					charges.computeIfAbsent(key, (k) -> new Charge(columns, new LinkedHashMap<>())).add(columns);
				}
			}
		}
		return charges;
	}

	/**
	 * @param rowsWritten correction rows
	 * @param billedCost the sum of their {@code BilledCost}: the rerun's total billed cost minus the replaced run's
	 */
	public record Summary(long rowsWritten, BigDecimal billedCost) {
	}

	/**
	 * A charge's rows on one side: the first row's columns, and each metric summed (absent when every row's is null).
	 */
	private record Charge(Map<String, String> columns, Map<String, BigDecimal> sums) {

		void add(Map<String, String> row) {
			for (String metric : METRICS) {
				String value = row.getOrDefault(metric, "");
				if (!value.isEmpty()) {
					this.sums.merge(metric, new BigDecimal(value), BigDecimal::add);
				}
			}
		}

		@Nullable BigDecimal metric(String metric) {
			return this.sums.get(metric);
		}

	}

}

package org.hubchargeback.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The floor for a CSV job in Java: one thread parses every export of a generated installation with Commons CSV and
 * sums the quantity per (day, subscription, meter) in a HashMap. No validation, no tenants, no outputs.
 */
public final class PlainLoop {

	private static final DateTimeFormatter EN_US = DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US);

	private PlainLoop() {
	}

	public static void main(String[] args) throws IOException {
		Map<String, BigDecimal> sums = new HashMap<>();
		long rows = 0;
		List<Path> files;
		try (Stream<Path> walk = Files.walk(Path.of(args[0]))) {
			files = walk.filter((p) -> p.toString().endsWith(".csv") && p.getParent().getFileName().toString().equals("usage"))
				.sorted()
				.toList();
		}
		for (Path file : files) {
			try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
				var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader);
				boolean canonical = parser.getHeaderMap().containsKey("SubscriptionId");
				for (CSVRecord row : parser) {
					rows++;
					String start = row.get("UsageStartTime");
					String day = canonical ? start.substring(0, 10)
							: LocalDateTime.parse(start, EN_US).toLocalDate().toString();
					String key = day + "|" + row.get(canonical ? "SubscriptionId" : "subscription") + "|"
							+ row.get("MeterId");
					try {
						sums.merge(key, new BigDecimal(row.get("Quantity")), BigDecimal::add);
					}
					catch (NumberFormatException ex) {
						// a bad row: skipped here, rejected by the job
					}
				}
			}
		}
		System.out.println("plain loop: " + rows + " rows, " + sums.size() + " (day, subscription, meter) sums");
	}

}

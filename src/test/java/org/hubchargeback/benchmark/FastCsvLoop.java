package org.hubchargeback.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

/**
 * What reading costs on this machine: the {@link PlainLoop}'s GROUP BY with FastCSV, the columns found once per file,
 * each distinct timestamp string parsed once per file, and one thread per file on every core. No validation, no
 * tenants, no outputs.
 */
public final class FastCsvLoop {

	private static final DateTimeFormatter EN_US = DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US);

	private FastCsvLoop() {
	}

	public static void main(String[] args) throws IOException {
		List<Path> files;
		try (Stream<Path> walk = Files.walk(Path.of(args[0]))) {
			files = walk.filter((p) -> p.toString().endsWith(".csv") && p.getParent().getFileName().toString()
				.equals("usage")).sorted().toList();
		}
		Map<String, BigDecimal> sums = new ConcurrentHashMap<>();
		AtomicLong rows = new AtomicLong();
		files.parallelStream().forEach((file) -> {
			Map<String, BigDecimal> local = new HashMap<>();
			Map<String, String> days = new HashMap<>();
			try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(file, StandardCharsets.UTF_8)) {
				int start = -1;
				int subscription = -1;
				int meter = -1;
				int quantity = -1;
				boolean canonical = false;
				long read = 0;
				for (CsvRecord row : reader) {
					if (start < 0) {
						List<String> header = row.getFields();
						canonical = header.contains("SubscriptionId");
						start = header.indexOf("UsageStartTime");
						subscription = header.indexOf(canonical ? "SubscriptionId" : "subscription");
						meter = header.indexOf("MeterId");
						quantity = header.indexOf("Quantity");
						continue;
					}
					read++;
					boolean iso = canonical;
					String day = days.computeIfAbsent(row.getField(start), (s) -> iso ? s.substring(0, 10)
							: LocalDateTime.parse(s, EN_US).toLocalDate().toString());
					String key = day + "|" + row.getField(subscription) + "|" + row.getField(meter);
					try {
						local.merge(key, new BigDecimal(row.getField(quantity)), BigDecimal::add);
					}
					catch (NumberFormatException ex) {
						// a bad row: skipped here, rejected by the job
					}
				}
				rows.addAndGet(read);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			local.forEach((key, sum) -> sums.merge(key, sum, BigDecimal::add));
		});
		System.out.println("fastcsv loop: " + rows + " rows, " + sums.size() + " (day, subscription, meter) sums");
	}

}

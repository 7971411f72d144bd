package org.hubchargeback.reconcile;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.hubchargeback.csv.CsvDialect;
import org.hubchargeback.usage.Guids;
import org.jspecify.annotations.Nullable;

/**
 * Reads Partner Center's daily rated usage reconciliation files as finance downloads them: CSV, UTF-8 with or without
 * a byte-order mark, columns found by name (case-insensitive), the documented names or the older PowerShell model's
 * ({@code UnitOfMeasure}, {@code ResellerMpnId}). Only Azure Stack Hub lines are kept: {@code MeterCategory} "Azure
 * Stack Hub" (or "Azure Stack"), or an {@code AdditionalInfo} with {@code azureStack.*} keys. A row that cannot be
 * read is a problem naming file, line and column, never a silent skip.
 */
public final class PartnerCenterFiles {

	static final String USAGE_DATE = "UsageDate";

	static final String ENTITLEMENT_ID = "EntitlementId";

	static final String QUANTITY = "Quantity";

	static final String METER_ID = "MeterId";

	static final String METER_NAME = "MeterName";

	static final String METER_CATEGORY = "MeterCategory";

	static final String ADDITIONAL_INFO = "AdditionalInfo";

	static final String BILLING_PRE_TAX_TOTAL = "BillingPreTaxTotal";

	static final String BILLING_CURRENCY = "BillingCurrency";

	private static final List<String> REQUIRED = List.of(USAGE_DATE, ENTITLEMENT_ID, QUANTITY, ADDITIONAL_INFO);

	// AdditionalInfo is JSON in the file, a PowerShell hashtable (@{azureStack.MeterId=...}) in older exports
	private static final Pattern HUB_SUBSCRIPTION = additional("SubscriptionId");

	private static final Pattern HUB_METER = additional("MeterId");

	private static final Pattern AZURE_STACK = Pattern.compile("azureStack\\.", Pattern.CASE_INSENSITIVE);

	private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("M/d/yyyy", Locale.ROOT);

	private PartnerCenterFiles() {
	}

	private static Pattern additional(String key) {
		return Pattern.compile("azureStack\\." + key + "\"?\\s*[:=]\\s*\"?([0-9A-Fa-f-]{36})",
				Pattern.CASE_INSENSITIVE);
	}

	/**
	 * @param dir the folder of the files, directly or in a subfolder per billing period
	 * @param localMeter whether a {@code MeterId} is one of the hub's meters (the fallback when {@code AdditionalInfo}
	 * has no {@code azureStack.MeterId})
	 * @return the Azure Stack Hub lines of usage days {@code from..to}
	 */
	public static Billing read(Path dir, LocalDate from, LocalDate to, Predicate<String> localMeter)
			throws IOException {
		List<Path> files;
		try (Stream<Path> tree = Files.walk(dir, 2)) {
			files = tree.filter(Files::isRegularFile)
				.filter((file) -> file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv"))
				.sorted()
				.toList();
		}
		List<BilledUsage> lines = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		LocalDate lastDay = null;
		for (Path file : files) {
			LocalDate last = readFile(file, from, to, localMeter, lines, problems);
			if (last != null && (lastDay == null || last.isAfter(lastDay))) {
				lastDay = last;
			}
		}
		return new Billing(lines, problems, files.size(), lastDay);
	}

	/**
	 * @return the file's last usage day of an Azure Stack Hub line, in the range or not, or null
	 */
	private static @Nullable LocalDate readFile(Path file, LocalDate from, LocalDate to,
			Predicate<String> localMeter, List<BilledUsage> lines, List<String> problems) throws IOException {
		CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
		try (Reader reader = CsvDialect.reader(Files.newInputStream(file)); CSVParser parser = format.parse(reader)) {
			Map<String, Integer> columns = columns(parser.getHeaderNames());
			LocalDate lastDay = null;
			for (String required : REQUIRED) {
				if (!columns.containsKey(required)) {
					problems.add(file + ": no " + required + " column: not a daily rated usage"
							+ " reconciliation file (the file was skipped)");
					return null;
				}
			}
			for (CSVRecord row : parser) {
				long line = parser.getCurrentLineNumber();
				if (row.size() != parser.getHeaderNames().size()) {
					problems.add(file + ":" + line + ": " + row.size() + " fields, the header has "
							+ parser.getHeaderNames().size());
					continue;
				}
				Fields fields = new Fields(row, columns);
				String additional = fields.get(ADDITIONAL_INFO);
				String category = fields.get(METER_CATEGORY);
				if (!category.toLowerCase(Locale.ROOT).startsWith("azure stack")
						&& !AZURE_STACK.matcher(additional).find()) {
					continue;
				}
				try {
					LocalDate day = date(fields.get(USAGE_DATE));
					if (lastDay == null || day.isAfter(lastDay)) {
						lastDay = day;
					}
					if (day.isBefore(from) || day.isAfter(to)) {
						continue;
					}
					lines.add(line(fields, day, additional, localMeter));
				}
				catch (BadValue ex) {
					problems.add(file + ":" + line + ": " + ex.column + ": " + ex.getMessage());
				}
			}
			return lastDay;
		}
	}

	private static BilledUsage line(Fields fields, LocalDate day, String additional, Predicate<String> localMeter) {
		String subscription = fields.get(ENTITLEMENT_ID).strip();
		if (!Guids.isGuid(subscription)) {
			throw new BadValue(ENTITLEMENT_ID, "'" + subscription + "' is not an Azure subscription ID");
		}
		String meterId = found(HUB_METER, additional);
		String partnerMeter = fields.get(METER_ID).strip();
		if (meterId == null && Guids.isGuid(partnerMeter) && localMeter.test(Guids.normalize(partnerMeter))) {
			meterId = Guids.normalize(partnerMeter);
		}
		String preTax = fields.get(BILLING_PRE_TAX_TOTAL).strip();
		return new BilledUsage(day, subscription, found(HUB_SUBSCRIPTION, additional), meterId,
				fields.get(METER_NAME).strip(), decimal(QUANTITY, fields.get(QUANTITY)),
				preTax.isEmpty() ? null : decimal(BILLING_PRE_TAX_TOTAL, preTax),
				fields.get(BILLING_CURRENCY).strip().toUpperCase(Locale.ROOT));
	}

	private static @Nullable String found(Pattern key, String additional) {
		Matcher matcher = key.matcher(additional);
		return (matcher.find() && Guids.isGuid(matcher.group(1))) ? Guids.normalize(matcher.group(1)) : null;
	}

	/**
	 * {@code 2026-11-16}, {@code 2026-11-16T00:00:00Z} (the API's form), or {@code 11/16/2026 12:00:00 AM} (the
	 * portal's, en-US).
	 */
	static LocalDate date(String text) {
		String value = text.strip();
		try {
			if (value.contains("/")) {
				int space = value.indexOf(' ');
				return LocalDate.parse((space < 0) ? value : value.substring(0, space), US_DATE);
			}
			return LocalDate.parse((value.length() > 10) ? value.substring(0, 10) : value);
		}
		catch (DateTimeParseException ex) {
			throw new BadValue(USAGE_DATE, "'" + text + "' is not a date (yyyy-MM-dd or M/d/yyyy)");
		}
	}

	private static BigDecimal decimal(String column, String text) {
		try {
			return new BigDecimal(text.strip());
		}
		catch (NumberFormatException ex) {
			throw new BadValue(column, "'" + text + "' is not a decimal number");
		}
	}

	/**
	 * The columns reconciliation reads, by their documented name in any case. The older PowerShell model
	 * ({@code PSDailyRatedUsageLineItem}) names these the same; it differs only in columns not read here
	 * ({@code UnitOfMeasure}, {@code ResellerMpnId}).
	 */
	static Map<String, Integer> columns(List<String> header) {
		Map<String, String> documented = new HashMap<>();
		for (String name : List.of(USAGE_DATE, ENTITLEMENT_ID, QUANTITY, METER_ID, METER_NAME, METER_CATEGORY,
				ADDITIONAL_INFO, BILLING_PRE_TAX_TOTAL, BILLING_CURRENCY)) {
			documented.put(name.toLowerCase(Locale.ROOT), name);
		}
		Map<String, Integer> columns = new HashMap<>();
		for (int i = 0; i < header.size(); i++) {
			String name = header.get(i).strip().toLowerCase(Locale.ROOT);
			String known = documented.get(name);
			if (known != null) {
				columns.putIfAbsent(known, i);
			}
		}
		return columns;
	}

	/**
	 * What the files hold of the range.
	 *
	 * @param problems rows and files that could not be read, each naming file, line and column
	 * @param files how many files were read
	 * @param lastDay the last usage day of an Azure Stack Hub line in any file (in the range or not), or null when
	 * the files hold none: Microsoft has billed no later day yet
	 */
	public record Billing(List<BilledUsage> lines, List<String> problems, int files, @Nullable LocalDate lastDay) {
	}

	private record Fields(CSVRecord row, Map<String, Integer> columns) {

		String get(String column) {
			Integer index = this.columns.get(column);
			return (index != null) ? this.row.get(index) : "";
		}

	}

	private static final class BadValue extends RuntimeException {

		private final String column;

		BadValue(String column, String message) {
			super(message);
			this.column = column;
		}

	}

}

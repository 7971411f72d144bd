package org.hubchargeback.benchmark;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

/**
 * Writes a deterministic installation of any size for benchmarks: hubs with registrations and user subscriptions,
 * and hourly usage exports (one Usagesummary.ps1 file and one canonical file per hub and day), with chosen shares of
 * bad, duplicated and out-of-range rows, plus the configuration to run them. Large data is generated, never
 * committed.
 *
 * <pre>
 * java -cp ... org.hubchargeback.benchmark.UsageDataGenerator OUT_DIR ROWS [seed=1 hubs=3 tenants=200 days=30
 *     meters=12 bad=0.001 duplicates=0.001 outOfRange=0.001 shape=mixed]
 * </pre>
 *
 * {@code shape=quoted}: instead, one large Usagesummary.ps1 file per hub holding all its days, every field quoted
 * (empty ones too), as {@code Export-Csv} writes it; the shape of the issue 19 figures.
 */
public final class UsageDataGenerator {

	static final List<String> METERS = List.of("FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5",
			"9CD92D4C-BAFD-4492-B278-BEDC2DE8232A", "F271A8A388C44D93956A063E1D2FA80B",
			"9E2739BA86744796B465F64674B822BA", "09F8879E-87E9-4305-A572-4B7BE209F857",
			"B5C15376-6C94-4FDD-B655-1A69D138ACA3", "43DAF82B-4618-444A-B994-40C23F7CD438",
			"3023FEF4-ECA5-4D7B-87B3-CFBC061931E8", "CBCFEF9A-B91F-4597-A4D3-01FE334BED82",
			"E6D8CFCD-7734-495E-B1CC-5AB0B9C24BD3", "EBF13B9F-B3EA-46FE-BF54-396E93D48AB4",
			"5887D39B-0253-4E12-83C7-03E1A93DFFD9");

	static final String SUMMARY_HEADER = "\"UsageStartTime\",\"UsageEndTime\",\"MeterName\",\"Quantity\","
			+ "\"resourceType\",\"location\",\"resourceGroup\",\"resourceName\",\"subowner\",\"tags\",\"MeterId\","
			+ "\"additionalInfo\",\"subscription\",\"resourceUri\"";

	static final String CANONICAL_HEADER = "UsageStartTime,UsageEndTime,SubscriptionId,TenantId,MeterId,Quantity,"
			+ "ResourceUri,Location";

	private static final DateTimeFormatter EN_US = DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US);

	/**
	 * @param rows total usage rows over all hubs, days and files
	 * @param bad share of rows with a fault (negative quantity, bad date, no meter)
	 * @param duplicates share of rows repeated from earlier in the same file
	 * @param outOfRange share of rows dated the day after the range
	 */
	public record Settings(long rows, long seed, int hubs, int tenants, int days, int meters, double bad,
			double duplicates, double outOfRange, LocalDate firstDay, boolean quoted) {

		public LocalDate lastDay() {
			return this.firstDay.plusDays(this.days - 1L);
		}

	}

	public static void main(String[] args) throws IOException {
		if (args.length < 2) {
			System.err.println("usage: UsageDataGenerator OUT_DIR ROWS [seed=1 hubs=3 tenants=200 days=30 meters=12"
					+ " bad=0.001 duplicates=0.001 outOfRange=0.001]");
			System.exit(2);
		}
		java.util.Map<String, String> options = new java.util.HashMap<>();
		for (int i = 2; i < args.length; i++) {
			String[] pair = args[i].split("=", 2);
			options.put(pair[0], pair[1]);
		}
		Settings settings = new Settings(Long.parseLong(args[1].replace("_", "")),
				Long.parseLong(options.getOrDefault("seed", "1")), Integer.parseInt(options.getOrDefault("hubs", "3")),
				Integer.parseInt(options.getOrDefault("tenants", "200")),
				Integer.parseInt(options.getOrDefault("days", "30")),
				Integer.parseInt(options.getOrDefault("meters", "12")),
				Double.parseDouble(options.getOrDefault("bad", "0.001")),
				Double.parseDouble(options.getOrDefault("duplicates", "0.001")),
				Double.parseDouble(options.getOrDefault("outOfRange", "0.001")), LocalDate.of(2026, 10, 1),
				"quoted".equals(options.getOrDefault("shape", "mixed")));
		Path out = Path.of(args[0]);
		long written = generate(out, settings);
		System.out.println("wrote " + written + " rows under " + out.toAbsolutePath() + "; run: --spring.config."
				+ "additional-location=file:" + out.resolve("hub-chargeback.yml") + " --from=" + settings.firstDay()
				+ " --to=" + settings.lastDay());
	}

	/**
	 * @return rows written
	 */
	public static long generate(Path out, Settings settings) throws IOException {
		Random random = new Random(settings.seed());
		StringBuilder config = new StringBuilder("hub-chargeback:\n  hubs:\n");
		long perHubDay = Math.max(1, settings.rows() / ((long) settings.hubs() * settings.days()));
		long written = 0;
		for (int h = 0; h < settings.hubs(); h++) {
			String hub = "hub-" + (char) ('a' + h);
			Path dir = Files.createDirectories(out.resolve(hub));
			Files.createDirectories(dir.resolve("usage"));
			String defaultSubscription = uuid(random);
			List<String> tenants = new ArrayList<>();
			List<String> subscriptions = new ArrayList<>();
			StringBuilder registration = new StringBuilder("{\"value\":[");
			StringBuilder users = new StringBuilder("{\"value\":[");
			for (int t = 0; t < settings.tenants(); t++) {
				String tenant = uuid(random);
				String subscription = uuid(random);
				tenants.add(tenant);
				subscriptions.add(subscription);
				users.append((t > 0) ? "," : "")
					.append("{\"subscriptionId\":\"")
					.append(subscription)
					.append("\",\"tenantId\":\"")
					.append(tenant)
					.append("\",\"owner\":\"admin@t")
					.append(t)
					.append(".onmicrosoft.com\",\"state\":\"Enabled\"}");
				// four tenants in five are registered; the rest fall to the default subscription
				if (t % 5 != 4) {
					String customer = uuid(random).toUpperCase(Locale.ROOT);
					registration.append((registration.length() > 10) ? "," : "")
						.append("{\"name\":\"reg/")
						.append(customer)
						.append("\",\"properties\":{\"tenantId\":\"")
						.append(tenant)
						.append("\"}}");
				}
			}
			Files.writeString(dir.resolve("customer-subscriptions.json"), registration.append("]}"));
			Files.writeString(dir.resolve("user-subscriptions.json"), users.append("]}"));
			config.append("    - name: ").append(hub).append('\n')
				.append("      default-subscription-id: ").append(defaultSubscription).append('\n')
				.append("      registration-file: ").append(dir.resolve("customer-subscriptions.json").toAbsolutePath()).append('\n')
				.append("      user-subscriptions-file: ").append(dir.resolve("user-subscriptions.json").toAbsolutePath()).append('\n')
				.append("      input-dirs: [").append(dir.resolve("usage").toAbsolutePath()).append("]\n")
				.append("      culture: en-US\n");
			for (int d = 0; d < settings.days(); d++) {
				LocalDate day = settings.firstDay().plusDays(d);
				written += day(dir.resolve("usage"), day, perHubDay, subscriptions, tenants, settings, random);
			}
		}
		Files.writeString(out.resolve("hub-chargeback.yml"), config);
		return written;
	}

	/**
	 * One day of a hub: half the rows in a Usagesummary.ps1 file, half in a canonical file. A day's rows are hours of
	 * resource meters, as a hub reports them: {@code rows / 24} (resource, meter) pairs, each once an hour, the same pairs
	 * every day; so a chargeback row sums about 24 usage rows.
	 */
	private static long day(Path usage, LocalDate day, long rows, List<String> subscriptions, List<String> tenants,
			Settings settings, Random random) throws IOException {
		long pairs = Math.max(1, (rows + 23) / 24);
		int meters = Math.min(settings.meters(), METERS.size());
		long written = 0;
		for (boolean canonical : settings.quoted() ? new boolean[] { false } : new boolean[] { false, true }) {
			Path file = usage.resolve(settings.quoted() ? "UsageSummary.csv"
					: (canonical ? "usage-" : "UsageSummary-") + day + ".csv");
			long first = canonical ? rows / 2 : 0;
			long end = (canonical || settings.quoted()) ? rows : rows / 2;
			boolean header = !Files.exists(file);
			try (Writer writer = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
					StandardOpenOption.CREATE, StandardOpenOption.APPEND), 1 << 16)) {
				if (header) {
					writer.write(canonical ? CANONICAL_HEADER : SUMMARY_HEADER);
					writer.write(canonical ? "\n" : "\r\n");
				}
				Function<String, String> quote = settings.quoted() ? UsageDataGenerator::quoteAll
						: UsageDataGenerator::quote;
				String previous = null;
				for (long i = first; i < end; i++) {
					String line;
					double dice = random.nextDouble();
					if (previous != null && dice < settings.duplicates()) {
						line = previous;
					}
					else {
						long pair = i % pairs;
						long resource = pair / meters;
						int t = (int) ((resource * 7919) % subscriptions.size());
						String meter = METERS.get((int) (pair % meters));
						LocalDate date = (dice < settings.duplicates() + settings.outOfRange())
								? settings.lastDay().plusDays(1) : day;
						LocalDateTime start = date.atStartOfDay().plusHours((i / pairs) % 24);
						BigDecimal quantity = BigDecimal.valueOf(random.nextInt(100_000), random.nextInt(4));
						String sub = subscriptions.get(t);
						String uri = "/subscriptions/" + sub + "/resourceGroups/rg" + (resource % 7)
								+ "/providers/Microsoft.Compute/virtualMachines/vm" + resource;
						boolean bad = dice > 1 - settings.bad();
						String q = bad ? "-" + quantity.toPlainString() : quantity.toPlainString();
						line = canonical
								? String.join(",", start + ":00Z", start.plusHours(1) + ":00Z", sub, tenants.get(t),
										meter, q, uri, "local")
								: String.join(",", quote.apply(EN_US.format(start)),
										quote.apply(EN_US.format(start.plusHours(1))), quote.apply(""), quote.apply(q),
										quote.apply("virtualMachines"), quote.apply("local"),
										quote.apply("rg" + (resource % 7)), quote.apply("vm" + resource),
										quote.apply("admin@contoso"), quote.apply(""), quote.apply(meter),
										quote.apply(""), quote.apply(sub), quote.apply(uri));
						previous = line;
					}
					writer.write(line);
					writer.write(canonical ? "\n" : "\r\n");
					written++;
				}
			}
		}
		return written;
	}

	private static String quote(String value) {
		return value.isEmpty() ? "" : "\"" + value + "\"";
	}

	private static String quoteAll(String value) {
		return "\"" + value + "\"";
	}

	private static String uuid(Random random) {
		return new UUID(random.nextLong(), random.nextLong()).toString();
	}

}

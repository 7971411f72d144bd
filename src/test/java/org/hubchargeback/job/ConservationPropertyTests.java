package org.hubchargeback.job;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.hubchargeback.Workspace;
import org.hubchargeback.Workspace.Result;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hubchargeback.Workspace.csv;

/**
 * Random exports (valid, duplicated, re-exported in another PowerShell's formatting, tag changes, out of range, bad)
 * against an independent count kept while generating them: the control totals, the quantity charged per meter over
 * all chargeback files, and the rejected rows must agree.
 */
class ConservationPropertyTests {

	static final String DEFAULT = "11111111-1111-4111-8111-111111111111";

	static final String REGISTERED_TENANT = "aaaaaaaa-0000-4000-8000-000000000001";

	static final String UNREGISTERED_TENANT = "aaaaaaaa-0000-4000-8000-000000000002";

	static final String CSP = "c1c1c1c1-0000-4000-8000-00000000c0c1";

	// a registered tenant's, an unregistered tenant's, and a subscription nobody knows
	static final List<String> SUBSCRIPTIONS = List.of("5e000000-0000-4000-8000-000000000001",
			"5e000000-0000-4000-8000-000000000002", "5e000000-0000-4000-8000-0000000000ff");

	static final List<String> METERS = List.of("FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5",
			"f271a8a388c44d93956a063e1d2fa80b", "09F8879E-87E9-4305-A572-4B7BE209F857",
			"0d5f13a1-7c55-4e2b-9a11-3f00c0ffee01");

	static final String HEADER = "UsageStartTime,UsageEndTime,SubscriptionId,MeterId,Quantity,ResourceUri,Tags\n";

	@TempDir
	Path dir;

	@ParameterizedTest
	@ValueSource(longs = { 1, 2, 3, 20261123 })
	void everyRecordIsAccountedForAndEveryQuantityCharged(long seed) throws IOException {
		// given random exports over two files, with the expected outcome of each row counted as it is made
		Random random = new Random(seed);
		Workspace workspace = new Workspace(this.dir).hub("east", DEFAULT, "en-US", Map.of(REGISTERED_TENANT, CSP),
				Map.of(SUBSCRIPTIONS.get(0), REGISTERED_TENANT, SUBSCRIPTIONS.get(1), UNREGISTERED_TENANT));
		Expected expected = new Expected();
		List<Record> valid = new ArrayList<>();
		for (String file : List.of("a.csv", "b.csv")) {
			StringBuilder rows = new StringBuilder(HEADER);
			int count = 50 + random.nextInt(150);
			for (int i = 0; i < count; i++) {
				rows.append(row(random, expected, valid));
			}
			workspace.write("east/usage/" + file, rows.toString());
		}

		// when
		Result result = workspace.run("--from=2026-11-16", "--to=2026-11-17");

		// then
		assertThat(expected.reExports).as("re-exports in the other PowerShell's formatting").isPositive();
		assertThat(expected.tagChanges).as("tag changes").isPositive();
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		Path range = workspace.range("2026-11-16", "2026-11-17");
		JsonNode totals = Workspace.json(range.resolve("manifest.json")).path("controlTotals");
		assertThat(totals.path("inputRecords").asLong()).isEqualTo(expected.input);
		assertThat(totals.path("chargedRecords").asLong()).isEqualTo(expected.registered);
		assertThat(totals.path("defaultRecords").asLong()).isEqualTo(expected.defaulted);
		assertThat(totals.path("rejectedRecords").asLong()).isEqualTo(expected.rejected);
		assertThat(totals.path("duplicateRecords").asLong()).isEqualTo(expected.duplicates);
		assertThat(totals.path("outOfRangeRecords").asLong()).isEqualTo(expected.outOfRange);
		assertThat(csv(range.resolve("rejected-records.csv"))).hasSize((int) expected.rejected);
		Map<String, BigDecimal> expectedPerMeter = new TreeMap<>(expected.chargedPerMeter);
		expectedPerMeter.replaceAll((meter, sum) -> sum.stripTrailingZeros());
		assertThat(chargedPerMeter(range.resolve("chargeback"))).isEqualTo(expectedPerMeter);
	}

	/**
	 * One row: 10% a repeat of an earlier valid record (exactly, or re-exported in the other PowerShell's
	 * formatting), 5% a tag change of an earlier valid record (another record, charged too), 15% dated outside the
	 * range, 15% bad, the rest a new valid record.
	 */
	static String row(Random random, Expected expected, List<Record> valid) {
		expected.input++;
		int kind = random.nextInt(100);
		if (kind < 10 && !valid.isEmpty()) {
			expected.duplicates++;
			Record repeated = valid.get(random.nextInt(valid.size()));
			boolean otherPowerShell = random.nextBoolean();
			expected.reExports += otherPowerShell ? 1 : 0;
			return repeated.line(repeated.windowsPowerShell() ^ otherPowerShell);
		}
		if (kind < 15 && !valid.isEmpty()) {
			// the same resource, meter and hour with other tags: the API's second record, at any quantity
			Record before = valid.get(random.nextInt(valid.size()));
			List<String[]> tags = new ArrayList<>(before.tags());
			tags.add(new String[] { "Change" + expected.input, "yes" });
			BigDecimal quantity = random.nextBoolean() ? before.charged() : quantity(random);
			expected.tagChanges++;
			return charged(expected, valid, new Record(before.day(), before.hour(), before.subscription(),
					before.meter(), quantity, before.resource(), tags, random.nextBoolean()));
		}
		int subscription = random.nextInt(SUBSCRIPTIONS.size());
		String meter = METERS.get(random.nextInt(METERS.size()));
		// a fresh resource per row keeps every valid record distinct
		String resource = "/subscriptions/" + SUBSCRIPTIONS.get(subscription) + "/vm" + expected.input;
		int day = 16 + random.nextInt(2);
		if (kind < 25) {
			expected.outOfRange++;
			day = (random.nextBoolean()) ? 15 : 18;
		}
		// an hour's bucket: usage is reported per hour or day (a longer bucket fails the run as a wrong culture)
		int hour = random.nextInt(23);
		List<String[]> tags = new ArrayList<>();
		if (random.nextBoolean()) {
			tags.add(new String[] { "Department", random.nextBoolean() ? "Sales" : "IT" });
			tags.add(new String[] { "CostCenter", Integer.toString(4000 + random.nextInt(1000)) });
		}
		Record record = new Record(day, hour, subscription, meter, quantity(random), resource, tags,
				random.nextBoolean());
		if (kind >= 85) {
			expected.rejected++;
			String line = record.line(false);
			String quantity = record.quantityText(false);
			return switch (random.nextInt(4)) {
				case 0 -> line.replace("," + quantity + ",", ",-" + quantity + "1,");
				case 1 -> line.replace("2026-11-", "2026-13-");
				case 2 -> line.replace("," + meter + ",", ",,");
				default -> line.replace(resource, resource + ",extra");
			};
		}
		if (kind >= 25) {
			return charged(expected, valid, record);
		}
		return record.line(record.windowsPowerShell());
	}

	private static String charged(Expected expected, List<Record> valid, Record record) {
		if (record.subscription() == 0) {
			expected.registered++;
		}
		else {
			expected.defaulted++;
		}
		expected.chargedPerMeter.merge(record.meter().replace("-", "").toLowerCase(), record.charged(),
				BigDecimal::add);
		valid.add(record);
		return record.line(record.windowsPowerShell());
	}

	/**
	 * A decimal, or a double at the up to 17 digits PowerShell 7 writes (its first export's text is charged).
	 */
	private static BigDecimal quantity(Random random) {
		if (random.nextInt(3) == 0) {
			return new BigDecimal(Double.toString(1 + random.nextDouble() * 1000));
		}
		return BigDecimal.valueOf(random.nextInt(1_000_000), random.nextInt(7));
	}

	/**
	 * A valid record as PowerShell 7 or Windows PowerShell 5.1 exports it, in the canonical layout with tags.
	 *
	 * @param quantity the quantity at full precision: PowerShell 7 writes it so, 5.1 rounded to 15 digits
	 * @param tags keys and values in the order of the first export
	 * @param windowsPowerShell which one exported the record first
	 */
	record Record(int day, int hour, int subscription, String meter, BigDecimal quantity, String resource,
			List<String[]> tags, boolean windowsPowerShell) {

		private static final MathContext FIFTEEN_DIGITS = new MathContext(15, RoundingMode.HALF_EVEN);

		/** What the first export wrote, which is charged. */
		BigDecimal charged() {
			return new BigDecimal(quantityText(this.windowsPowerShell));
		}

		/**
		 * PowerShell 7: fields quoted only where CSV needs it, tags as JSON (numbers unquoted), full precision;
		 * Windows PowerShell 5.1: every field quoted, tags as {@code @{k=v; k2=v2}} in reverse order, 15 digits.
		 */
		String line(boolean windowsPowerShell) {
			String start = String.format("2026-11-%02dT%02d:00:00Z", this.day, this.hour);
			String end = String.format("2026-11-%02dT%02d:00:00Z", this.day, this.hour + 1);
			List<String> fields = List.of(start, end, SUBSCRIPTIONS.get(this.subscription), this.meter,
					quantityText(windowsPowerShell), this.resource, tagsText(windowsPowerShell));
			if (windowsPowerShell) {
				return fields.stream()
					.map((f) -> "\"" + f.replace("\"", "\"\"") + "\"")
					.collect(Collectors.joining(",")) + "\r\n";
			}
			return fields.stream()
				.map((f) -> f.contains("\"") || f.contains(",") ? "\"" + f.replace("\"", "\"\"") + "\"" : f)
				.collect(Collectors.joining(",")) + "\n";
		}

		private String quantityText(boolean windowsPowerShell) {
			BigDecimal q = windowsPowerShell ? this.quantity.round(FIFTEEN_DIGITS) : this.quantity;
			return q.stripTrailingZeros().toPlainString();
		}

		private String tagsText(boolean windowsPowerShell) {
			if (this.tags.isEmpty()) {
				return "";
			}
			if (windowsPowerShell) {
				List<String> entries = new ArrayList<>(this.tags.stream().map((t) -> t[0] + "=" + t[1]).toList());
				Collections.reverse(entries);
				return "@{" + String.join("; ", entries) + "}";
			}
			return this.tags.stream()
				.map((t) -> "\"" + t[0] + "\":" + (t[1].matches("[0-9]+") ? t[1] : "\"" + t[1] + "\""))
				.collect(Collectors.joining(",", "{", "}"));
		}

	}

	static Map<String, BigDecimal> chargedPerMeter(Path chargebackDir) throws IOException {
		Map<String, BigDecimal> sums = new TreeMap<>();
		try (Stream<Path> files = Files.list(chargebackDir)) {
			for (Path file : files.toList()) {
				for (Map<String, String> row : csv(file)) {
					sums.merge(row.get("MeterId").replace("-", ""), new BigDecimal(row.get("Quantity")), BigDecimal::add);
				}
			}
		}
		sums.replaceAll((meter, sum) -> sum.stripTrailingZeros());
		return sums;
	}

	static final class Expected {

		long input;

		long registered;

		long defaulted;

		long rejected;

		long duplicates;

		long outOfRange;

		long reExports;

		long tagChanges;

		final Map<String, BigDecimal> chargedPerMeter = new TreeMap<>();

	}

}

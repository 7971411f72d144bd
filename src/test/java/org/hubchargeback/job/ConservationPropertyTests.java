package org.hubchargeback.job;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
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
 * Random exports (valid, duplicated, out of range, bad) against an independent count kept while generating them:
 * the control totals, the quantity charged per meter over all chargeback files, and the rejected rows must agree.
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

	static final String HEADER = "UsageStartTime,UsageEndTime,SubscriptionId,MeterId,Quantity,ResourceUri\n";

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
		List<String> valid = new ArrayList<>();
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
	 * One row: 60% a new valid record, 10% a copy of an earlier valid one, 15% dated outside the range, 15% bad.
	 */
	static String row(Random random, Expected expected, List<String> valid) {
		expected.input++;
		int kind = random.nextInt(100);
		if (kind < 10 && !valid.isEmpty()) {
			expected.duplicates++;
			return valid.get(random.nextInt(valid.size()));
		}
		int subscription = random.nextInt(SUBSCRIPTIONS.size());
		String meter = METERS.get(random.nextInt(METERS.size()));
		BigDecimal quantity = BigDecimal.valueOf(random.nextInt(1_000_000), random.nextInt(7));
		// a fresh resource per row keeps every valid record distinct
		String resource = "/subscriptions/" + SUBSCRIPTIONS.get(subscription) + "/vm" + expected.input;
		int day = 16 + random.nextInt(2);
		if (kind < 25) {
			expected.outOfRange++;
			day = (random.nextBoolean()) ? 15 : 18;
		}
		// an hour's bucket: usage is reported per hour or day (a longer bucket fails the run as a wrong culture)
		int hour = random.nextInt(23);
		String line = String.format("2026-11-%02dT%02d:00:00Z,2026-11-%02dT%02d:00:00Z,%s,%s,%s,%s%n", day, hour, day,
				hour + 1, SUBSCRIPTIONS.get(subscription), meter, quantity.toPlainString(), resource);
		if (kind >= 85) {
			expected.rejected++;
			return switch (random.nextInt(4)) {
				case 0 -> line.replace("," + quantity.toPlainString() + ",", ",-" + quantity.toPlainString() + "1,");
				case 1 -> line.replace("2026-11-", "2026-13-");
				case 2 -> line.replace("," + meter + ",", ",,");
				default -> line.replace(resource, resource + ",extra");
			};
		}
		if (kind >= 25) {
			if (subscription == 0) {
				expected.registered++;
			}
			else {
				expected.defaulted++;
			}
			expected.chargedPerMeter.merge(meter.replace("-", "").toLowerCase(), quantity, BigDecimal::add);
			valid.add(line);
		}
		return line;
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

		final Map<String, BigDecimal> chargedPerMeter = new TreeMap<>();

	}

}

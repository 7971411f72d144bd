package org.hubchargeback.ledger;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.hubchargeback.Workspace;
import org.hubchargeback.Workspace.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hubchargeback.Workspace.csv;

/**
 * The ledger across nights: exports are written per reported day, as Usagesummary.ps1 asks the usage API, so usage
 * arrives late (in the export of a later night) and some records are exported again. Whatever the nights, reruns and
 * late arrivals, the published folders together charge every distinct record of their days exactly once.
 */
class LedgerFunctionalTests {

	static final String DEFAULT = "11111111-1111-4111-8111-111111111111";

	static final String TENANT = "aaaaaaaa-0000-4000-8000-000000000001";

	static final String CSP = "c1c1c1c1-0000-4000-8000-00000000c0c1";

	static final List<String> SUBSCRIPTIONS = List.of("5e000000-0000-4000-8000-000000000001",
			"5e000000-0000-4000-8000-000000000002");

	static final List<String> METERS = List.of("FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5",
			"09F8879E-87E9-4305-A572-4B7BE209F857");

	static final String HEADER = "UsageStartTime,UsageEndTime,SubscriptionId,MeterId,Quantity,ResourceUri\n";

	static final LocalDate FIRST_NIGHT = LocalDate.parse("2026-11-10");

	@TempDir
	Path dir;

	Workspace workspace;

	@BeforeEach
	void hub() {
		this.workspace = new Workspace(this.dir).hub("east", DEFAULT, "en-US", Map.of(TENANT, CSP),
				Map.of(SUBSCRIPTIONS.get(0), TENANT, SUBSCRIPTIONS.get(1),
						"aaaaaaaa-0000-4000-8000-0000000000ff"));
	}

	@ParameterizedTest
	@ValueSource(longs = { 1, 20261130 })
	void everyRecordOfThePublishedDaysIsChargedOnceWhateverTheNightsAndReruns(long seed) throws IOException {
		// given eight nights of exports by reported day, 6% of usage reported a night or two late, 1% exported again
		Exports exports = new Exports(new Random(seed));
		for (int night = 0; night < 8; night++) {
			LocalDate reported = FIRST_NIGHT.plusDays(night);
			this.workspace.write("east/usage/" + reported + ".csv", exports.night(reported));

			// when the nightly run goes at 07:00 the next morning
			Result result = this.workspace.run("--nightly", "--as-of=" + reported.plusDays(1) + "T07:00:00Z");
			assertThat(result.exitCode()).as(result.stderr()).isZero();

			if (night == 4) {
				// and an operator reruns an earlier night, after later nights charged some of its late usage
				Result rerun = this.workspace.run("--from=" + FIRST_NIGHT.plusDays(2), "--to=" + FIRST_NIGHT.plusDays(2));
				assertThat(rerun.exitCode()).as(rerun.stderr()).isZero();
				// and a range over two published nights is refused rather than charging them a second time
				Result overlap = this.workspace.run("--from=" + FIRST_NIGHT.plusDays(1),
						"--to=" + FIRST_NIGHT.plusDays(2));
				assertThat(overlap.exitCode()).isEqualTo(2);
			}
		}

		// then the published folders charge every distinct record of the days they charge, once
		Map<String, BigDecimal> charged = chargedPerDayAndMeter();
		assertThat(charged).isEqualTo(exports.expectedPerDayAndMeter(FIRST_NIGHT, FIRST_NIGHT.plusDays(7)));
		assertThat(chargedRecords()).isEqualTo(exports.distinctRecords(FIRST_NIGHT, FIRST_NIGHT.plusDays(7)));
		// late usage was there to charge, and was charged in a later folder
		assertThat(exports.late).isPositive();
		assertThat(lateUsageFiles()).isNotEmpty();

		// and the ledger says the same, each day charged by one folder
		Result ledger = this.workspace.run("--ledger");
		assertThat(ledger.exitCode()).as(ledger.stderr()).isZero();
		Map<String, Long> perDay = new TreeMap<>();
		for (String line : ledger.stdout().lines().skip(1).toList()) {
			String[] cells = line.split(",", -1);
			perDay.put(cells[1], Long.parseLong(cells[4]) + Long.parseLong(cells[6]));
			assertThat(cells[2]).isEqualTo(cells[1] + "_" + cells[1]);
		}
		assertThat(perDay).isEqualTo(exports.distinctRecordsPerDay(FIRST_NIGHT, FIRST_NIGHT.plusDays(7)));
	}

	@Test
	void lateUsageIsChargedInTheNextFolderWithItsOwnDateAndAReExportIsNot() throws IOException {
		// given day 16 charged from its export
		this.workspace.write("east/usage/2026-11-16.csv", HEADER + row(16, 0, 0, "2") + row(16, 1, 0, "3"));
		assertThat(this.workspace.run("--from=2026-11-16").exitCode()).isZero();

		// when day 17's export holds usage of 17, a late hour of 16 and a re-export of an hour of 16
		this.workspace.write("east/usage/2026-11-17.csv",
				HEADER + row(17, 0, 0, "5") + row(16, 2, 0, "7") + row(16, 1, 0, "3"));
		Result result = this.workspace.run("--from=2026-11-17");

		// then the late hour is charged in 17's folder, dated the 16th, and listed in late-usage.csv
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		assertThat(result.stdout()).contains("1 duplicate").contains("1 are late-reported usage of earlier days");
		Path folder = this.workspace.range("2026-11-17", "2026-11-17");
		assertThat(csv(folder.resolve("chargeback/" + CSP + ".csv"))).extracting((row) -> row.get("UsageDate"),
				(row) -> row.get("Quantity"))
			.containsExactly(org.assertj.core.groups.Tuple.tuple("2026-11-16", "7"),
					org.assertj.core.groups.Tuple.tuple("2026-11-17", "5"));
		assertThat(csv(folder.resolve("late-usage.csv"))).singleElement().satisfies((row) -> {
			assertThat(row).containsEntry("UsageDate", "2026-11-16")
				.containsEntry("DayChargedBy", "2026-11-16_2026-11-16")
				.containsEntry("Quantity", "7")
				.containsEntry("RecordCount", "1");
		});
		assertThat(Workspace.json(folder.resolve("manifest.json")).path("controlTotals").path("lateRecords").asLong())
			.isEqualTo(1);
		// 16's folder is as it was: published folders never change by themselves
		assertThat(csv(this.workspace.range("2026-11-16", "2026-11-16").resolve("chargeback/" + CSP + ".csv")))
			.extracting((row) -> row.get("Quantity"))
			.containsExactly("2", "3");

		// and a rerun of 16 restates nothing: the late hour is 17's
		Result rerun = this.workspace.run("--from=2026-11-16");
		assertThat(rerun.exitCode()).as(rerun.stderr()).isZero();
		assertThat(rerun.stdout()).doesNotContain("restated");
	}

	@Test
	void unchangedExportsOfEarlierNightsAreNotReadAndTheManifestStillCountsTheirRecords() throws IOException {
		// given day 16 charged from its export
		this.workspace.write("east/usage/2026-11-16.csv", HEADER + row(16, 0, 0, "2") + row(16, 1, 0, "3"));
		assertThat(this.workspace.run("--from=2026-11-16").exitCode()).isZero();

		// when the next night runs beside it
		this.workspace.write("east/usage/2026-11-17.csv", HEADER + row(17, 0, 0, "5"));
		Result result = this.workspace.run("--from=2026-11-17");

		// then 16's export is not read: its 2 records are listed with the SHA-256 the run of 16 read, apart from
		// the records read
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		JsonNode manifest = Workspace.json(this.workspace.range("2026-11-17", "2026-11-17").resolve("manifest.json"));
		JsonNode sixteenth = manifest.path("inputFiles").get(0);
		assertThat(sixteenth.path("path").asString()).endsWith("2026-11-16.csv");
		assertThat(sixteenth.path("records").asLong()).isEqualTo(2);
		assertThat(sixteenth.path("skipped").path("usageDays").asString()).isEqualTo("2026-11-16..2026-11-16");
		assertThat(sixteenth.path("sha256").asString()).isEqualTo(Workspace
			.json(this.workspace.range("2026-11-16", "2026-11-16").resolve("manifest.json"))
			.path("inputFiles")
			.get(0)
			.path("sha256")
			.asString());
		assertThat(manifest.path("inputFiles").get(1).has("skipped")).isFalse();
		assertThat(manifest.path("controlTotals").path("inputRecords").asLong()).isEqualTo(1);
		assertThat(manifest.path("controlTotals").path("skippedFiles").path("records").asLong()).isEqualTo(2);

		// and once 16's export is touched, a rerun reads it again (its records are accounted for by 16's folder)
		Files.setLastModifiedTime(this.dir.resolve("east/usage/2026-11-16.csv"),
				FileTime.from(Instant.parse("2026-11-18T05:00:00Z")));
		Result rerun = this.workspace.run("--from=2026-11-17");
		assertThat(rerun.exitCode()).as(rerun.stderr()).isZero();
		JsonNode again = Workspace.json(this.workspace.range("2026-11-17", "2026-11-17").resolve("manifest.json"));
		assertThat(again.path("inputFiles").get(0).has("skipped")).isFalse();
		assertThat(again.path("controlTotals").path("inputRecords").asLong()).isEqualTo(3);
		assertThat(again.path("controlTotals").has("skippedFiles")).isFalse();
		assertThat(rerun.stdout()).doesNotContain("restated");
	}

	@Test
	void anUnchangedExportOfADayWithLateUsageIsReadToTellLateUsageFromReExports() {
		// given day 16 charged from its export
		this.workspace.write("east/usage/2026-11-16.csv", HEADER + row(16, 0, 0, "2") + row(16, 1, 0, "3"));
		assertThat(this.workspace.run("--from=2026-11-16").exitCode()).isZero();

		// when 17's export holds a re-export of an hour of 16
		this.workspace.write("east/usage/2026-11-17.csv", HEADER + row(17, 0, 0, "5") + row(16, 1, 0, "3"));
		Result result = this.workspace.run("--from=2026-11-17");

		// then 16's export is read after all, and the hour is a duplicate, not charged again
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		assertThat(result.stdout()).contains("1 duplicate").doesNotContain("late-reported");
		JsonNode manifest = Workspace.json(this.workspace.range("2026-11-17", "2026-11-17").resolve("manifest.json"));
		assertThat(manifest.path("inputFiles").get(0).has("skipped")).isFalse();
		assertThat(manifest.path("controlTotals").path("inputRecords").asLong()).isEqualTo(4);
	}

	@Test
	void aMissingExportOfAChargedDayStopsTheRunThatWouldChargeItsLateUsage() {
		// given day 16 charged from a.csv, which is then deleted
		this.workspace.write("east/usage/a.csv", HEADER + row(16, 0, 0, "2"));
		assertThat(this.workspace.run("--from=2026-11-16").exitCode()).isZero();
		this.workspace.write("east/usage/b.csv", HEADER + row(17, 0, 0, "5") + row(16, 0, 0, "2"));
		try {
			Files.delete(this.dir.resolve("east/usage/a.csv"));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}

		// when
		Result result = this.workspace.run("--from=2026-11-17");

		// then the record of 16 in b.csv could be late usage or a re-export: nothing is published
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.stderr()).contains("2026-11-16_2026-11-16 charged usage of 2026-11-16")
			.contains("a.csv, which is no longer among the hub's exports");
		assertThat(this.workspace.range("2026-11-17", "2026-11-17")).doesNotExist();
	}

	@Test
	void aChangedExportOfAChargedDayStopsTheRunThatWouldChargeItsLateUsage() {
		// given day 16 charged from a.csv, which is then edited
		this.workspace.write("east/usage/a.csv", HEADER + row(16, 0, 0, "2"));
		assertThat(this.workspace.run("--from=2026-11-16").exitCode()).isZero();
		this.workspace.write("east/usage/a.csv", HEADER + row(16, 0, 0, "2") + row(16, 5, 0, "1"));
		this.workspace.write("east/usage/b.csv", HEADER + row(17, 0, 0, "5") + row(16, 3, 0, "2"));

		// when
		Result result = this.workspace.run("--from=2026-11-17");

		// then
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.stderr()).contains("a.csv changed since published folder 2026-11-16_2026-11-16 charged")
			.contains("--from 2026-11-16 --to 2026-11-16");
	}

	@Test
	void aNightWithFarFewerRecordsThanTheNightsBeforeIsAWarning() {
		// given three nights of 20 records each
		for (int day = 13; day <= 15; day++) {
			this.workspace.write("east/usage/2026-11-" + day + ".csv", HEADER + hours(day, 20));
			assertThat(this.workspace.run("--from=2026-11-" + day).exitCode()).isZero();
		}

		// when the next night's export was cut short
		this.workspace.write("east/usage/2026-11-16.csv", HEADER + hours(16, 4));
		Result result = this.workspace.run("--from=2026-11-16");

		// then it is charged, with a warning finance sees
		assertThat(result.exitCode()).isEqualTo(3);
		assertThat(result.stderr()).contains("WARNING: Hub east: 2026-11-16 has 4 record(s), far fewer than its usual"
				+ " 20 (median of its last 3 published days)");
		assertThat(this.workspace.range("2026-11-16", "2026-11-16").resolve("WARNINGS.txt")).content()
			.contains("far fewer than its usual 20");
	}

	@Test
	void aRegistrationThatLostItsTenantIsAWarningOnTheNextNight() {
		// given three nights of a registered tenant's usage
		for (int day = 13; day <= 15; day++) {
			this.workspace.write("east/usage/2026-11-" + day + ".csv", HEADER + hours(day, 20));
			assertThat(this.workspace.run("--from=2026-11-" + day).exitCode()).isZero();
		}

		// when the registration no longer names the tenant
		this.workspace.write("east/registration.json", "{\"value\":[]}");
		this.workspace.write("east/usage/2026-11-16.csv", HEADER + hours(16, 20));
		Result result = this.workspace.run("--from=2026-11-16");

		// then its usage goes to the default subscription, and finance is told
		assertThat(result.exitCode()).isEqualTo(3);
		assertThat(result.stderr()).contains("WARNING: Hub east: 100% of its charged records fall to its default"
				+ " subscription, against 0% on its recent published days");
	}

	private static String hours(int day, int count) {
		StringBuilder rows = new StringBuilder();
		for (int hour = 0; hour < count; hour++) {
			rows.append(row(day, hour, 0, "1"));
		}
		return rows.toString();
	}

	private static String row(int day, int hour, int subscription, String quantity) {
		return row(LocalDate.of(2026, 11, day), hour, "vm-" + hour, SUBSCRIPTIONS.get(subscription), METERS.get(0),
				quantity);
	}

	static String row(LocalDate day, int hour, String resource, String subscription, String meter, String quantity) {
		String start = day + String.format("T%02d:00:00Z", hour);
		String end = (hour == 23) ? day.plusDays(1) + "T00:00:00Z" : day + String.format("T%02d:00:00Z", hour + 1);
		return String.join(",", start, end, subscription, meter, quantity,
				"/subscriptions/" + subscription + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/"
						+ resource)
				+ "\n";
	}

	private Map<String, BigDecimal> chargedPerDayAndMeter() throws IOException {
		Map<String, BigDecimal> sums = new TreeMap<>();
		for (Path file : chargebackFiles()) {
			for (Map<String, String> row : csv(file)) {
				sums.merge(row.get("UsageDate") + " " + row.get("MeterId").toUpperCase(),
						new BigDecimal(row.get("Quantity")), BigDecimal::add);
			}
		}
		sums.replaceAll((k, v) -> v.stripTrailingZeros());
		return sums;
	}

	private long chargedRecords() throws IOException {
		long records = 0;
		for (Path file : chargebackFiles()) {
			records += csv(file).stream().mapToLong((row) -> Long.parseLong(row.get("RecordCount"))).sum();
		}
		return records;
	}

	/**
	 * The chargeback files of every published folder: what a finance team that loads them all bills.
	 */
	private List<Path> chargebackFiles() throws IOException {
		try (Stream<Path> files = Files.walk(this.workspace.out())) {
			return files.filter((file) -> !this.workspace.out().relativize(file).toString().startsWith("."))
				.filter((file) -> file.getParent().getFileName().toString().equals("chargeback"))
				.toList();
		}
	}

	private List<Path> lateUsageFiles() throws IOException {
		try (Stream<Path> files = Files.walk(this.workspace.out())) {
			return files.filter((file) -> !this.workspace.out().relativize(file).toString().startsWith("."))
				.filter((file) -> file.getFileName().toString().equals("late-usage.csv"))
				.toList();
		}
	}

	/**
	 * Exports by reported day, with every distinct record kept to count what must be charged.
	 */
	static final class Exports {

		private final Random random;

		/** record identity (day, resource, hour, meter) to its quantity and usage day */
		private final Map<String, Object[]> distinct = new LinkedHashMap<>();

		private List<String> lastNight = List.of();

		private int next;

		int late;

		Exports(Random random) {
			this.random = random;
		}

		String night(LocalDate reported) {
			List<String> rows = new ArrayList<>();
			int count = 60 + this.random.nextInt(40);
			for (int i = 0; i < count; i++) {
				LocalDate day = reported;
				if (this.random.nextInt(100) < 6) {
					day = reported.minusDays(1 + this.random.nextInt(2));
					this.late++;
				}
				int hour = this.random.nextInt(24);
				String resource = "vm-" + this.next++;
				String subscription = SUBSCRIPTIONS.get(this.random.nextInt(SUBSCRIPTIONS.size()));
				String meter = METERS.get(this.random.nextInt(METERS.size()));
				BigDecimal quantity = BigDecimal.valueOf(1 + this.random.nextInt(400), 2);
				rows.add(row(day, hour, resource, subscription, meter, quantity.toPlainString()));
				this.distinct.put(resource, new Object[] { day, meter, quantity });
			}
			// a few of last night's records exported again
			for (String again : this.lastNight) {
				if (this.random.nextInt(100) < 1 + 2) {
					rows.add(again);
				}
			}
			this.lastNight = List.copyOf(rows);
			return HEADER + String.join("", rows);
		}

		Map<String, BigDecimal> expectedPerDayAndMeter(LocalDate first, LocalDate last) {
			Map<String, BigDecimal> sums = new TreeMap<>();
			for (Object[] record : this.distinct.values()) {
				LocalDate day = (LocalDate) record[0];
				if (!day.isBefore(first) && !day.isAfter(last)) {
					sums.merge(day + " " + record[1], (BigDecimal) record[2], BigDecimal::add);
				}
			}
			sums.replaceAll((k, v) -> v.stripTrailingZeros());
			return sums;
		}

		long distinctRecords(LocalDate first, LocalDate last) {
			return distinctRecordsPerDay(first, last).values().stream().mapToLong(Long::longValue).sum();
		}

		Map<String, Long> distinctRecordsPerDay(LocalDate first, LocalDate last) {
			Map<String, Long> perDay = new TreeMap<>();
			for (Object[] record : this.distinct.values()) {
				LocalDate day = (LocalDate) record[0];
				if (!day.isBefore(first) && !day.isAfter(last)) {
					perDay.merge(day.toString(), 1L, Long::sum);
				}
			}
			return perDay;
		}

	}

}

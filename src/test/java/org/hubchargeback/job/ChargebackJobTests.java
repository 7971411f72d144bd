package org.hubchargeback.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.hubchargeback.Workspace;
import org.hubchargeback.Workspace.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hubchargeback.Workspace.csv;

/**
 * Whole-job runs on tiny fixtures: two hubs, three tenants, and the files a finance analyst opens.
 */
class ChargebackJobTests {

	static final String EAST_DEFAULT = "11111111-1111-4111-8111-111111111111";

	static final String WEST_DEFAULT = "22222222-2222-4222-8222-222222222222";

	static final String CONTOSO = "aaaaaaaa-0000-4000-8000-000000000001";

	static final String FABRIKAM = "aaaaaaaa-0000-4000-8000-000000000002";

	static final String NORTHWIND = "aaaaaaaa-0000-4000-8000-000000000003";

	// customer subscription IDs are case sensitive: this one must come out uppercase, as registered
	static final String CONTOSO_CSP = "ABCDEF01-2345-4678-9ABC-DEF012345678";

	static final String FABRIKAM_CSP = "c2c2c2c2-0000-4000-8000-00000000c0c2";

	static final String CONTOSO_EAST = "5e000000-0000-4000-8000-000000000001";

	static final String FABRIKAM_EAST = "5e000000-0000-4000-8000-000000000002";

	static final String NORTHWIND_EAST = "5e000000-0000-4000-8000-000000000003";

	static final String ORPHAN_EAST = "5e000000-0000-4000-8000-0000000000ff";

	static final String CONTOSO_WEST = "5a000000-0000-4000-8000-000000000001";

	static final String FABRIKAM_WEST = "5a000000-0000-4000-8000-000000000002";

	static final String BASE_VM = "FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5";

	static final String CANONICAL_HEADER = "UsageStartTime,UsageEndTime,SubscriptionId,TenantId,MeterId,Quantity,ResourceUri\n";

	static final String SUMMARY_HEADER = "\"UsageStartTime\",\"UsageEndTime\",\"MeterName\",\"Quantity\",\"resourceType\","
			+ "\"location\",\"resourceGroup\",\"resourceName\",\"subowner\",\"tags\",\"MeterId\",\"additionalInfo\","
			+ "\"subscription\",\"resourceUri\"\r\n";

	@TempDir
	Path dir;

	Workspace workspace;

	@BeforeEach
	void hubs() {
		this.workspace = workspace().hub("east", EAST_DEFAULT, "en-US",
				Map.of(CONTOSO, CONTOSO_CSP, FABRIKAM, FABRIKAM_CSP),
				Map.of(CONTOSO_EAST, CONTOSO, FABRIKAM_EAST, FABRIKAM, NORTHWIND_EAST, NORTHWIND));
	}

	/**
	 * Adds hub west, for the tests with usage on two hubs: a configured hub without any usage in the range is a
	 * warning (exit 3), so the tests of one hub's usage configure east only.
	 */
	void west() {
		this.workspace.hub("west", WEST_DEFAULT, "en-US", Map.of(CONTOSO, CONTOSO_CSP),
				Map.of(CONTOSO_WEST, CONTOSO, FABRIKAM_WEST, FABRIKAM));
	}

	/**
	 * The installation the tests run, with the embedded H2 job database; {@link ChargebackJobPostgresTests} runs them
	 * on PostgreSQL.
	 */
	Workspace workspace() {
		return new Workspace(this.dir);
	}

	static String vm(String subscription) {
		return "/subscriptions/" + subscription + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1";
	}

	static String canonical(String start, String end, String subscription, String tenant, String meter,
			String quantity) {
		return String.join(",", start, end, subscription, tenant, meter, quantity, vm(subscription)) + "\n";
	}

	static String hour(int day, int hour) {
		return String.format("2026-11-%02dT%02d:00:00Z", day, hour);
	}

	static String usage(String subscription, int day, int hour, String quantity) {
		return canonical(hour(day, hour), hour(day, hour + 1), subscription, "", BASE_VM, quantity);
	}

	Path chargeback(String subscription) {
		return this.workspace.range("2026-11-16", "2026-11-16").resolve("chargeback/" + subscription + ".csv");
	}

	Result runDay16() {
		return this.workspace.run("--from=2026-11-16", "--to=2026-11-16");
	}

	@Test
	void registeredTenantIsChargedToItsCustomerSubscriptionAsRegistered() {
		// given two hours of Contoso usage on east
		this.workspace.write("east/usage/a.csv",
				CANONICAL_HEADER + usage(CONTOSO_EAST, 16, 0, "2") + usage(CONTOSO_EAST, 16, 1, "2.5"));

		// when
		Result result = runDay16();

		// then one row for the day, summed exactly, in a file named exactly as the registration spells the ID
		assertThat(result.exitCode()).isZero();
		assertThat(result.stdout()).contains("files in " + this.workspace.range("2026-11-16", "2026-11-16"));
		List<Map<String, String>> rows = csv(chargeback(CONTOSO_CSP));
		assertThat(rows).hasSize(1);
		Map<String, String> row = rows.get(0);
		assertThat(row).containsEntry("UsageDate", "2026-11-16")
			.containsEntry("HubName", "east")
			.containsEntry("TenantId", CONTOSO)
			.containsEntry("HubSubscriptionId", CONTOSO_EAST)
			.containsEntry("MeterId", "fab6eb84-500b-4a09-a8ca-7358f8bbaea5")
			.containsEntry("MeterName", "Base VM Size Hours")
			.containsEntry("Unit", "Virtual core hours")
			.containsEntry("Quantity", "4.5")
			.containsEntry("ChargeReason", "REGISTERED")
			.containsEntry("ChargedSubscriptionId", CONTOSO_CSP)
			.containsEntry("RecordCount", "2")
			.containsEntry("FirstUsageStart", "2026-11-16T00:00:00Z")
			.containsEntry("LastUsageEnd", "2026-11-16T02:00:00Z");
		assertThat(Files.exists(chargeback(CONTOSO_CSP.toLowerCase()))).isEqualTo(false);
	}

	@Test
	void unregisteredTenantsAndSubscriptionsWithoutTenantFallToTheHubsDefaultSubscriptionAndAreReported() {
		// given Northwind (registered nowhere), Fabrikam on west (registered on east only), an unknown subscription
		west();
		this.workspace.write("east/usage/a.csv", CANONICAL_HEADER + usage(NORTHWIND_EAST, 16, 3, "1")
				+ usage(NORTHWIND_EAST, 16, 4, "1") + usage(ORPHAN_EAST, 16, 5, "7") + usage(FABRIKAM_EAST, 16, 6, "3"));
		this.workspace.write("west/usage/b.csv", CANONICAL_HEADER + usage(FABRIKAM_WEST, 16, 7, "5"));

		// when
		Result result = runDay16();

		// then
		assertThat(result.exitCode()).isZero();
		assertThat(csv(chargeback(EAST_DEFAULT))).extracting((r) -> r.get("HubSubscriptionId") + " "
				+ r.get("ChargeReason") + " " + r.get("DefaultReason") + " " + r.get("Quantity"))
			.containsExactly(ORPHAN_EAST + " DEFAULT SUBSCRIPTION_WITHOUT_TENANT 7",
					NORTHWIND_EAST + " DEFAULT TENANT_NOT_REGISTERED 2");
		assertThat(csv(chargeback(WEST_DEFAULT))).singleElement()
			.satisfies((r) -> assertThat(r).containsEntry("TenantId", FABRIKAM).containsEntry("Quantity", "5"));
		assertThat(csv(chargeback(FABRIKAM_CSP))).singleElement()
			.satisfies((r) -> assertThat(r).containsEntry("HubName", "east").containsEntry("Quantity", "3"));

		List<Map<String, String>> unregistered = csv(
				this.workspace.range("2026-11-16", "2026-11-16").resolve("unregistered-tenants.csv"));
		assertThat(unregistered).extracting((r) -> String.join(" ", r.get("HubName"), r.get("Reason"),
				r.get("TenantId"), r.get("HubSubscriptionIds"), r.get("DefaultSubscriptionId"), r.get("RecordCount"),
				r.get("QuantityPerMeter")))
			.containsExactly(
					"east SUBSCRIPTION_WITHOUT_TENANT  " + ORPHAN_EAST + " " + EAST_DEFAULT
							+ " 1 Base VM Size Hours [fab6eb84-500b-4a09-a8ca-7358f8bbaea5]=7",
					"east TENANT_NOT_REGISTERED " + NORTHWIND + " " + NORTHWIND_EAST + " " + EAST_DEFAULT
							+ " 2 Base VM Size Hours [fab6eb84-500b-4a09-a8ca-7358f8bbaea5]=2",
					"west TENANT_NOT_REGISTERED " + FABRIKAM + " " + FABRIKAM_WEST + " " + WEST_DEFAULT
							+ " 1 Base VM Size Hours [fab6eb84-500b-4a09-a8ca-7358f8bbaea5]=5");
		assertThat(unregistered.get(1)).containsEntry("FirstUsageStart", "2026-11-16T03:00:00Z")
			.containsEntry("LastUsageEnd", "2026-11-16T05:00:00Z");
	}

	@Test
	void tenantColumnAndIdsInAnyCaseResolveToTheSameCustomerSubscription() {
		// given the record names its tenant (uppercase), the subscription is uppercase, the meter unhyphenated
		west();
		this.workspace.write("west/usage/a.csv",
				CANONICAL_HEADER + canonical(hour(16, 0), hour(16, 1), CONTOSO_WEST.toUpperCase(),
						CONTOSO.toUpperCase(), "fab6eb84500b4a09a8ca7358f8bbaea5", "1")
						+ canonical(hour(16, 1), hour(16, 2), CONTOSO_WEST, "", BASE_VM, "1")
						// a subscription missing from the user-subscription list, but the record names its tenant
						+ canonical(hour(16, 2), hour(16, 3), ORPHAN_EAST, CONTOSO, BASE_VM, "1"));

		// when
		runDay16();

		// then
		assertThat(csv(chargeback(CONTOSO_CSP))).extracting((r) -> r.get("HubSubscriptionId") + "=" + r.get("Quantity"))
			.containsExactly(CONTOSO_WEST + "=2", ORPHAN_EAST + "=1");
	}

	@Test
	void sameRecordInOverlappingExportsIsChargedOnceAndConflictingRepeatIsRejected() {
		// given an hour exported twice, and another hour re-exported with a different quantity
		String twice = usage(CONTOSO_EAST, 16, 0, "2");
		this.workspace.write("east/usage/a.csv", CANONICAL_HEADER + twice + usage(CONTOSO_EAST, 16, 1, "2"));
		this.workspace.write("east/usage/b.csv", CANONICAL_HEADER + twice.replace(",2\n", ",2.00\n")
				+ usage(CONTOSO_EAST, 16, 1, "3"));

		// when
		runDay16();

		// then
		Path range = this.workspace.range("2026-11-16", "2026-11-16");
		assertThat(csv(chargeback(CONTOSO_CSP))).singleElement()
			.satisfies((r) -> assertThat(r).containsEntry("Quantity", "4").containsEntry("RecordCount", "2"));
		assertThat(csv(range.resolve("rejected-records.csv"))).singleElement()
			.satisfies((r) -> assertThat(r).containsEntry("File", this.dir.resolve("east/usage/b.csv").toString())
				.containsEntry("Line", "3")
				.containsEntry("Field", "Quantity")
				.hasEntrySatisfying("Reason", (reason) -> assertThat(reason).contains("conflicting duplicate")
					.contains("a.csv line 3")));
		JsonNode totals = Workspace.json(range.resolve("manifest.json")).path("controlTotals");
		assertThat(totals.path("inputRecords").asLong()).isEqualTo(4);
		assertThat(totals.path("chargedRecords").asLong()).isEqualTo(2);
		assertThat(totals.path("duplicateRecords").asLong()).isEqualTo(1);
		assertThat(totals.path("rejectedRecords").asLong()).isEqualTo(1);
	}

	@Test
	void minuteByMinuteUsageReadTwiceIsChargedOnceWhateverTheExportsOrder() {
		// given 200 one-minute records (a day holds far more records of one resource and meter than hours), exported
		// in one file and again, with one quantity changed, in another
		StringBuilder first = new StringBuilder(CANONICAL_HEADER);
		StringBuilder second = new StringBuilder(CANONICAL_HEADER);
		for (int minute = 0; minute < 200; minute++) {
			String start = String.format("2026-11-16T%02d:%02d:00Z", minute / 60, minute % 60);
			String end = String.format("2026-11-16T%02d:%02d:00Z", (minute + 1) / 60, (minute + 1) % 60);
			first.append(canonical(start, end, CONTOSO_EAST, "", BASE_VM, "0.5"));
			second.append(canonical(start, end, CONTOSO_EAST, "", BASE_VM, (minute == 150) ? "0.7" : "0.50"));
		}
		this.workspace.write("east/usage/a.csv", first.toString());
		this.workspace.write("east/usage/b.csv", second.toString());

		// when
		runDay16();

		// then each minute is charged once, the changed one at its first quantity
		assertThat(csv(chargeback(CONTOSO_CSP))).singleElement()
			.satisfies((r) -> assertThat(r).containsEntry("Quantity", "100").containsEntry("RecordCount", "200"));
		assertThat(csv(this.workspace.range("2026-11-16", "2026-11-16").resolve("rejected-records.csv")))
			.singleElement()
			.satisfies((r) -> assertThat(r).containsEntry("Line", "152")
				.hasEntrySatisfying("Reason", (reason) -> assertThat(reason).contains("a.csv line 152")
					.contains("quantity 0.5, here 0.7")));
		JsonNode totals = Workspace.json(this.workspace.range("2026-11-16", "2026-11-16").resolve("manifest.json"))
			.path("controlTotals");
		assertThat(totals.path("inputRecords").asLong()).isEqualTo(400);
		assertThat(totals.path("duplicateRecords").asLong()).isEqualTo(199);
	}

	@Test
	void usageOutsideTheRangeIsCountedNotCharged() {
		// given
		this.workspace.write("east/usage/a.csv", CANONICAL_HEADER + usage(CONTOSO_EAST, 15, 22, "1")
				+ usage(CONTOSO_EAST, 16, 0, "1") + usage(CONTOSO_EAST, 17, 0, "1"));

		// when
		runDay16();

		// then
		assertThat(csv(chargeback(CONTOSO_CSP))).singleElement()
			.satisfies((r) -> assertThat(r).containsEntry("UsageDate", "2026-11-16").containsEntry("Quantity", "1"));
		JsonNode totals = Workspace.json(this.workspace.range("2026-11-16", "2026-11-16").resolve("manifest.json"))
			.path("controlTotals");
		assertThat(totals.path("outOfRangeRecords").asLong()).isEqualTo(2);
		assertThat(totals.path("inputRecords").asLong()).isEqualTo(3);
	}

	@Test
	void everyBadRowIsRejectedWithFileLineFieldAndReasonAndTheTotalsAddUp() {
		// given a Usagesummary.ps1 export (en-US culture) with one good row and one row of each kind of fault
		String good = row("11/16/2026 12:00:00 AM", "11/16/2026 1:00:00 AM", "2", BASE_VM, CONTOSO_EAST);
		this.workspace.write("east/usage/UsageSummary.csv", SUMMARY_HEADER + good
				+ row("11/31/2026 25:00:00 PM", "11/16/2026 1:00:00 AM", "2", BASE_VM, CONTOSO_EAST)
				+ row("11/16/2026 1:00:00 AM", "11/16/2026 2:00:00 AM", "-2", BASE_VM, CONTOSO_EAST)
				+ row("11/16/2026 2:00:00 AM", "11/16/2026 3:00:00 AM", "2", "", CONTOSO_EAST)
				+ good.replace(",\"@{Department=Sales}\"", "")
				+ row("11/16/2026 3:00:00 AM", "11/16/2026 4:00:00 AM", "NaN", BASE_VM, CONTOSO_EAST)
				+ row("11/16/2026 5:00:00 AM", "11/16/2026 4:00:00 AM", "1", BASE_VM, CONTOSO_EAST)
				+ row("11/16/2026 6:00:00 AM", "11/16/2026 7:00:00 AM", "1", BASE_VM, "not-a-guid")
				+ row("11/16/2026 7:00:00 AM", "11/16/2026 8:00:00 AM", "2,5", BASE_VM, CONTOSO_EAST));

		// when
		Result result = runDay16();

		// then
		assertThat(result.exitCode()).isZero();
		Path range = this.workspace.range("2026-11-16", "2026-11-16");
		List<Map<String, String>> rejected = csv(range.resolve("rejected-records.csv"));
		assertThat(rejected).extracting((r) -> r.get("Line") + " " + r.get("Field"))
			.containsExactly("3 UsageStartTime", "4 Quantity", "5 MeterId", "6 (record)", "7 Quantity",
					"8 UsageEndTime", "9 subscription", "10 Quantity");
		assertThat(rejected).extracting((r) -> r.get("Reason"))
			.containsExactly(
					"not a date: '11/31/2026 25:00:00 PM' (expected M/d/yyyy h:mm:ss a for culture en-US, or ISO-8601)",
					"negative quantity -2", "missing meter ID", "expected 14 fields as in the header, found 13",
					"not a number: 'NaN'",
					"usage ends (2026-11-16T04:00:00Z) before it starts (2026-11-16T05:00:00Z)",
					"not a GUID: 'not-a-guid'",
					"not a number: '2,5' (culture en-US uses '.' as decimal separator)");
		assertThat(rejected.get(0)).containsEntry("HubName", "east")
			.containsEntry("File", this.dir.resolve("east/usage/UsageSummary.csv").toString())
			.hasEntrySatisfying("RawLine", (raw) -> assertThat(raw).startsWith("11/31/2026 25:00:00 PM,"));
		JsonNode manifest = Workspace.json(range.resolve("manifest.json"));
		JsonNode totals = manifest.path("controlTotals");
		assertThat(totals.path("inputRecords").asLong()).isEqualTo(9);
		assertThat(totals.path("chargedRecords").asLong()).isEqualTo(1);
		assertThat(totals.path("rejectedRecords").asLong()).isEqualTo(8);
		assertThat(totals.path("byHub").path("east").path("inputRecords").asLong()).isEqualTo(9);
		assertThat(manifest.path("inputFiles").get(0).path("records").asLong()).isEqualTo(9);
		assertThat(manifest.path("inputFiles").get(0).path("sha256").asString()).hasSize(64);
	}

	static String row(String start, String end, String quantity, String meter, String subscription) {
		return String.join(",", quote(start), quote(end), quote(meter.isEmpty() ? "" : "Base VM Size Hours"),
				quote(quantity), quote("virtualMachines"), quote("local"), quote("rg"), quote("vm1"),
				quote("admin@contoso.onmicrosoft.com"), quote("@{Department=Sales}"), quote(meter), "",
				quote(subscription), quote(vm(subscription))) + "\r\n";
	}

	static String quote(String value) {
		return value.isEmpty() ? "" : "\"" + value + "\"";
	}

	@Test
	void usageSummaryExportInGermanCultureWithBomAndUnknownMeter() {
		// given a de-DE export: dd.MM.yyyy dates, decimal comma, exponent form, a UTF-8 BOM, an unknown meter
		this.workspace = new Workspace(this.dir).hub("east", EAST_DEFAULT, "de-DE", Map.of(CONTOSO, CONTOSO_CSP),
				Map.of(CONTOSO_EAST, CONTOSO));
		String unknownMeter = "0D5F13A1-7C55-4E2B-9A11-3F00C0FFEE01";
		byte[] bom = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
		String content = SUMMARY_HEADER + row("16.11.2026 00:00:00", "16.11.2026 01:00:00", "2,4", BASE_VM,
				CONTOSO_EAST) + row("16.11.2026 01:00:00", "16.11.2026 02:00:00", "1E-05", BASE_VM, CONTOSO_EAST)
				+ row("16.11.2026 02:00:00", "16.11.2026 03:00:00", "4", unknownMeter, CONTOSO_EAST);
		byte[] text = content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		byte[] file = new byte[bom.length + text.length];
		System.arraycopy(bom, 0, file, 0, bom.length);
		System.arraycopy(text, 0, file, bom.length, text.length);
		this.workspace.writeBytes("east/usage/UsageSummary.csv", file);

		// when
		Result result = runDay16();

		// then
		assertThat(result.exitCode()).isZero();
		assertThat(csv(chargeback(CONTOSO_CSP))).extracting((r) -> r.get("MeterId") + "|" + r.get("MeterName") + "|"
				+ r.get("Quantity"))
			.containsExactly("0d5f13a1-7c55-4e2b-9a11-3f00c0ffee01||4",
					"fab6eb84-500b-4a09-a8ca-7358f8bbaea5|Base VM Size Hours|2.40001");
	}

	@Test
	void summaryTotalsEachChargedSubscriptionAndMeterAcrossHubs() {
		// given Contoso on both hubs
		west();
		this.workspace.write("east/usage/a.csv", CANONICAL_HEADER + usage(CONTOSO_EAST, 16, 0, "2"));
		this.workspace.write("west/usage/a.csv", CANONICAL_HEADER + usage(CONTOSO_WEST, 16, 0, "3"));

		// when
		runDay16();

		// then
		assertThat(csv(this.workspace.range("2026-11-16", "2026-11-16").resolve("summary.csv"))).singleElement()
			.satisfies((r) -> assertThat(r).containsEntry("ChargedSubscriptionId", CONTOSO_CSP)
				.containsEntry("ChargeReason", "REGISTERED")
				.containsEntry("MeterName", "Base VM Size Hours")
				.containsEntry("Quantity", "5")
				.containsEntry("RecordCount", "2")
				.containsEntry("Hubs", "east;west"));
	}

	@Test
	void rerunOfACompletedRangeReplacesItsOutputsAndKeepsThePreviousVersion() throws Exception {
		// given a published range
		this.workspace.write("east/usage/a.csv", CANONICAL_HEADER + usage(CONTOSO_EAST, 16, 0, "2"));
		assertThat(runDay16().exitCode()).isZero();

		// when late usage arrives and the range is run again
		this.workspace.write("east/usage/late.csv", CANONICAL_HEADER + usage(CONTOSO_EAST, 16, 5, "1"));
		Result rerun = runDay16();

		// then run 2 replaces run 1 whole: late usage added once, nothing doubled
		assertThat(rerun.exitCode()).isZero();
		assertThat(rerun.stdout()).contains("2026-11-16 run 2 COMPLETED");
		assertThat(csv(chargeback(CONTOSO_CSP))).singleElement()
			.satisfies((r) -> assertThat(r).containsEntry("Quantity", "3").containsEntry("RecordCount", "2"));
		Path history = this.dir.resolve("out/.history/2026-11-16_2026-11-16");
		try (var versions = Files.list(history)) {
			Path previous = versions.findFirst().orElseThrow();
			assertThat(csv(previous.resolve("chargeback/" + CONTOSO_CSP + ".csv"))).singleElement()
				.satisfies((r) -> assertThat(r).containsEntry("Quantity", "2"));
		}
		assertThat(this.dir.resolve("out/.staging")).isEmptyDirectory();
	}

	@Test
	void summaryPageShowsTheRunNumberOfItsRangeNotTheJobInstance() throws Exception {
		// given a job database that already ran another range
		this.workspace.write("east/usage/a.csv",
				CANONICAL_HEADER + usage(CONTOSO_EAST, 16, 0, "2") + usage(CONTOSO_EAST, 17, 0, "3"));
		assertThat(runDay16().exitCode()).isZero();

		// when
		Result result = this.workspace.run("--from=2026-11-17", "--to=2026-11-17");

		// then the page calls the range's first run run 1, as the command line and the manifest do
		Path range = this.workspace.range("2026-11-17", "2026-11-17");
		JsonNode run = Workspace.json(range.resolve("manifest.json")).path("run");
		assertThat(run.path("runId").asLong()).as("job instance").isNotEqualTo(1);
		assertThat(result.stdout()).contains("2026-11-17 run 1 COMPLETED");
		assertThat(run.path("run").asLong()).isEqualTo(1);
		assertThat(Files.readString(range.resolve("summary.html"))).contains("<dd id=\"run-id\">1</dd>");
	}

	@Test
	void failedRunIsRestartedByTheSameCommand() throws Exception {
		// given a run that fails because its output folder cannot be created
		this.workspace.write("east/usage/a.csv", CANONICAL_HEADER + usage(CONTOSO_EAST, 16, 0, "2"));
		this.workspace.write("out/.staging", "a file where the staging folder belongs");
		Result failed = runDay16();
		assertThat(failed.exitCode()).isEqualTo(1);
		assertThat(failed.stderr()).contains("2026-11-16 run 1 FAILED");
		assertThat(this.workspace.range("2026-11-16", "2026-11-16")).doesNotExist();

		// when the cause is fixed and the same command runs again
		Files.delete(this.dir.resolve("out/.staging"));
		Result restarted = runDay16();

		// then the failed run 1 is restarted, not duplicated
		assertThat(restarted.exitCode()).isZero();
		assertThat(restarted.stdout()).contains("2026-11-16 run 1 COMPLETED");
		assertThat(csv(chargeback(CONTOSO_CSP))).singleElement()
			.satisfies((r) -> assertThat(r).containsEntry("Quantity", "2"));
	}

	/**
	 * A file rewritten with other bytes of the same size and modification time passes the size-and-time
	 * fingerprint; the hash taken while the failed run read it tells the difference.
	 */
	@Test
	void failedRunIsAbandonedWhenAFileItReadHasOtherBytesOfTheSameSizeAndTime() throws Exception {
		// given a run that read a.csv to its end and failed on b.csv
		Path a = this.workspace.write("east/usage/a.csv", CANONICAL_HEADER + usage(CONTOSO_EAST, 16, 0, "2"));
		this.workspace.write("east/usage/b.csv", CANONICAL_HEADER
				+ "2026-11-16T01:00:00Z,\"2026-11-16T02:00:00Z," + CONTOSO_EAST + ",," + BASE_VM + ",1,x\n");
		assertThat(runDay16().stderr()).contains("2026-11-16 run 1 FAILED");
		FileTime modified = Files.getLastModifiedTime(a);
		String bytes = Files.readString(a);
		String edited = bytes.replace(",2,", ",3,");
		assertThat(edited).isNotEqualTo(bytes).hasSameSizeAs(bytes);
		Files.writeString(a, edited);
		Files.setLastModifiedTime(a, modified);

		// when
		Result again = runDay16();

		// then run 1 is not resumed with the quantity it read before
		assertThat(again.stdout() + again.stderr()).contains(
				"east/usage/a.csv has the size and modification time it had when run 1 read it, but other bytes",
				"Input files changed since run 1 of 2026-11-16..2026-11-16 failed; abandoning it",
				"2026-11-16 run 2 FAILED");
	}

	@Test
	void brokenExportFailsTheRunNamingFileAndLineAndPublishesNothing() {
		// given an unterminated quote
		this.workspace.write("east/usage/a.csv", CANONICAL_HEADER + usage(CONTOSO_EAST, 16, 0, "2")
				+ "2026-11-16T01:00:00Z,\"2026-11-16T02:00:00Z," + CONTOSO_EAST + ",," + BASE_VM + ",1,x\n");

		// when
		Result result = runDay16();

		// then
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.stderr()).contains("FAILED: " + this.dir.resolve("east/usage/a.csv") + " line 3");
		assertThat(this.workspace.range("2026-11-16", "2026-11-16")).doesNotExist();
	}

	@Test
	void nightlyChargesTheLastCompleteDayThenCatchesUpEveryMissedDay() throws Exception {
		// given usage on four days
		StringBuilder usage = new StringBuilder(CANONICAL_HEADER);
		for (int day = 16; day <= 19; day++) {
			usage.append(usage(CONTOSO_EAST, day, 12, "1"));
		}
		this.workspace.write("east/usage/a.csv", usage.toString());

		// when the first nightly runs at 07:00 UTC on the 17th (6 h lag: the 16th is complete)
		Result first = this.workspace.run("--nightly", "--hub-chargeback.clock=2026-11-17T07:00:00Z");
		// and the next one only on the 20th, after two missed nights
		Result catchUp = this.workspace.run("--nightly", "--hub-chargeback.clock=2026-11-20T07:00:00Z");
		Result nothingLeft = this.workspace.run("--nightly", "--hub-chargeback.clock=2026-11-20T08:00:00Z");

		// then
		assertThat(first.stdout()).contains("2026-11-16 run 1 COMPLETED").doesNotContain("2026-11-17 run");
		assertThat(catchUp.stdout()).contains("2026-11-17 run 1 COMPLETED", "2026-11-18 run 1 COMPLETED",
				"2026-11-19 run 1 COMPLETED");
		assertThat(nothingLeft.exitCode()).isZero();
		assertThat(nothingLeft.stdout()).contains("every complete day is already charged");
		try (var ranges = Files.list(this.dir.resolve("out"))) {
			List<String> names = ranges.map((p) -> p.getFileName().toString())
				.filter((n) -> !n.startsWith("."))
				.sorted()
				.collect(Collectors.toList());
			assertThat(names).containsExactly("2026-11-16_2026-11-16",
						"2026-11-17_2026-11-17", "2026-11-18_2026-11-18", "2026-11-19_2026-11-19");
		}
	}

	@Test
	void rangeWithFromAfterToIsRefusedWithOneLine() {
		// when
		Result result = this.workspace.run("--from=2026-11-17", "--to=2026-11-16");

		// then
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.stderr().strip()).isEqualTo("hub-chargeback: --from 2026-11-17 is after --to 2026-11-16");
	}

	@Test
	void stagedRowsOfPublishedRunsAreClearedWhenTheNextRunStartsButAFailedRunKeepsItsOwn() throws Exception {
		// given a published day 16, then a rerun of it refused by the rerun guard (it may still be forced)
		this.workspace.write("east/usage/a.csv", CANONICAL_HEADER + usage(CONTOSO_EAST, 16, 0, "2"));
		assertThat(runDay16().exitCode()).isZero();
		assertThat(stagedRuns()).containsExactly(1L);
		this.workspace.write("east/usage/a.csv", CANONICAL_HEADER + usage(CONTOSO_EAST, 16, 0, "0.5"));
		assertThat(runDay16().exitCode()).isEqualTo(1);

		// when another range runs (a warning: east's only export is of the 16th, nothing of it falls on the 17th)
		assertThat(this.workspace.run("--from=2026-11-17").exitCode()).isEqualTo(3);

		// then run 1's rows are gone, the refused run 2 keeps its own, run 3 has its rows
		assertThat(stagedRuns()).containsExactly(2L, 3L);
	}

	List<Long> stagedRuns() throws java.sql.SQLException {
		try (var connection = this.workspace.connect();
				var rows = connection.createStatement().executeQuery("SELECT DISTINCT RUN_ID FROM HC_RUN_HUB ORDER BY 1")) {
			List<Long> runs = new java.util.ArrayList<>();
			while (rows.next()) {
				runs.add(rows.getLong(1));
			}
			return runs;
		}
	}

	@Test
	void missingHubFolderIsAClearFailure() throws Exception {
		// given
		west();
		Files.delete(this.dir.resolve("west/usage"));

		// when
		Result result = runDay16();

		// then
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.stderr()).contains("hub west: input folder " + this.dir.resolve("west/usage")
				+ " does not exist");
	}

}

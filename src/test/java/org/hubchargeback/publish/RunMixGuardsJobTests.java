package org.hubchargeback.publish;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.hubchargeback.Workspace;
import org.hubchargeback.Workspace.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15: a run whose mix shows a missing export, a wrong culture, a missing user-subscription list or
 * customer subscriptions that cannot name files warns (exit 3) or fails, instead of publishing a complete-looking
 * folder.
 */
class RunMixGuardsJobTests {

	static final String DEFAULT = "11111111-1111-4111-8111-111111111111";

	static final String CONTOSO = "c0000000-0000-4000-8000-000000000001";

	static final String CONTOSO_CSP = "5B584C94-8FB4-4647-AFE6-879085600DBF";

	static final String CONTOSO_LOCAL = "5e000000-0000-4000-8000-000000000001";

	static final String BASE_VM = "fab6eb84-500b-4a09-a8ca-7358f8bbaea5";

	static final String CANONICAL = "UsageStartTime,UsageEndTime,SubscriptionId,TenantId,MeterId,Quantity,ResourceUri\n";

	static final String SUMMARY = "\"UsageStartTime\",\"UsageEndTime\",\"MeterName\",\"Quantity\",\"resourceType\","
			+ "\"location\",\"resourceGroup\",\"resourceName\",\"subowner\",\"tags\",\"MeterId\",\"additionalInfo\","
			+ "\"subscription\",\"resourceUri\"\r\n";

	@TempDir
	Path dir;

	Workspace east(Map<String, String> registration) {
		return new Workspace(this.dir).hub("east", DEFAULT, "en-US", registration, Map.of(CONTOSO_LOCAL, CONTOSO));
	}

	static String hour(int day, int hour, String tenant) {
		return String.format("2026-11-%02dT%02d:00:00Z,2026-11-%02dT%02d:00:00Z,%s,%s,%s,1,/subscriptions/%s/vm1%n", day,
				hour, day, hour + 1, CONTOSO_LOCAL, tenant, BASE_VM, CONTOSO_LOCAL);
	}

	// Usagesummary.ps1 in en-AU: day/month/year
	static String australian(String start, String end) {
		return "\"" + start + "\",\"" + end + "\",\"\",\"1\",\"Microsoft.Compute/virtualMachines\",\"local\",\"rg\","
				+ "\"vm1\",\"\",\"\",\"" + BASE_VM + "\",\"\",\"" + CONTOSO_LOCAL + "\",\"/subscriptions/"
				+ CONTOSO_LOCAL + "/vm1\"\r\n";
	}

	@Test
	void aDayWithoutUsageOfAHubIsAWarningAndEachHubsLastUsageIsShown() {
		// given usage of the 16th and 18th, the export of the 17th missing
		Workspace workspace = east(Map.of(CONTOSO, CONTOSO_CSP));
		workspace.write("east/usage/a.csv", CANONICAL + hour(16, 0, "") + hour(18, 0, ""));

		// when
		Result result = workspace.run("--from=2026-11-16", "--to=2026-11-18");

		// then
		assertThat(result.exitCode()).isEqualTo(3);
		String warning = "Hub east: no usage on 2026-11-17 (last usage charged ends 2026-11-18T01:00:00Z): an export is"
				+ " probably missing; add it to the hub's input folder and rerun the range";
		assertThat(result.stderr()).contains("hub-chargeback: WARNING: " + warning);
		Path range = workspace.range("2026-11-16", "2026-11-18");
		assertThat(range.resolve("WARNINGS.txt")).content().contains(warning);
		assertThat(Workspace.json(range.resolve("manifest.json")).path("hubs").get(0).path("lastUsageEnd").asString())
			.isEqualTo("2026-11-18T01:00:00Z");
		assertThat(range.resolve("summary.html")).content()
			.contains("Last usage charged, per hub (where its exports end): east 2026-11-18T01:00:00Z");
	}

	@Test
	void aConfiguredHubWithNoUsageAtAllInTheRangeIsAWarningNamingItsFoldersAndLastLedgerDay() throws Exception {
		// given west charged on the 16th, then nothing of west on the 17th
		Workspace workspace = east(Map.of(CONTOSO, CONTOSO_CSP)).hub("west", DEFAULT, "en-US",
				Map.of(CONTOSO, CONTOSO_CSP), Map.of(CONTOSO_LOCAL, CONTOSO));
		workspace.write("east/usage/a.csv", CANONICAL + hour(16, 0, "") + hour(17, 0, ""));
		workspace.write("west/usage/a.csv", CANONICAL + hour(16, 0, ""));
		assertThat(workspace.run("--from=2026-11-16").exitCode()).isZero();
		// (an export left in the folder would be usage out of range: a warning of its own)
		Files.delete(this.dir.resolve("west/usage/a.csv"));

		// when
		Result result = workspace.run("--from=2026-11-17");

		// then east is charged, and west's silence is told
		assertThat(result.exitCode()).isEqualTo(3);
		String warning = "Hub west: no usage at all in 2026-11-17..2026-11-17 (input folders "
				+ this.dir.resolve("west/usage") + "; the last usage day the ledger knows for it: 2026-11-16): its"
				+ " exports are probably missing or in another folder; add them and rerun the range, or remove the hub"
				+ " from hub-chargeback.hubs if it no longer runs";
		assertThat(result.stderr()).contains("hub-chargeback: WARNING: " + warning).doesNotContain("Hub east:");
		assertThat(workspace.range("2026-11-17", "2026-11-17").resolve("WARNINGS.txt")).content().contains(warning);
	}

	@Test
	void dailyUsageExportedInEnAuAndReadAsEnUsIsRefused() {
		// given the day 1 November as en-AU writes it: read as en-US, 11 January to 11 February
		Workspace workspace = east(Map.of(CONTOSO, CONTOSO_CSP));
		workspace.write("east/usage/a.csv", SUMMARY + australian("1/11/2026 12:00:00 AM", "2/11/2026 12:00:00 AM"));

		// when
		Result result = workspace.run("--from=2026-11-01");

		// then
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.stderr()).contains("a.csv line 2: the usage bucket 2026-01-11T00:00:00Z .."
				+ " 2026-02-11T00:00:00Z lasts 744h, neither an hour nor a day: is the hub's culture right");
		assertThat(workspace.range("2026-11-01", "2026-11-01")).doesNotExist();
	}

	@Test
	void hourlyUsageExportedInEnAuAndReadAsEnUsFallsOutOfRangeWithAWarning() {
		// given 3 November as en-AU writes it: read as en-US, 11 March
		Workspace workspace = east(Map.of(CONTOSO, CONTOSO_CSP));
		workspace.write("east/usage/a.csv", SUMMARY + australian("3/11/2026 1:00:00 PM", "3/11/2026 2:00:00 PM")
				+ australian("3/11/2026 2:00:00 PM", "3/11/2026 3:00:00 PM"));

		// when
		Result result = workspace.run("--from=2026-11-03", "--force");

		// then
		assertThat(result.exitCode()).isEqualTo(3);
		assertThat(result.stderr()).contains("hub-chargeback: WARNING: Hub east: all 2 usable record(s) fall outside"
				+ " 2026-11-03..2026-11-03, nothing of the hub is charged");
	}

	@Test
	void withoutAUserSubscriptionListRecordsWithoutATenantAreAWarning() {
		// given no user-subscription list and an export without TenantId
		Workspace workspace = east(Map.of(CONTOSO, CONTOSO_CSP));
		workspace.write("east/usage/a.csv", CANONICAL + hour(16, 0, ""));

		// when
		Result result = workspace.run("--from=2026-11-16", "--hub-chargeback.hubs[0].user-subscriptions-file=",
				"--hub-chargeback.hubs[0].name=east", "--hub-chargeback.hubs[0].default-subscription-id=" + DEFAULT,
				"--hub-chargeback.hubs[0].registration-file=" + this.dir.resolve("east/registration.json"),
				"--hub-chargeback.hubs[0].input-dirs=" + this.dir.resolve("east/usage"));

		// then
		assertThat(result.exitCode()).isEqualTo(3);
		assertThat(result.stderr()).contains("hub-chargeback: WARNING: Hub east: no user-subscription list"
				+ " (user-subscriptions-file), so 1 record(s) without a TenantId are charged to the default"
				+ " subscription");
	}

	@Test
	void customerSubscriptionsDifferingOnlyInCaseFailTheRun() throws Exception {
		// given
		Workspace workspace = east(Map.of(CONTOSO, CONTOSO_CSP, "c0000000-0000-4000-8000-000000000002",
				CONTOSO_CSP.toLowerCase()));
		workspace.write("east/usage/a.csv", CANONICAL + hour(16, 0, ""));

		// when
		Result result = workspace.run("--from=2026-11-16");

		// then
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.stderr()).contains("cannot be charged with: customer subscriptions " + CONTOSO_CSP + " and "
				+ CONTOSO_CSP.toLowerCase() + " differ only in case");
		assertThat(Files.exists(workspace.range("2026-11-16", "2026-11-16"))).isFalse();
	}

}

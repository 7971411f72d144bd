package org.hubchargeback.usage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
 * Issue 16: exports and user-subscription lists in every shape Windows PowerShell 5.1 and PowerShell 7 write them,
 * each charged exactly.
 */
class PowerShellShapesTests {

	static final String DEFAULT = "11111111-1111-4111-8111-111111111111";

	static final String TENANT = "aaaaaaaa-0000-4000-8000-000000000001";

	static final String CSP = "c1c1c1c1-0000-4000-8000-00000000c0c1";

	static final String LOCAL = "5e000000-0000-4000-8000-000000000001";

	static final String METER = "FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5";

	static final String VM = "/subscriptions/" + LOCAL + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1";

	static final String TYPE_LINE = "#TYPE System.Management.Automation.PSCustomObject\r\n";

	static final String SUMMARY_HEADER = "\"UsageStartTime\",\"UsageEndTime\",\"MeterName\",\"Quantity\",\"resourceType\","
			+ "\"location\",\"resourceGroup\",\"resourceName\",\"subowner\",\"tags\",\"MeterId\",\"additionalInfo\","
			+ "\"subscription\",\"resourceUri\"\r\n";

	/**
	 * {@code Get-AzsSubscriberUsage | Export-Csv}: the API's record, its instance data a JSON string.
	 */
	static final String RAW_HEADER = "\"Id\",\"Name\",\"Type\",\"Location\",\"Tags\",\"InstanceData\",\"MeterId\","
			+ "\"Quantity\",\"SubscriptionId\",\"UsageEndTime\",\"UsageStartTime\"\r\n";

	@TempDir
	Path dir;

	Workspace workspace;

	@BeforeEach
	void hub() {
		this.workspace = new Workspace(this.dir).hub("east", DEFAULT, "en-US", Map.of(TENANT, CSP),
				Map.of(LOCAL, TENANT));
	}

	static String summaryRow(int hour, String quantity, String tags) {
		return String.join(",", q("11/16/2026 " + (hour + 1) + ":00:00 AM"), q("11/16/2026 " + (hour + 2) + ":00:00 AM"),
				q("Base VM Size Hours"), q(quantity), q("virtualMachines"), q("local"), q("rg"), q("vm1"),
				q("admin@contoso.onmicrosoft.com"), tags.isEmpty() ? "" : q(tags), q(METER), "", q(LOCAL), q(VM))
				+ "\r\n";
	}

	static String rawRow(int hour, String quantity, String tagsJson) {
		String instanceData = "{\"Microsoft.Resources\":{\"resourceUri\":\"" + VM + "\",\"location\":\"local\","
				+ "\"tags\":" + tagsJson + ",\"additionalInfo\":{\"ServiceType\":\"Standard_D2_v2\"}}}";
		return String.join(",", q("/subscriptions/" + LOCAL + "/providers/Microsoft.Commerce.Admin/UsageAggregate/x"),
				q(LOCAL + "-" + METER), q("Microsoft.Commerce.Admin/UsageAggregate"), "", "", q(instanceData), q(METER),
				q(quantity), q(LOCAL), q("11/16/2026 " + (hour + 2) + ":00:00 AM"),
				q("11/16/2026 " + (hour + 1) + ":00:00 AM")) + "\r\n";
	}

	/**
	 * The row with additional information (its empty field before the subscription's) naming a VM size.
	 */
	static String resized(String summaryRow, String size) {
		String additionalInfo = q("{\"ServiceType\":\"" + size + "\"}");
		return summaryRow.replace(",," + q(LOCAL) + ",", "," + additionalInfo + "," + q(LOCAL) + ",");
	}

	static String q(String value) {
		return "\"" + value.replace("\"", "\"\"") + "\"";
	}

	Result run() {
		return this.workspace.run("--from=2026-11-16");
	}

	Path range() {
		return this.workspace.range("2026-11-16", "2026-11-16");
	}

	List<Map<String, String>> chargeback() {
		return csv(range().resolve("chargeback/" + CSP + ".csv"));
	}

	@Test
	void aTypeLineBeforeTheHeaderIsSkipped() {
		// given Export-Csv without -NoTypeInformation, and with -UseCulture in a semicolon culture
		this.workspace.write("east/usage/a.csv", TYPE_LINE + SUMMARY_HEADER + summaryRow(0, "1.5", ""));
		this.workspace.write("east/usage/b.csv",
				(TYPE_LINE + SUMMARY_HEADER + summaryRow(1, "2", "")).replace("\",", "\";").replace(",\"", ";\"")
					.replace(",,", ";;"));

		// when
		Result result = run();

		// then
		assertThat(result.exitCode()).isZero();
		assertThat(chargeback()).singleElement().satisfies((r) -> assertThat(r).containsEntry("Quantity", "3.5"));
		assertThat(range().resolve("rejected-records.csv")).content().hasLineCount(1);
	}

	@Test
	void exportsConcatenatedInUtf16RepeatTheirHeadersWhichAreSkippedAndCounted() {
		// given Get-Content a.csv,b.csv > all.csv in Windows PowerShell 5.1: UTF-16 with a mark, a second type line
		// and header in the middle
		String all = "\uFEFF" + TYPE_LINE + SUMMARY_HEADER + summaryRow(0, "1", "") + TYPE_LINE + SUMMARY_HEADER
				+ summaryRow(1, "2", "") + SUMMARY_HEADER.toLowerCase() + summaryRow(2, "4", "");
		this.workspace.writeBytes("east/usage/all.csv", all.getBytes(StandardCharsets.UTF_16LE));
		this.workspace.writeBytes("east/usage/be.csv",
				("\uFEFF" + SUMMARY_HEADER + summaryRow(3, "8", "")).getBytes(StandardCharsets.UTF_16BE));

		// when
		Result result = run();

		// then
		assertThat(result.exitCode()).isZero();
		assertThat(chargeback()).singleElement().satisfies((r) -> assertThat(r).containsEntry("Quantity", "15"));
		assertThat(range().resolve("rejected-records.csv")).content().hasLineCount(1);
		JsonNode inputs = Workspace.json(range().resolve("manifest.json")).path("inputFiles");
		assertThat(inputs).extracting((f) -> f.path("path").asString().replaceAll(".*/", "") + " records="
				+ f.path("records").asLong() + " repeatedHeaders=" + f.path("repeatedHeaders").asLong())
			.containsExactly("all.csv records=3 repeatedHeaders=3", "be.csv records=1 repeatedHeaders=0");
	}

	@Test
	void theRawCmdletExportIsReadFromItsInstanceData() {
		// given Get-AzsSubscriberUsage | Export-Csv: no resourceUri column; within hour 0 a tag changed, which the API
		// reports as two records
		this.workspace.write("east/usage/raw.csv", TYPE_LINE.replace("PSCustomObject",
				"Microsoft.AzureStack.Management.Commerce.Admin.Models.UsageAggregate") + RAW_HEADER
				+ rawRow(0, "0.25", "{\"Department\":\"Sales\"}") + rawRow(0, "0.75", "{\"Department\":\"IT\"}")
				+ rawRow(1, "1", "null"));

		// when
		Result result = run();

		// then both records of the tag change are charged, on the resource's row
		assertThat(result.exitCode()).isZero();
		assertThat(chargeback()).singleElement()
			.satisfies((r) -> assertThat(r).containsEntry("ResourceUri", VM)
				.containsEntry("Quantity", "2")
				.containsEntry("RecordCount", "3"));
	}

	@Test
	void aTagChangeIsTwoRecordsAndAReExportInJsonIsADuplicate() {
		// given Usagesummary.ps1's @{} tags, a tag change within hour 0, and the same records re-exported with the
		// tags as JSON in another key order (and PowerShell 7's 17-digit double)
		this.workspace.write("east/usage/a.csv", SUMMARY_HEADER
				+ summaryRow(0, "0.3", "@{Department=Sales; CostCenter=4711}")
				+ summaryRow(0, "0.7", "@{Department=IT; CostCenter=4711}"));
		this.workspace.write("east/usage/b.csv", "UsageStartTime,UsageEndTime,SubscriptionId,MeterId,Quantity,"
				+ "ResourceUri,Location,Tags\n" + "2026-11-16T01:00:00Z,2026-11-16T02:00:00Z," + LOCAL + "," + METER
				+ ",0.30000000000000004," + VM + ",local,\"{\"\"CostCenter\"\":4711,\"\"Department\"\":\"\"Sales\"\"}\"\n");

		// when
		Result result = run();

		// then
		assertThat(result.exitCode()).isZero();
		assertThat(chargeback()).singleElement()
			.satisfies((r) -> assertThat(r).containsEntry("Quantity", "1").containsEntry("RecordCount", "2"));
		assertThat(result.stdout()).contains("3 input records: 2 charged to customer subscriptions", "1 duplicate");
		assertThat(range().resolve("rejected-records.csv")).content().hasLineCount(1);
	}

	@Test
	void aConflictingDuplicateShowsTheExportsOwnLineInRejectedRecords() {
		// given an hour re-exported with another quantity in UTF-16 (Windows PowerShell 5.1's Out-File), and another
		// whose tags hold a line break re-exported with another quantity in UTF-8, after a blank line
		String twoLines = "@{Note=line one\r\nline two}";
		this.workspace.write("east/usage/a.csv", SUMMARY_HEADER + summaryRow(0, "1", "@{Department=Sales}")
				+ summaryRow(1, "1", twoLines));
		String utf16 = summaryRow(0, "2", "@{Department=Sales}");
		this.workspace.writeBytes("east/usage/b.csv",
				("\uFEFF" + SUMMARY_HEADER + utf16).getBytes(StandardCharsets.UTF_16LE));
		String multiLine = summaryRow(1, "5", twoLines);
		this.workspace.write("east/usage/c.csv", SUMMARY_HEADER + "\r\n" + multiLine);

		// when
		Result result = run();

		// then each rejected line is the export's text, quotes and line break as the file has them
		assertThat(result.exitCode()).isZero();
		assertThat(chargeback()).singleElement().satisfies((r) -> assertThat(r).containsEntry("Quantity", "2"));
		assertThat(csv(range().resolve("rejected-records.csv"))).extracting((r) -> r.get("RawLine"))
			.containsExactly(utf16.substring(0, utf16.length() - 2), multiLine.substring(0, multiLine.length() - 2));
		// the physical lines they start on: a blank line counts (the reader before FastCSV said 2, and the re-read
		// found no record there)
		assertThat(csv(range().resolve("rejected-records.csv"))).extracting((r) -> r.get("Line"))
			.containsExactly("2", "3");
	}

	@Test
	void aTagChangeAtTheSameQuantityAndAResizeAreEachTwoRecords() {
		// given within hour 0 a tag change with equal quantities (once counted a duplicate), and within hour 1 a
		// resize, which changes the additional information Usagesummary.ps1 writes
		this.workspace.write("east/usage/a.csv", SUMMARY_HEADER + summaryRow(0, "0.5", "@{Department=Sales}")
				+ summaryRow(0, "0.5", "@{Department=IT}")
				+ resized(summaryRow(1, "0.25", ""), "Standard_D2_v2")
				+ resized(summaryRow(1, "0.75", ""), "Standard_D4_v2"));

		// when
		Result result = run();

		// then all four records are charged, on one row of the resource and meter
		assertThat(result.exitCode()).isZero();
		assertThat(chargeback()).singleElement()
			.satisfies((r) -> assertThat(r).containsEntry("Quantity", "2").containsEntry("RecordCount", "4"));
		assertThat(result.stdout()).contains("4 charged to customer subscriptions", "0 duplicate");
		assertThat(range().resolve("rejected-records.csv")).content().hasLineCount(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "csv-utf16-type-line", "csv-semicolon", "json-array-utf16", "json-value-pascal-case" })
	void userSubscriptionListsInEveryShapePowerShellWrites(String shape) {
		// given the hub's user subscriptions in one shape, under a name that does not say which
		String csv = "\"SubscriptionId\",\"DisplayName\",\"Owner\",\"TenantId\",\"State\"\r\n" + String.join(",",
				q(LOCAL), q("contoso"), q("admin@contoso.onmicrosoft.com"), q(TENANT), q("Enabled")) + "\r\n";
		String array = "[\r\n  {\r\n    \"SubscriptionId\":  \"" + LOCAL + "\",\r\n    \"TenantId\":  \"" + TENANT
				+ "\",\r\n    \"State\":  \"Enabled\"\r\n  }\r\n]";
		byte[] content = switch (shape) {
			case "csv-utf16-type-line" -> ("\uFEFF#TYPE Microsoft.AzureStack.Management.Subscriptions.Admin.Models."
					+ "Subscription\r\n" + csv).getBytes(StandardCharsets.UTF_16LE);
			case "csv-semicolon" -> csv.replace("\",\"", "\";\"").getBytes(StandardCharsets.UTF_8);
			case "json-array-utf16" -> ("\uFEFF" + array).getBytes(StandardCharsets.UTF_16LE);
			default -> ("{\"Value\":" + array.replace("TenantId", "TENANTID") + "}").getBytes(StandardCharsets.UTF_8);
		};
		this.workspace.writeBytes("east/user-subscriptions.json", content);
		this.workspace.write("east/usage/a.csv", SUMMARY_HEADER + summaryRow(0, "1", ""));

		// when
		Result result = run();

		// then the usage is the tenant's, charged to its customer subscription
		assertThat(result.exitCode()).isZero();
		assertThat(chargeback()).singleElement()
			.satisfies((r) -> assertThat(r).containsEntry("TenantId", TENANT).containsEntry("ChargeReason", "REGISTERED"));
	}

}

package org.hubchargeback;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.hubchargeback.Workspace.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hubchargeback.Workspace.csv;

/**
 * The README's first command: the bundled sample data, two hubs, five tenants, as a newcomer sees it. The expected
 * figures were counted from the sample files independently of the job.
 */
class SampleDataTests {

	static final String CONTOSO_CSP = "5B584C94-8FB4-4647-AFE6-879085600DBF";

	static final String HUB_A_DEFAULT = "3f1c9a52-6b7e-4d8a-9c21-5e0b7a4d2f10";

	static final String HUB_B_DEFAULT = "8d2e4b61-0c3f-4a7e-b5d9-1a6c3e8f7b20";

	@TempDir
	Path dir;

	@Test
	void sampleDataRunPublishesEveryFileAndTheControlTotalsAddUp() {
		// given
		Workspace workspace = new Workspace(this.dir).config(Path.of("sample-data/hub-chargeback.yml"));

		// when
		Result result = workspace.run("--from=2026-11-16", "--to=2026-11-18");

		// then
		assertThat(result.exitCode()).isZero();
		Path range = workspace.range("2026-11-16", "2026-11-18");
		assertThat(range.resolve("chargeback")).isDirectoryContaining("glob:**/" + CONTOSO_CSP + ".csv")
			.isDirectoryContaining("glob:**/" + HUB_A_DEFAULT + ".csv")
			.isDirectoryContaining("glob:**/" + HUB_B_DEFAULT + ".csv");

		JsonNode totals = Workspace.json(range.resolve("manifest.json")).path("controlTotals");
		// hub-a: 602 rows = 4 bad + 1 duplicate + 4 dated the 19th + 593 charged; hub-b: 435 = 1 bad + 3 + 431
		assertThat(totals.path("byHub").path("hub-a").path("inputRecords").asLong()).isEqualTo(602);
		assertThat(totals.path("byHub").path("hub-a").path("rejectedRecords").asLong()).isEqualTo(4);
		assertThat(totals.path("byHub").path("hub-a").path("duplicateRecords").asLong()).isEqualTo(1);
		assertThat(totals.path("byHub").path("hub-a").path("outOfRangeRecords").asLong()).isEqualTo(4);
		assertThat(totals.path("byHub").path("hub-b").path("inputRecords").asLong()).isEqualTo(435);
		assertThat(totals.path("byHub").path("hub-b").path("rejectedRecords").asLong()).isEqualTo(1);
		assertThat(totals.path("byHub").path("hub-b").path("outOfRangeRecords").asLong()).isEqualTo(3);
		assertThat(totals.path("inputRecords").asLong()).isEqualTo(1037);
		assertThat(totals.path("chargedRecords").asLong() + totals.path("defaultRecords").asLong())
			.isEqualTo(593 + 431);

		assertThat(csv(range.resolve("rejected-records.csv"))).extracting((r) -> r.get("Line") + " " + r.get("Field"))
			.containsExactly("135 (record)", "260 UsageStartTime", "77 Quantity", "106 MeterId", "219 Quantity");

		List<Map<String, String>> unregistered = csv(range.resolve("unregistered-tenants.csv"));
		assertThat(unregistered).extracting((r) -> r.get("HubName") + " " + r.get("Reason") + " " + r.get("TenantId"))
			.containsExactly("hub-a SUBSCRIPTION_WITHOUT_TENANT ",
					"hub-a TENANT_NOT_REGISTERED 8080af8d-857a-45c4-8296-ab1301adfa28",
					"hub-b TENANT_NOT_REGISTERED b006c93f-3057-4f95-8184-9382035e26fb");

		// each chargeback file's totals are in the manifest, as the file itself sums
		for (JsonNode output : Workspace.json(range.resolve("manifest.json")).path("outputFiles")) {
			String path = output.path("path").asString();
			if (path.startsWith("chargeback/")) {
				List<Map<String, String>> rows = csv(range.resolve(path));
				assertThat(output.path("rows").asLong()).as(path).isEqualTo(rows.size());
				assertThat(new BigDecimal(output.path("quantity").asString())).as(path)
					.isEqualByComparingTo(rows.stream().map((r) -> new BigDecimal(r.get("Quantity")))
						.reduce(BigDecimal.ZERO, BigDecimal::add));
			}
			else {
				assertThat(output.has("quantity")).as(path).isFalse();
			}
		}

		// Woodgrove's SQL database on hub-b: 49152 + 47104 (the bad 'abc' hour missing) + 49152 MB*hours
		assertThat(csv(range.resolve("summary.csv")))
			.filteredOn((r) -> r.get("MeterName").equals("DatabaseSizeHourSqlMeter"))
			.singleElement()
			.satisfies((r) -> assertThat(r).containsEntry("ChargedSubscriptionId", "a49b9696-751e-4402-a733-3ad46f48a5a0")
				.containsEntry("Quantity", "145408"));
	}

	@Test
	void sampleDataOnPostgresPublishesWhatTheEmbeddedDatabasePublishes() throws IOException {
		// given the sample data, charged with PostgreSQL as the job database and with the embedded H2 database
		Path config = Path.of("sample-data/hub-chargeback.yml");
		Workspace h2 = new Workspace(this.dir.resolve("h2")).config(config);
		try (PostgresSchema schema = PostgresSchema.create()) {
			Workspace postgres = new Workspace(this.dir.resolve("postgres")).config(config).postgres(schema);

			// when
			Result result = postgres.run("--from=2026-11-16", "--to=2026-11-18");
			assertThat(h2.run("--from=2026-11-16", "--to=2026-11-18").exitCode()).isZero();

			// then every file is the same, byte for byte, but for the manifest's generation time
			assertThat(result.exitCode()).isZero();
			assertThat(result.stdout()).contains("run 1 COMPLETED: 1037 input records: 857 charged to customer"
					+ " subscriptions, 167 to default subscriptions, 5 rejected, 1 duplicate, 7 out of range");
			Map<String, String> expected = Workspace.publishedFiles(h2.range("2026-11-16", "2026-11-18"));
			Map<String, String> actual = Workspace.publishedFiles(postgres.range("2026-11-16", "2026-11-18"));
			assertThat(actual.keySet()).isEqualTo(expected.keySet()).contains("manifest.json", "summary.csv");
			expected.forEach((file, text) -> assertThat(actual.get(file)).as(file).isEqualTo(text));
		}
	}

	@Test
	void byteOrderMarkForExcelStartsEveryCsvFileAndChangesNothingElse() throws IOException {
		// given the sample data charged as usual, and for Excel
		Path config = Path.of("sample-data/hub-chargeback.yml");
		Workspace usual = new Workspace(this.dir.resolve("usual")).config(config);
		Workspace excel = new Workspace(this.dir.resolve("excel")).config(config);

		// when
		assertThat(usual.run("--from=2026-11-16", "--to=2026-11-18").exitCode()).isZero();
		assertThat(excel.run("--from=2026-11-16", "--to=2026-11-18", "--hub-chargeback.csv.byte-order-mark=true")
			.exitCode()).isZero();

		// then each CSV file is the usual one behind the three bytes of the mark, and the totals are the same
		Path usualRange = usual.range("2026-11-16", "2026-11-18");
		Path excelRange = excel.range("2026-11-16", "2026-11-18");
		List<Path> csvFiles;
		try (Stream<Path> files = Files.walk(usualRange)) {
			csvFiles = files.filter((file) -> file.toString().endsWith(".csv")).toList();
		}
		assertThat(csvFiles).hasSizeGreaterThan(5);
		for (Path file : csvFiles) {
			byte[] plain = Files.readAllBytes(file);
			byte[] marked = Files.readAllBytes(excelRange.resolve(usualRange.relativize(file)));
			assertThat(Arrays.copyOfRange(marked, 0, 3)).as(file.toString())
				.containsExactly((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
			assertThat(Arrays.copyOfRange(marked, 3, marked.length)).as(file.toString()).isEqualTo(plain);
		}
		assertThat(Workspace.json(excelRange.resolve("manifest.json")).path("controlTotals"))
			.isEqualTo(Workspace.json(usualRange.resolve("manifest.json")).path("controlTotals"));

		// and a rerun reads the marked summary it replaces: nothing changed, nothing restated
		Result rerun = excel.run("--from=2026-11-16", "--to=2026-11-18", "--hub-chargeback.csv.byte-order-mark=true");
		assertThat(rerun.exitCode()).isZero();
		assertThat(csv(excelRange.resolve("restatement.csv")))
			.allSatisfy((row) -> assertThat(new BigDecimal(row.get("Difference"))).isZero());
		assertThat(Files.readAllBytes(excelRange.resolve("restatement.csv"))).startsWith((byte) 0xEF, (byte) 0xBB,
				(byte) 0xBF);
	}

}

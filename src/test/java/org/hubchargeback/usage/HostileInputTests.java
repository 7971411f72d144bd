package org.hubchargeback.usage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.hubchargeback.Workspace;
import org.hubchargeback.Workspace.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hubchargeback.Workspace.csv;

/**
 * What real nights bring: each hostile export ends as rejected rows with a reason, as a run that fails naming the
 * file and line, or is read as what it is. Never a silent drop, never a stack trace as the only message.
 */
class HostileInputTests {

	static final String DEFAULT = "11111111-1111-4111-8111-111111111111";

	static final String TENANT = "aaaaaaaa-0000-4000-8000-000000000001";

	static final String CSP = "c1c1c1c1-0000-4000-8000-00000000c0c1";

	static final String LOCAL = "5e000000-0000-4000-8000-000000000001";

	static final String METER = "FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5";

	static final String HEADER = "UsageStartTime,UsageEndTime,SubscriptionId,MeterId,Quantity,ResourceUri\n";

	@TempDir
	Path dir;

	Workspace workspace;

	@BeforeEach
	void hub() {
		this.workspace = new Workspace(this.dir).hub("east", DEFAULT, "en-US", Map.of(TENANT, CSP),
				Map.of(LOCAL, TENANT));
	}

	static String row(int hour, String quantity) {
		return String.format("2026-11-16T%02d:00:00Z,2026-11-16T%02d:00:00Z,%s,%s,%s,/subscriptions/%s/vm1%n", hour,
				hour + 1, LOCAL, METER, quantity, LOCAL);
	}

	Result run() {
		return this.workspace.run("--from=2026-11-16");
	}

	Path range() {
		return this.workspace.range("2026-11-16", "2026-11-16");
	}

	List<Map<String, String>> rejected() {
		return csv(range().resolve("rejected-records.csv"));
	}

	String charged() {
		return csv(range().resolve("chargeback/" + CSP + ".csv")).get(0).get("Quantity");
	}

	@Nested
	class RejectedRows {

		@Test
		void truncatedLastLine() {
			// given a file cut short in its last row, with no line end
			HostileInputTests.this.workspace.write("east/usage/a.csv",
					HEADER + row(0, "1") + "2026-11-16T01:00:00Z,2026-11-16T02:00:00Z," + LOCAL);

			// when
			Result result = run();

			// then
			assertThat(result.exitCode()).isZero();
			assertThat(rejected()).singleElement()
				.satisfies((r) -> assertThat(r).containsEntry("Line", "3")
					.containsEntry("Field", "(record)")
					.containsEntry("Reason", "expected 6 fields as in the header, found 3"));
		}

		@Test
		void nulBytesAndAHugeFieldAndUsageInTheFuture() {
			// given a NUL in a field, a 10 MB resource ID, usage dated 2099
			String huge = "/subscriptions/x/" + "a".repeat(10 * 1024 * 1024);
			HostileInputTests.this.workspace.write("east/usage/a.csv", HEADER + row(0, "1")
					+ row(1, "1").replace("/vm1", "/v\0m1") + row(2, "1").replace("/subscriptions/" + LOCAL + "/vm1", huge)
					+ row(3, "1").replace("2026-11-16T03", "2099-11-16T03"));

			// when
			Result result = run();

			// then
			assertThat(result.exitCode()).isZero();
			assertThat(rejected()).extracting((r) -> r.get("Line") + " " + r.get("Field") + " " + r.get("Reason"))
				.containsExactly("3 ResourceUri contains NUL characters: not text",
						"4 ResourceUri too long: " + huge.length() + " characters, at most 2000",
						"5 UsageStartTime usage starts in the future (2099-11-16T03:00:00Z)");
			assertThat(rejected().get(1).get("RawLine")).hasSizeLessThan(10_100).endsWith("characters in all)");
			assertThat(charged()).isEqualTo("1");
		}

		@Test
		void extraAndMissingColumnsAndOddQuantities() {
			// given
			HostileInputTests.this.workspace.write("east/usage/a.csv", HEADER + row(0, "1E-05") + row(1, "1,extra")
					+ row(2, "2,4") + row(3, "-1") + row(4, "NaN") + row(5, "2").replace(",/subscriptions", ""));

			// when
			run();

			// then
			assertThat(rejected()).extracting((r) -> r.get("Line") + " " + r.get("Field") + " " + r.get("Reason"))
				.containsExactly("3 (record) expected 6 fields as in the header, found 7",
						"4 (record) expected 6 fields as in the header, found 7", "5 Quantity negative quantity -1",
						"6 Quantity not a number: 'NaN'", "7 (record) expected 6 fields as in the header, found 5");
			assertThat(charged()).isEqualTo("0.00001");
		}

		@Test
		void aFileThatIsMostlyGarbageFailsTheRunAsABrokenExport() {
			// given 30 rows, 20 of them unreadable
			StringBuilder rows = new StringBuilder(HEADER);
			for (int hour = 0; hour < 30; hour++) {
				rows.append(row(hour % 23, (hour < 20) ? "x" + hour : "1"));
			}
			HostileInputTests.this.workspace.write("east/usage/garbage.csv", rows.toString());

			// when
			Result result = run();

			// then
			assertThat(result.exitCode()).isEqualTo(1);
			assertThat(result.stderr()).contains("garbage.csv: 20 of 30 rows rejected")
				.contains("a broken export, not bad rows")
				.contains("First: line 2 Quantity: not a number: 'x0'");
			assertThat(range()).doesNotExist();
		}

	}

	@Nested
	class BrokenFiles {

		@Test
		void wrongDelimiterIsNotAUsageExport() {
			// given
			HostileInputTests.this.workspace.write("east/usage/a.csv", HEADER.replace(',', '|') + row(0, "1").replace(',', '|'));

			// when
			Result result = run();

			// then
			assertThat(result.exitCode()).isEqualTo(1);
			assertThat(result.stderr()).contains("a.csv line 1: not a usage export");
		}

		@Test
		void duplicateHeaderNames() {
			// given
			HostileInputTests.this.workspace.write("east/usage/a.csv", HEADER.replace("ResourceUri", "Quantity") + row(0, "1"));

			// when
			Result result = run();

			// then
			assertThat(result.exitCode()).isEqualTo(1);
			assertThat(result.stderr()).contains("a.csv line 1: duplicate column 'Quantity' (columns 5 and 6)");
		}

		@Test
		void unterminatedQuote() {
			// given
			HostileInputTests.this.workspace.write("east/usage/a.csv", HEADER + row(0, "1") + "\"2026-11-16T01:00:00Z," + row(2, "1"));

			// when
			Result result = run();

			// then
			assertThat(result.exitCode()).isEqualTo(1);
			assertThat(result.stderr()).contains("a.csv line 3: the record starting here (or on a later line) is not valid CSV");
		}

		@Test
		void unreadableFile() throws IOException {
			// given an export that is a link to nothing (an unmounted share); root reads any file, so no chmod
			Files.createSymbolicLink(HostileInputTests.this.dir.resolve("east/usage/gone.csv"),
					HostileInputTests.this.dir.resolve("nowhere/gone.csv"));

			// when
			Result result = run();

			// then
			assertThat(result.exitCode()).isEqualTo(1);
			assertThat(result.stderr()).contains("gone.csv: file is not readable");
		}

		@Test
		void corruptGzip() {
			// given
			HostileInputTests.this.workspace.write("east/usage/a.csv.gz", "this is not gzip");

			// when
			Result result = run();

			// then
			assertThat(result.exitCode()).isEqualTo(1);
			assertThat(result.stderr()).contains("a.csv.gz: cannot read: Not in GZIP format");
		}

	}

	@Nested
	class ReadAsWhatTheyAre {

		@Test
		void emptyAndHeaderOnlyFilesHoldNoRecords() {
			// given
			HostileInputTests.this.workspace.write("east/usage/a.csv", HEADER + row(0, "1"));
			HostileInputTests.this.workspace.write("east/usage/empty.csv", "");
			HostileInputTests.this.workspace.write("east/usage/header.csv", HEADER);

			// when
			Result result = run();

			// then
			assertThat(result.exitCode()).isZero();
			JsonNode inputs = Workspace.json(range().resolve("manifest.json")).path("inputFiles");
			assertThat(inputs).extracting((f) -> f.path("path").asString().replaceAll(".*/", "") + "="
					+ f.path("records").asLong())
				.containsExactly("a.csv=1", "empty.csv=0", "header.csv=0");
		}

		@Test
		void encodingsAndCompression() throws IOException {
			// given the same kind of row as UTF-16 with and without a mark, UTF-8 with a mark, and gzip
			HostileInputTests.this.workspace.writeBytes("east/usage/a-utf16-bom.csv",
					bytes("\uFEFF" + HEADER + row(0, "1"), StandardCharsets.UTF_16LE));
			HostileInputTests.this.workspace.writeBytes("east/usage/b-utf16.csv",
					bytes(HEADER + row(1, "1"), StandardCharsets.UTF_16LE));
			HostileInputTests.this.workspace.writeBytes("east/usage/c-utf8-bom.csv",
					bytes("\uFEFF" + HEADER + row(2, "1"), StandardCharsets.UTF_8));
			HostileInputTests.this.workspace.writeBytes("east/usage/d.csv.gz",
					gzip(bytes(HEADER + row(3, "1"), StandardCharsets.UTF_8)));

			// when
			Result result = run();

			// then
			assertThat(result.exitCode()).isZero();
			assertThat(charged()).isEqualTo("4");
		}

		@Test
		void datesInThreeCulturesAndASemicolonExport() {
			// given hubs exporting in en-US, de-DE (Export-Csv -UseCulture: semicolons, decimal comma) and en-GB
			HostileInputTests.this.workspace = new Workspace(HostileInputTests.this.dir)
				.hub("us", DEFAULT, "en-US", Map.of(TENANT, CSP), Map.of(LOCAL, TENANT))
				.hub("de", DEFAULT, "de-DE", Map.of(TENANT, CSP), Map.of(LOCAL, TENANT))
				.hub("gb", DEFAULT, "en-GB", Map.of(TENANT, CSP), Map.of(LOCAL, TENANT));
			String header = "\"UsageStartTime\",\"UsageEndTime\",\"Quantity\",\"MeterId\",\"subscription\",\"resourceUri\"\n";
			String uri = "/subscriptions/" + LOCAL + "/vm1";
			HostileInputTests.this.workspace.write("us/usage/a.csv", header + String.join(",", q("11/16/2026 1:00:00 PM"),
					q("11/16/2026 2:00:00 PM"), q("1.5"), q(METER), q(LOCAL), q(uri)) + "\n");
			HostileInputTests.this.workspace.write("de/usage/a.csv", header.replace(',', ';') + String.join(";",
					q("16.11.2026 13:00:00"), q("16.11.2026 14:00:00"), q("2,5"), q(METER), q(LOCAL), q(uri)) + "\n");
			HostileInputTests.this.workspace.write("gb/usage/a.csv", header + String.join(",", q("16/11/2026 13:00:00"),
					q("16/11/2026 14:00:00"), q("3"), q(METER), q(LOCAL), q(uri)) + "\n");

			// when
			Result result = run();

			// then
			assertThat(result.exitCode()).isZero();
			assertThat(csv(range().resolve("chargeback/" + CSP + ".csv")))
				.extracting((r) -> r.get("HubName") + "=" + r.get("Quantity") + "@" + r.get("FirstUsageStart"))
				.containsExactly("de=2.5@2026-11-16T13:00:00Z", "gb=3@2026-11-16T13:00:00Z",
						"us=1.5@2026-11-16T13:00:00Z");
		}

	}

	/**
	 * Issue 16: values that hung the job, failed the run, were published as absurd numbers or ran as formulas in a
	 * spreadsheet. Each is a rejected row naming file, line and field; the good row beside it is charged.
	 */
	@Nested
	class Issue16HostileValues {

		@ParameterizedTest
		@CsvSource(delimiter = '|', textBlock = """
				1E+100000000 | quantity 1E+100000000 is larger than 1000000000000
				1E-1000000   | quantity 1E-1000000 has more than 30 decimals
				1E+20000     | quantity 1E+20000 is larger than 1000000000000
				1000000000001| quantity 1000000000001 is larger than 1000000000000
				0.0000000000000000000000000000001 | quantity 0.0000000000000000000000000000001 has more than 30 decimals
				""")
		void aQuantityOutOfBoundsIsARejectedRow(String quantity, String reason) {
			// given
			HostileInputTests.this.workspace.write("east/usage/a.csv", HEADER + row(0, "1") + row(1, quantity));

			// when
			Result result = run();

			// then
			assertThat(result.exitCode()).isZero();
			assertThat(rejected()).singleElement()
				.satisfies((r) -> assertThat(r).containsEntry("Line", "3")
					.containsEntry("Field", "Quantity")
					.containsEntry("Reason", reason)
					.hasEntrySatisfying("File", (file) -> assertThat(file).endsWith("a.csv")));
			assertThat(charged()).isEqualTo("1");
		}

		@Test
		void aQuantityTooLongToBeADoubleIsRejectedBeforeItIsParsed() {
			// given a quantity of 100,000 digits
			HostileInputTests.this.workspace.write("east/usage/a.csv",
					HEADER + row(0, "1") + row(1, "1" + "0".repeat(99_999)));

			// when
			Result result = run();

			// then
			assertThat(result.exitCode()).isZero();
			assertThat(rejected()).extracting((r) -> r.get("Line") + " " + r.get("Field") + " " + r.get("Reason"))
				.containsExactly("3 Quantity quantity too long: 100000 characters, at most 64");
			assertThat(charged()).isEqualTo("1");
		}

		@Test
		void aMeterIdOrResourceUriThatIsAFormulaIsARejectedRow() {
			// given a meter ID and resource IDs a spreadsheet would run (fields are trimmed: the tab goes, the formula
			// stays); meter IDs with and without hyphens are fine
			String uri = "/subscriptions/" + LOCAL + "/vm1";
			HostileInputTests.this.workspace.write("east/usage/a.csv", HEADER + row(0, "1")
					+ row(1, "1").replace(METER, METER.replace("-", "").toLowerCase())
					+ row(2, "1").replace(METER, "@SUM(1)") + row(3, "1").replace(uri, "\"=cmd|' /C calc'!A0\"")
					+ row(4, "1").replace(uri, "\"\t=1+1\"") + row(5, "1").replace(uri, "")
					+ row(6, "1").replace(uri, "\"/subscriptions/x/vm1\r=1+1\""));

			// when
			Result result = run();

			// then
			assertThat(result.exitCode()).isZero();
			assertThat(rejected()).extracting((r) -> r.get("Line") + " " + r.get("Field") + " " + r.get("Reason"))
				.containsExactly("4 MeterId not a meter ID (a GUID): '@SUM(1)'",
						"5 ResourceUri not an Azure resource ID (/subscriptions/...): '=cmd|' /C calc'!A0'",
						"6 ResourceUri not an Azure resource ID (/subscriptions/...): '=1+1'",
						"8 ResourceUri contains control characters: '/subscriptions/x/vm1\\r=1+1'");
			// an empty resource ID is allowed: the API does not promise one
			assertThat(csv(range().resolve("chargeback/" + CSP + ".csv")))
				.extracting((r) -> r.get("ResourceUri") + "=" + r.get("Quantity"))
				.containsExactly("=1", uri + "=2");
		}

		@Test
		void aRejectedLineThatIsAFormulaIsNeutralizedInRejectedRecords() {
			// given rows whose first field is a formula (not a date: rejected, and shown as read)
			HostileInputTests.this.workspace.write("east/usage/a.csv", HEADER + row(0, "1")
					+ "=1+1" + row(1, "1").substring(20) + "-2+3" + row(2, "1").substring(20) + "@SUM(1)"
					+ row(3, "1").substring(20));

			// when
			Result result = run();

			// then the raw lines are shown as text, starting with a single quote
			assertThat(result.exitCode()).isZero();
			assertThat(rejected()).extracting((r) -> r.get("RawLine").substring(0, 5))
				.containsExactly("'=1+1", "'-2+3", "'@SUM");
		}

		@Test
		void aFileNameWithALineBreakCannotForgeAnOutputLine() {
			// given a broken export whose name holds a line break and a forged result line
			String forged = "hub-chargeback: 2026-11-16_2026-11-16 run 1 COMPLETED: 0 records";
			HostileInputTests.this.workspace.write("east/usage/a\n" + forged + ".csv", "not,a,usage,export\n");

			// when
			Result result = run();

			// then the name is printed on the failure's line, its line break escaped
			assertThat(result.exitCode()).isEqualTo(1);
			assertThat((result.stdout() + result.stderr()).lines()).noneMatch((line) -> line.startsWith(forged))
				.anyMatch((line) -> line.contains("FAILED") && line.contains("a\\n" + forged + ".csv"));
		}

	}

	static String q(String value) {
		return "\"" + value + "\"";
	}

	static byte[] bytes(String text, java.nio.charset.Charset charset) {
		return text.getBytes(charset);
	}

	static byte[] gzip(byte[] content) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(content);
		}
		return out.toByteArray();
	}

}

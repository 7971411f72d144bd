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

package org.hubchargeback.reconcile;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.hubchargeback.Workspace;
import org.hubchargeback.Workspace.Result;
import org.hubchargeback.reconcile.PartnerCenterReconFile.Line;
import org.hubchargeback.reconcile.PartnerCenterReconFile.Meter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hubchargeback.reconcile.ReconciliationFunctionalTests.BASE_VM;
import static org.hubchargeback.reconcile.ReconciliationFunctionalTests.BLOB;
import static org.hubchargeback.reconcile.ReconciliationFunctionalTests.CONTOSO;
import static org.hubchargeback.reconcile.ReconciliationFunctionalTests.CONTOSO_EAST;
import static org.hubchargeback.reconcile.ReconciliationFunctionalTests.DEFAULT;
import static org.hubchargeback.reconcile.ReconciliationFunctionalTests.FABRIKAM;
import static org.hubchargeback.reconcile.ReconciliationFunctionalTests.FABRIKAM_EAST;
import static org.hubchargeback.reconcile.ReconciliationFunctionalTests.NORTHWIND;
import static org.hubchargeback.reconcile.ReconciliationFunctionalTests.NORTHWIND_DEFAULT;
import static org.hubchargeback.reconcile.ReconciliationFunctionalTests.NORTHWIND_EAST;

/**
 * A run with {@code hub-chargeback.reconcile.in-run} reconciles its own range before publishing: reconciliation.csv
 * in the published folder (and the manifest), a section in summary.html, its differences as run warnings.
 */
class InRunReconciliationFunctionalTests {

	static final LocalDate FROM = LocalDate.of(2026, 10, 1);

	static final LocalDate TO = LocalDate.of(2026, 10, 3);

	static final LocalDate QUANTITY = LocalDate.of(2026, 10, 2);

	static final BigDecimal LATE_HOURS = new BigDecimal("40");

	@TempDir
	Path dir;

	Workspace workspace;

	@BeforeEach
	void hub() {
		this.workspace = new Workspace(this.dir).hub("east", DEFAULT, "en-US",
				Map.of(CONTOSO.tenantId(), CONTOSO.entitlementId(), FABRIKAM.tenantId(), FABRIKAM.entitlementId()),
				Map.of(CONTOSO_EAST, CONTOSO.tenantId(), FABRIKAM_EAST, FABRIKAM.tenantId(), NORTHWIND_EAST,
						NORTHWIND.tenantId()));
		this.workspace.settings("  pricing:\n    rate-card: " + Path.of("sample-data/rate-card.csv").toAbsolutePath()
				+ "\n  reconcile:\n    partner-center-dir: " + this.dir.resolve("partner-center")
				+ "\n    in-run: true\n");
		for (LocalDate day = FROM; !day.isAfter(TO); day = day.plusDays(1)) {
			this.workspace.write("east/usage/usage-" + day + ".csv", ReconciliationFunctionalTests.export(day));
		}
	}

	@Test
	void aDifferenceIsPublishedInTheFolderOnThePageAndAsAWarning() throws IOException {
		// given Partner Center's lines of the range, Contoso's VM hours of the 2nd billed 9 hours more
		this.workspace.write("partner-center/2026-10/DailyRatedUsage.csv",
				PartnerCenterReconFile.csv(billed(TO, QUANTITY), true, true));

		// when
		Result result = this.workspace.run("--from=" + FROM, "--to=" + TO);

		// then
		assertThat(result.exitCode()).as(result.stderr()).isEqualTo(3);
		assertThat(result.stderr()).contains("1 reconciliation row(s) QUANTITY_DIFFERENCE");
		Path published = this.workspace.range(FROM.toString(), TO.toString());
		List<Map<String, String>> rows = Workspace.csv(published.resolve("reconciliation.csv"));
		// 3 subscriptions (Northwind's on the default one) x 2 meters x 3 days
		assertThat(rows).hasSize(18);
		assertThat(rows).filteredOn((row) -> !row.get("Difference").equals("MATCHED"))
			.singleElement()
			.satisfies((row) -> assertThat(row).containsEntry("UsageDate", QUANTITY.toString())
				.containsEntry("SubscriptionId", CONTOSO.entitlementId())
				.containsEntry("MeterId", BASE_VM.localId())
				.containsEntry("ChargedQuantity", "96")
				.containsEntry("BilledQuantity", "105")
				.containsEntry("Difference", "QUANTITY_DIFFERENCE"));
		assertThat(published.resolve("WARNINGS.txt")).content()
			.contains("1 reconciliation row(s) QUANTITY_DIFFERENCE: charged and billed quantities differ beyond the"
					+ " tolerance");
		assertThat(manifestSha256(published, "reconciliation.csv")).isEqualTo(sha256(published.resolve(
				"reconciliation.csv")));
		String page = Files.readString(published.resolve("summary.html"));
		assertThat(section(page)).contains("1 row of 18 differ from what Microsoft billed")
			.contains("<a href=\"reconciliation.csv\">reconciliation.csv</a>")
			.contains("<td data-col=\"difference\">QUANTITY_DIFFERENCE</td><td class=\"num\" data-col=\"rows\""
					+ " data-value=\"1\">1</td>")
			.contains("<td data-col=\"difference\">MATCHED</td><td class=\"num\" data-col=\"rows\""
					+ " data-value=\"17\">17</td>")
			.contains("<details id=\"details-reconciliation\"><summary>1 difference</summary>")
			.contains("data-col=\"quantityDifference\" data-value=\"-9\"");
		assertThat(page).contains("<a href=\"#reconciliation\">Reconciliation</a>");
	}

	@Test
	void everythingMatchesAndDaysPartnerCenterHasNotBilledYetDoNotWarn() throws IOException {
		// given Partner Center's files end on the 2nd: the 3rd is not billed yet
		this.workspace.write("partner-center/2026-10/DailyRatedUsage.csv",
				PartnerCenterReconFile.csv(billed(TO.minusDays(1), null), false, false));

		// when
		Result result = this.workspace.run("--from=" + FROM, "--to=" + TO);

		// then
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		Path published = this.workspace.range(FROM.toString(), TO.toString());
		assertThat(published.resolve("WARNINGS.txt")).doesNotExist();
		List<Map<String, String>> rows = Workspace.csv(published.resolve("reconciliation.csv"));
		assertThat(rows).filteredOn((row) -> row.get("Difference").equals("MATCHED")).hasSize(12);
		assertThat(rows).filteredOn((row) -> row.get("Difference").equals("NOT_BILLED_YET"))
			.hasSize(6)
			.allSatisfy((row) -> assertThat(row).containsEntry("UsageDate", TO.toString()));
		String section = section(Files.readString(published.resolve("summary.html")));
		assertThat(section).contains("What this run charges matches what Microsoft billed: no difference beyond the"
				+ " tolerance in 18 rows.")
			.contains("Partner Center&#39;s files end on 2026-10-02: usage of later days is not billed yet")
			.doesNotContain("details-reconciliation");
	}

	@Test
	void aRerunReconcilesWhatItPublishesWithTheLateUsageALaterFolderCharges() throws IOException {
		// given the range published, then the 4th's export with 40 VM hours of Contoso's of the 2nd reported late,
		// which Microsoft billed with the 2nd
		List<Line> lines = billed(TO.plusDays(1), null);
		lines.replaceAll((line) -> (line.day().equals(QUANTITY) && line.customer() == CONTOSO && line.meter() == BASE_VM)
				? new Line(line.day(), CONTOSO, CONTOSO_EAST, BASE_VM, line.quantity().add(LATE_HOURS), "USD", true)
				: line);
		this.workspace.write("partner-center/2026-10/DailyRatedUsage.csv", PartnerCenterReconFile.csv(lines, true, true));
		assertThat(this.workspace.run("--from=" + FROM, "--to=" + TO).exitCode()).isEqualTo(3);
		this.workspace.write("east/usage/usage-" + TO.plusDays(1) + ".csv",
				ReconciliationFunctionalTests.export(TO.plusDays(1)) + QUANTITY + "T05:00:00Z," + QUANTITY
						+ "T06:00:00Z," + CONTOSO_EAST + ",," + BASE_VM.localId() + "," + LATE_HOURS + ",/subscriptions/"
						+ CONTOSO_EAST + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm02\n");
		Result late = this.workspace.run("--from=" + TO.plusDays(1));
		assertThat(late.exitCode()).as(late.stderr()).isZero();

		// when the range is run again
		Result rerun = this.workspace.run("--from=" + FROM, "--to=" + TO);

		// then its own rows (not those of the version it replaces) and the 4th's late hours match the bill
		assertThat(rerun.exitCode()).as(rerun.stderr()).isZero();
		List<Map<String, String>> rows = Workspace.csv(this.workspace.range(FROM.toString(), TO.toString())
			.resolve("reconciliation.csv"));
		assertThat(rows).hasSize(18).allSatisfy((row) -> assertThat(row).containsEntry("Difference", "MATCHED"));
		assertThat(rows).filteredOn((row) -> row.get("UsageDate").equals(QUANTITY.toString())
				&& row.get("SubscriptionId").equals(CONTOSO.entitlementId())
				&& row.get("MeterId").equals(BASE_VM.localId()))
			.singleElement()
			.satisfies((row) -> assertThat(row).containsEntry("ChargedQuantity", "136"));
	}

	/**
	 * Partner Center's lines of every subscription and meter up to {@code last}, as the hub recorded them; Northwind
	 * (unregistered) billed to the default subscription, where the job charges it.
	 *
	 * @param moreVmHours the day Contoso's VM hours are billed 9 more, or null
	 */
	static List<Line> billed(LocalDate last, LocalDate moreVmHours) {
		List<Line> lines = new ArrayList<>();
		for (LocalDate day = FROM; !day.isAfter(last); day = day.plusDays(1)) {
			for (Meter meter : List.of(BASE_VM, BLOB)) {
				BigDecimal contoso = ReconciliationFunctionalTests.quantity(CONTOSO_EAST, meter, day);
				if (day.equals(moreVmHours) && meter == BASE_VM) {
					contoso = contoso.add(new BigDecimal("9"));
				}
				lines.add(new Line(day, CONTOSO, CONTOSO_EAST, meter, contoso, "USD", true));
				lines.add(new Line(day, FABRIKAM, FABRIKAM_EAST, meter,
						ReconciliationFunctionalTests.quantity(FABRIKAM_EAST, meter, day), "USD", true));
				lines.add(new Line(day, NORTHWIND_DEFAULT, NORTHWIND_EAST, meter,
						ReconciliationFunctionalTests.quantity(NORTHWIND_EAST, meter, day), "USD", true));
			}
		}
		return lines;
	}

	static String section(String page) {
		int start = page.indexOf("<section id=\"reconciliation\">");
		assertThat(start).as("the reconciliation section").isNotNegative();
		return page.substring(start, page.indexOf("</section>", start));
	}

	static String manifestSha256(Path published, String path) {
		for (JsonNode file : Workspace.json(published.resolve("manifest.json")).get("outputFiles")) {
			if (file.get("path").asString().equals(path)) {
				return file.get("sha256").asString();
			}
		}
		throw new AssertionError(path + " is not in the manifest");
	}

	static String sha256(Path file) throws IOException {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

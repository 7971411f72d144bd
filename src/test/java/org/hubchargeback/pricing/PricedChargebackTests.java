package org.hubchargeback.pricing;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.hubchargeback.HeadlessChromium;
import org.hubchargeback.HtmlTable;
import org.hubchargeback.Workspace;
import org.hubchargeback.Workspace.Result;
import org.hubchargeback.focus.FocusValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hubchargeback.Workspace.csv;

/**
 * Whole-job runs with a rate card: what each row costs, how the files add up to the cent, and what happens to usage
 * nobody priced.
 */
class PricedChargebackTests {

	static final String EAST_DEFAULT = "11111111-1111-4111-8111-111111111111";

	static final String CONTOSO = "aaaaaaaa-0000-4000-8000-000000000001";

	static final String FABRIKAM = "aaaaaaaa-0000-4000-8000-000000000002";

	static final String NORTHWIND = "aaaaaaaa-0000-4000-8000-000000000003";

	static final String CONTOSO_CSP = "ABCDEF01-2345-4678-9ABC-DEF012345678";

	static final String FABRIKAM_CSP = "c2c2c2c2-0000-4000-8000-00000000c0c2";

	static final String CONTOSO_EAST = "5e000000-0000-4000-8000-000000000001";

	static final String FABRIKAM_EAST = "5e000000-0000-4000-8000-000000000002";

	static final String NORTHWIND_EAST = "5e000000-0000-4000-8000-000000000003";

	static final String BASE_VM = "fab6eb84-500b-4a09-a8ca-7358f8bbaea5";

	static final String STATIC_IP = "f271a8a3-88c4-4d93-956a-063e1d2fa80b";

	static final String HEADER = "UsageStartTime,UsageEndTime,SubscriptionId,TenantId,MeterId,Quantity,ResourceUri\n";

	static final String CARD_HEADER = "MeterId,Unit,UnitPrice,Currency,ValidFrom,ValidTo,CustomerSubscriptionId,"
			+ "MarkupPercent,Description\n";

	@TempDir
	Path dir;

	Workspace workspace;

	@BeforeEach
	void hub() {
		this.workspace = new Workspace(this.dir).hub("east", EAST_DEFAULT, "en-US",
				Map.of(CONTOSO, CONTOSO_CSP, FABRIKAM, FABRIKAM_CSP),
				Map.of(CONTOSO_EAST, CONTOSO, FABRIKAM_EAST, FABRIKAM, NORTHWIND_EAST, NORTHWIND));
	}

	static String usage(String subscription, String meter, int day, int hour, String quantity, String vm) {
		return String.join(",", String.format("2026-11-%02dT%02d:00:00Z", day, hour),
				String.format("2026-11-%02dT%02d:00:00Z", day, hour + 1), subscription, "", meter, quantity,
				"/subscriptions/" + subscription + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/"
						+ vm)
				+ "\n";
	}

	Result run(String card, String from, String to) {
		Path rateCard = this.workspace.write("rate-card.csv", CARD_HEADER + card);
		this.workspace.settings("  pricing:\n    rate-card: " + rateCard + "\n");
		return this.workspace.run("--from=" + from, "--to=" + to);
	}

	Path output(String from, String to, String file) {
		return this.workspace.range(from, to).resolve(file);
	}

	@Test
	void eachRowIsRoundedAndTheFileEndsWithTheRoundingResidual() {
		// given three VMs with a half-cent of usage each: every row rounds (half to even) to 0.00
		this.workspace.write("east/usage/a.csv", HEADER + usage(CONTOSO_EAST, BASE_VM, 16, 0, "1", "vm1")
				+ usage(CONTOSO_EAST, BASE_VM, 16, 0, "1", "vm2") + usage(CONTOSO_EAST, BASE_VM, 16, 0, "1", "vm3"));

		// when
		Result result = run(BASE_VM + ",Virtual core hours,0.005,USD,2026-01-01,,,,list\n", "2026-11-16",
				"2026-11-16");

		// then the rows cost 0.00 each and a rounding row brings the file to 0.015 rounded once
		assertThat(result.exitCode()).isZero();
		List<Map<String, String>> rows = csv(output("2026-11-16", "2026-11-16", "chargeback/" + CONTOSO_CSP + ".csv"));
		assertThat(rows).hasSize(4);
		assertThat(rows.subList(0, 3)).allSatisfy((row) -> assertThat(row).containsEntry("UnitPrice", "0.005")
			.containsEntry("Cost", "0.00")
			.containsEntry("Currency", "USD")
			.containsEntry("Quantity", "1"));
		assertThat(rows.get(3)).containsEntry("ChargeReason", "ROUNDING")
			.containsEntry("MeterName", "Rounding adjustment")
			.containsEntry("UsageDate", "2026-11-16")
			.containsEntry("Quantity", "0")
			.containsEntry("ChargedSubscriptionId", CONTOSO_CSP)
			.containsEntry("Cost", "0.02")
			.containsEntry("Currency", "USD");
		JsonNode file = chargebackFileInManifest("2026-11-16", "2026-11-16", CONTOSO_CSP);
		assertThat(file.path("rows").asLong()).isEqualTo(4);
		assertThat(file.path("cost").asString()).isEqualTo("0.02");
		assertThat(file.path("currency").asString()).isEqualTo("USD");
		assertThat(file.path("unpricedRows").asLong()).isZero();
		JsonNode manifest = Workspace.json(output("2026-11-16", "2026-11-16", "manifest.json"));
		assertThat(manifest.path("rateCard").path("currency").asString()).isEqualTo("USD");
		assertThat(manifest.path("rateCard").path("sha256").asString()).hasSize(64);
		// the summary's costs add up to the file's, rounding row included; the card used is published with it
		List<Map<String, String>> summary = csv(output("2026-11-16", "2026-11-16", "summary.csv"));
		assertThat(summary).extracting((row) -> row.get("ChargeReason") + " " + row.get("Cost"))
			.containsExactly("REGISTERED 0.00", "ROUNDING 0.02");
		assertThat(output("2026-11-16", "2026-11-16", "rate-card.csv")).exists();
		assertThat(csv(output("2026-11-16", "2026-11-16", "missing-prices.csv"))).isEmpty();
	}

	@Test
	void negotiatedPriceThatChangesMidRangeAndMarkupAndListPrice() {
		// given the same usage every day for Contoso (negotiated, cheaper from the 17th), Fabrikam (10% markup on
		// every meter) and Northwind (not registered: the default subscription pays list price)
		StringBuilder rows = new StringBuilder(HEADER);
		for (int day = 16; day <= 18; day++) {
			rows.append(usage(CONTOSO_EAST, BASE_VM, day, 3, "10", "vm1"))
				.append(usage(FABRIKAM_EAST, BASE_VM, day, 3, "10", "vm1"))
				.append(usage(NORTHWIND_EAST, BASE_VM, day, 3, "10", "vm1"));
		}
		this.workspace.write("east/usage/a.csv", rows.toString());
		String card = BASE_VM + ",Virtual core hours,0.01,EUR,2026-01-01,,,,list\n"
				+ BASE_VM.toUpperCase() + ",Virtual core hours,0.008,EUR,2026-11-01,2026-11-16,"
				+ CONTOSO_CSP.toLowerCase() + ",,contract 1\n"
				+ BASE_VM + ",Virtual core hours,0.006,EUR,2026-11-17,," + CONTOSO_CSP + ",,contract 2\n"
				+ "*,,,EUR,2026-01-01,," + FABRIKAM_CSP + ",10,reseller markup\n";

		// when
		Result result = run(card, "2026-11-16", "2026-11-18");

		// then
		assertThat(result.exitCode()).isZero();
		assertThat(costs(CONTOSO_CSP)).containsExactly("2026-11-16 0.008 0.08", "2026-11-17 0.006 0.06",
				"2026-11-18 0.006 0.06");
		assertThat(costs(FABRIKAM_CSP)).containsExactly("2026-11-16 0.011 0.11", "2026-11-17 0.011 0.11",
				"2026-11-18 0.011 0.11");
		assertThat(costs(EAST_DEFAULT)).containsExactly("2026-11-16 0.01 0.10", "2026-11-17 0.01 0.10",
				"2026-11-18 0.01 0.10");
		assertThat(chargebackFileInManifest("2026-11-16", "2026-11-18", CONTOSO_CSP).path("cost").asString())
			.isEqualTo("0.20");
		List<Map<String, String>> unregistered = csv(output("2026-11-16", "2026-11-18", "unregistered-tenants.csv"));
		assertThat(unregistered).singleElement()
			.satisfies((row) -> assertThat(row).containsEntry("TenantId", NORTHWIND)
				.containsEntry("Cost", "0.30")
				.containsEntry("Currency", "EUR"));
	}

	List<String> costs(String subscription) {
		return csv(output("2026-11-16", "2026-11-18", "chargeback/" + subscription + ".csv")).stream()
			.map((row) -> row.get("UsageDate") + " " + row.get("UnitPrice") + " " + row.get("Cost"))
			.toList();
	}

	@Test
	void usageWithoutAPriceIsReportedNeverChargedAtZero() {
		// given VM usage (priced) and static IP usage (not on the card)
		this.workspace.write("east/usage/a.csv", HEADER + usage(CONTOSO_EAST, BASE_VM, 16, 0, "2", "vm1")
				+ usage(CONTOSO_EAST, STATIC_IP, 16, 0, "1", "ip1") + usage(CONTOSO_EAST, STATIC_IP, 16, 1, "1", "ip1"));

		// when
		Result result = run(BASE_VM + ",Virtual core hours,0.046,USD,2026-01-01,,,,list\n", "2026-11-16",
				"2026-11-16");

		// then the run completes with a warning (exit code 3), the IP row has no price and no cost
		assertThat(result.exitCode()).isEqualTo(3);
		assertThat(result.stdout() + result.stderr()).contains("1 chargeback row(s) of 1 meter(s) have no price");
		List<Map<String, String>> rows = csv(output("2026-11-16", "2026-11-16", "chargeback/" + CONTOSO_CSP + ".csv"));
		assertThat(rows).extracting((row) -> row.get("MeterName") + " " + row.get("Quantity") + " ["
				+ row.get("UnitPrice") + "] [" + row.get("Cost") + "] [" + row.get("Currency") + "]")
			.containsExactly("Static IP Address Usage 2 [] [] []", "Base VM Size Hours 2 [0.046] [0.09] [USD]");
		assertThat(csv(output("2026-11-16", "2026-11-16", "missing-prices.csv"))).singleElement()
			.satisfies((row) -> assertThat(row).containsEntry("MeterId", STATIC_IP)
				.containsEntry("MeterName", "Static IP Address Usage")
				.containsEntry("ChargedSubscriptionId", CONTOSO_CSP)
				.containsEntry("FirstUsageDate", "2026-11-16")
				.containsEntry("ChargebackRows", "1")
				.containsEntry("Quantity", "2")
				.containsEntry("RecordCount", "2"));
		JsonNode file = chargebackFileInManifest("2026-11-16", "2026-11-16", CONTOSO_CSP);
		assertThat(file.path("cost").asString()).isEqualTo("0.09");
		assertThat(file.path("unpricedRows").asLong()).isEqualTo(1);
		assertThat(Workspace.json(output("2026-11-16", "2026-11-16", "manifest.json")).path("warnings").toString())
			.contains("missing-prices.csv");
		assertThat(output("2026-11-16", "2026-11-16", "WARNINGS.txt")).content().contains("have no price");
		assertThat(csv(output("2026-11-16", "2026-11-16", "summary.csv")))
			.filteredOn((row) -> row.get("MeterId").equals(STATIC_IP))
			.singleElement()
			.satisfies((row) -> assertThat(row).containsEntry("Cost", "").containsEntry("UnpricedQuantity", "2"));
	}

	@Test
	void rerunWithANewPriceRestatesTheMoneyOfUnchangedQuantities() {
		// given a published range priced at 0.01
		this.workspace.write("east/usage/a.csv", HEADER + usage(CONTOSO_EAST, BASE_VM, 16, 0, "10", "vm1"));
		run(BASE_VM + ",Virtual core hours,0.01,USD,2026-01-01,,,,list\n", "2026-11-16", "2026-11-16");

		// when the price is corrected and the range rerun
		this.workspace.write("rate-card.csv", CARD_HEADER + BASE_VM + ",Virtual core hours,0.02,USD,2026-01-01,,,,\n");
		Result rerun = this.workspace.run("--from=2026-11-16", "--to=2026-11-16");

		// then the restatement shows the money that moved
		assertThat(rerun.exitCode()).isZero();
		assertThat(rerun.stdout()).contains("restated " + CONTOSO_CSP + ": cost 0.10 -> 0.20 USD (+0.10)");
		assertThat(csv(output("2026-11-16", "2026-11-16", "restatement.csv"))).singleElement()
			.satisfies((row) -> assertThat(row).containsEntry("OldQuantity", "10")
				.containsEntry("Difference", "0")
				.containsEntry("OldCost", "0.10")
				.containsEntry("NewCost", "0.20")
				.containsEntry("CostDifference", "0.10")
				.containsEntry("Currency", "USD")
				.containsEntry("Change", "CHANGED"));
	}

	@Test
	void overlappingPricesFailTheRunNamingBothLines() {
		this.workspace.write("east/usage/a.csv", HEADER + usage(CONTOSO_EAST, BASE_VM, 16, 0, "2", "vm1"));

		Result result = run(BASE_VM + ",Virtual core hours,0.01,USD,2026-01-01,2026-12-31,,,a\n"
				+ BASE_VM + ",Virtual core hours,0.02,USD,2026-11-01,,,,b\n", "2026-11-16", "2026-11-16");

		assertThat(result.exitCode()).isNotZero();
		assertThat(result.stderr()).contains("rate-card.csv line 3: ValidFrom: 2026-11-01 overlaps the row at line 2");
		assertThat(this.workspace.range("2026-11-16", "2026-11-16")).doesNotExist();
	}

	@Test
	void aPriceInAnotherUnitThanTheMeterIsRefused() {
		this.workspace.write("east/usage/a.csv", HEADER + usage(CONTOSO_EAST, BASE_VM, 16, 0, "2", "vm1"));

		Result result = run(BASE_VM + ",VM hours,0.01,USD,2026-01-01,,,,a\n", "2026-11-16", "2026-11-16");

		assertThat(result.exitCode()).isNotZero();
		assertThat(result.stderr()).contains("rate-card.csv line 2: Unit: 'VM hours', but meter Base VM Size Hours is"
				+ " measured in 'Virtual core hours'");
	}

	@Test
	void withoutARateCardTheFilesCarryQuantitiesOnly() {
		this.workspace.write("east/usage/a.csv", HEADER + usage(CONTOSO_EAST, BASE_VM, 16, 0, "2", "vm1"));

		Result result = this.workspace.run("--from=2026-11-16", "--to=2026-11-16");

		assertThat(result.exitCode()).isZero();
		Path chargeback = output("2026-11-16", "2026-11-16", "chargeback/" + CONTOSO_CSP + ".csv");
		assertThat(csv(chargeback).get(0)).doesNotContainKeys("UnitPrice", "Cost", "Currency");
		assertThat(output("2026-11-16", "2026-11-16", "missing-prices.csv")).doesNotExist();
		assertThat(chargebackFileInManifest("2026-11-16", "2026-11-16", CONTOSO_CSP).has("cost")).isFalse();
	}

	@Test
	void focusFilesAreValidFocusAndBillWhatTheChargebackFilesCost() throws IOException {
		// given priced usage (a negotiated price changing mid-range, a markup, list prices, half-cent rows that need
		// a rounding row) and unpriced usage
		StringBuilder rows = new StringBuilder(HEADER);
		for (int day = 16; day <= 18; day++) {
			rows.append(usage(CONTOSO_EAST, BASE_VM, day, 3, "10", "vm1"))
				.append(usage(FABRIKAM_EAST, BASE_VM, day, 3, "10.5", "vm1"))
				.append(usage(FABRIKAM_EAST, BASE_VM, day, 3, "0.5", "vm2"))
				.append(usage(NORTHWIND_EAST, BASE_VM, day, 3, "10", "vm1"))
				.append(usage(CONTOSO_EAST, STATIC_IP, day, 3, "1", "ip1"));
		}
		this.workspace.write("east/usage/a.csv", rows.toString());
		this.workspace.settings("  focus:\n    enabled: true\n    invoice-issuer-name: Contoso Cloud CSP\n");

		// when
		Result result = run(BASE_VM + ",Virtual core hours,0.01,USD,2026-01-01,,,,list\n"
				+ BASE_VM + ",Virtual core hours,0.008,USD,2026-11-01,2026-11-16," + CONTOSO_CSP + ",,contract 1\n"
				+ BASE_VM + ",Virtual core hours,0.006,USD,2026-11-17,," + CONTOSO_CSP + ",,contract 2\n"
				+ "*,,,USD,2026-01-01,," + FABRIKAM_CSP + ",-3,discount\n", "2026-11-16", "2026-11-18");

		// then every charged subscription has a FOCUS file that follows the spec and bills its chargeback file's cost
		assertThat(result.exitCode()).isEqualTo(3);
		for (String subscription : List.of(CONTOSO_CSP, FABRIKAM_CSP, EAST_DEFAULT)) {
			Path focus = output("2026-11-16", "2026-11-18", "focus/" + subscription + ".csv");
			assertThat(FocusValidator.validate(focus)).isEmpty();
			List<Map<String, String>> chargeback = csv(
					output("2026-11-16", "2026-11-18", "chargeback/" + subscription + ".csv"));
			List<Map<String, String>> focusRows = csv(focus);
			assertThat(focusRows).hasSize((int) chargeback.stream().filter((row) -> !row.get("Cost").isEmpty()).count());
			assertThat(sum(focusRows, "BilledCost")).isEqualByComparingTo(sum(chargeback, "Cost"))
				.isEqualByComparingTo(chargebackFileInManifest("2026-11-16", "2026-11-18", subscription).path("cost")
					.asString());
		}
		Map<String, String> contoso = csv(output("2026-11-16", "2026-11-18", "focus/" + CONTOSO_CSP + ".csv")).get(0);
		assertThat(contoso).containsEntry("BillingAccountId", CONTOSO_CSP)
			.containsEntry("ChargeCategory", "Usage")
			.containsEntry("ChargePeriodStart", "2026-11-16T00:00:00Z")
			.containsEntry("ChargePeriodEnd", "2026-11-17T00:00:00Z")
			.containsEntry("BillingPeriodStart", "2026-11-01T00:00:00Z")
			.containsEntry("BillingPeriodEnd", "2026-12-01T00:00:00Z")
			.containsEntry("ListUnitPrice", "0.01")
			.containsEntry("ContractedUnitPrice", "0.008")
			.containsEntry("BilledCost", "0.08")
			.containsEntry("BillingCurrency", "USD")
			.containsEntry("PricingUnit", "Core-Hours")
			.containsEntry("SubAccountId", CONTOSO_EAST)
			.containsEntry("InvoiceIssuerName", "Contoso Cloud CSP")
			.containsEntry("x_HubName", "east");
		// Fabrikam's rows round down (10.5 x 0.0097 = 0.10185, 0.5 x 0.0097 = 0.00485, three days): 0.30, where
		// the unrounded 0.3201 rounds to 0.32; its file ends with the 0.02 as an adjustment
		List<Map<String, String>> fabrikam = csv(output("2026-11-16", "2026-11-18", "focus/" + FABRIKAM_CSP + ".csv"));
		assertThat(fabrikam.get(fabrikam.size() - 1)).containsEntry("ChargeCategory", "Adjustment")
			.containsEntry("BilledCost", "0.02");
		assertThat(Workspace.json(output("2026-11-16", "2026-11-18", "manifest.json")).path("outputFiles").toString())
			.contains("focus/" + CONTOSO_CSP + ".csv");
	}

	@Test
	void metersAreNamedAsTheDocsNameThemAndARateCardInTheDocsUnitSpellingPricesThem() {
		// given (issue 16) a current and a deprecated S4 disk, a snapshot the script named "... Unit: GB*month", and
		// a rate card in the docs' units where the script and the catalog spelled them otherwise
		String s4 = "380874f9-300c-48e0-95a0-d2d9a21ade8f";
		String s4Hourly = "5d76e09f-4567-452a-94cc-7d1f097761f0";
		String snapshot = "108fa95b-be0d-4cd9-96e8-5b0d59505df1";
		String s6 = "1b77d90f-427b-4435-b4f1-d78adec53222";
		this.workspace.write("east/usage/a.csv", HEADER + usage(CONTOSO_EAST, s4, 16, 0, "0.5", "d1")
				+ usage(CONTOSO_EAST, s4Hourly, 16, 0, "1", "d1") + usage(CONTOSO_EAST, snapshot, 16, 0, "2", "s1")
				+ usage(CONTOSO_EAST, s6, 16, 0, "1", "d2"));
		this.workspace.settings("  focus:\n    enabled: true\n    invoice-issuer-name: Contoso Cloud CSP\n");

		// when
		Result result = run(s4 + ",Count of Disks*month,2,USD,2026-01-01,,,,S4\n"
				+ s4Hourly + ",Disks*hours,0.01,USD,2026-01-01,,,,S4 hourly\n"
				+ snapshot + ",GB*month,0.05,USD,2026-01-01,,,,snapshot\n"
				+ s6 + ",Disk * Month,4,USD,2026-01-01,,,,S6\n", "2026-11-16", "2026-11-16");

		// then the docs' names and units, a deprecated meter told apart, in the chargeback and the FOCUS file
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		assertThat(csv(output("2026-11-16", "2026-11-16", "chargeback/" + CONTOSO_CSP + ".csv")))
			.extracting((r) -> r.get("MeterName") + " | " + r.get("Unit") + " | " + r.get("Cost"))
			.containsExactlyInAnyOrder("S4 | Count of Disks*month | 1.00",
					"S4 (deprecated) | Count of Disks*hours | 0.01", "ActualStandardSnapshotSize | GB*month | 0.10",
					"S6 | Count of Disks*month | 4.00");
		assertThat(csv(output("2026-11-16", "2026-11-16", "focus/" + CONTOSO_CSP + ".csv")))
			.extracting((r) -> r.get("SkuMeter") + " | " + r.get("PricingUnit"))
			.containsExactlyInAnyOrder("S4 | Disk-Months", "S4 (deprecated) | Disk-Hours",
					"ActualStandardSnapshotSize | GB-Months", "S6 | Disk-Months");
	}

	@Test
	void focusWithoutARateCardIsAConfigurationError() {
		this.workspace.write("east/usage/a.csv", HEADER + usage(CONTOSO_EAST, BASE_VM, 16, 0, "2", "vm1"));
		this.workspace.settings("  focus:\n    enabled: true\n    invoice-issuer-name: Contoso Cloud CSP\n");

		Result result = this.workspace.run("--from=2026-11-16", "--to=2026-11-16");

		assertThat(result.exitCode()).isNotZero();
		assertThat(result.stderr()).contains("hub-chargeback.focus.enabled needs a rate card");
	}

	@Test
	void summaryPageShowsInABrowserWhatSummaryCsvSays() throws IOException {
		HeadlessChromium.assumeInstalled();
		// given a priced run with unregistered usage, a missing price, a rounding row and a rejected row
		StringBuilder rows = new StringBuilder(HEADER);
		for (int day = 16; day <= 18; day++) {
			rows.append(usage(CONTOSO_EAST, BASE_VM, day, 3, "10", "vm1"))
				.append(usage(FABRIKAM_EAST, BASE_VM, day, 3, "0.5", "vm2"))
				.append(usage(NORTHWIND_EAST, BASE_VM, day, 3, "10", "vm1"))
				.append(usage(CONTOSO_EAST, STATIC_IP, day, 3, "1", "ip1"));
		}
		rows.append(usage(CONTOSO_EAST, BASE_VM, 17, 5, "x", "vm1"));
		this.workspace.write("east/usage/a.csv", rows.toString());
		run(BASE_VM + ",Virtual core hours,0.0095,USD,2026-01-01,,,,list\n", "2026-11-16", "2026-11-18");

		// when chromium renders the page from the output folder
		Path page = output("2026-11-16", "2026-11-18", "summary.html");
		String dom = HeadlessChromium.dumpDom(page);
		Path screenshot = Path.of("target/browser/job-summary.png");
		HeadlessChromium.screenshot(page, screenshot);

		// then its tables are summary.csv's rows, the day chart has a bar per day, the totals and warnings are there
		List<Map<String, String>> summary = csv(output("2026-11-16", "2026-11-18", "summary.csv"));
		assertThat(HtmlTable.parse(dom, "meter-totals").bodyValues("chargedSubscriptionId", "reason", "meterId",
				"meterName", "unit", "quantity", "records", "cost"))
			.isEqualTo(summary.stream()
				.map((row) -> List.of(row.get("ChargedSubscriptionId"), row.get("ChargeReason"), row.get("MeterId"),
						row.get("MeterName"), row.get("Unit"), row.get("Quantity"), row.get("RecordCount"),
						row.get("Cost")))
				.toList());
		assertThat(HtmlTable.parse(dom, "day-totals").bodyValues("day", "cost"))
			.containsExactly(List.of("2026-11-16", "0.20"), List.of("2026-11-17", "0.20"), List.of("2026-11-18", "0.20"));
		assertThat(dom.split("class=\"bar\"", -1)).hasSize(4);
		assertThat(HtmlTable.parse(dom, "unregistered-tenants").bodyValues("tenantId", "cost"))
			.containsExactly(List.of(NORTHWIND, "0.30"));
		JsonNode controlTotals = Workspace.json(output("2026-11-16", "2026-11-18", "manifest.json"))
			.path("controlTotals");
		assertThat(HtmlTable.parse(dom, "control-totals").footer().get(0))
			.containsEntry("inputRecords", controlTotals.path("inputRecords").asString())
			.containsEntry("chargedRecords", controlTotals.path("chargedRecords").asString());
		assertThat(HtmlTable.text(dom)).contains("have no price in the rate card",
				"1 input row(s) rejected and charged to nobody: see rejected-records.csv");
		assertThat(screenshot).exists();
		assertThat(Files.size(screenshot)).isGreaterThan(10_000);
	}

	static BigDecimal sum(List<Map<String, String>> rows, String column) {
		return rows.stream()
			.map((row) -> row.get(column))
			.filter((value) -> !value.isEmpty())
			.map(BigDecimal::new)
			.reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	JsonNode chargebackFileInManifest(String from, String to, String subscription) {
		for (JsonNode file : Workspace.json(output(from, to, "manifest.json")).path("outputFiles")) {
			if (file.path("path").asString().equals("chargeback/" + subscription + ".csv")) {
				return file;
			}
		}
		throw new AssertionError("no chargeback file of " + subscription + " in the manifest");
	}

}

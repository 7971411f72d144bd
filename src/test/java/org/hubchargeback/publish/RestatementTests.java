package org.hubchargeback.publish;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.hubchargeback.Workspace;
import org.hubchargeback.Workspace.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hubchargeback.Workspace.csv;

/**
 * {@code restatement.csv} ties: its {@code CostDifference} column sums to the change of the range's total cost
 * whatever appeared, went or got a price, and the console says it per subscription.
 */
class RestatementTests {

	static final String SUMMARY_HEADER = "ChargedSubscriptionId,ChargeReason,MeterId,MeterName,Unit,Quantity,"
			+ "RecordCount,Hubs,FirstUsageDate,LastUsageDate,Warnings,Cost,Currency,UnpricedQuantity\n";

	@TempDir
	Path dir;

	@Test
	void missingSidesAndMissingPricesCountAsZeroSoTheDifferencesSumToTheTotalsChange() throws IOException {
		// given A's IP gets a price and its rounding row goes, B goes, C comes, A's VM costs twice as much
		Path published = summary("old.csv", row("A", "REGISTERED", "vm", "Virtual core hours", "10", "0.10"),
				row("A", "REGISTERED", "ip", "IP addresses", "2", ""), row("A", "ROUNDING", "", "", "0", "0.01"),
				row("B", "REGISTERED", "vm", "Virtual core hours", "5", "0.05"));
		Path rebuilt = summary("new.csv", row("A", "REGISTERED", "vm", "Virtual core hours", "10", "0.20"),
				row("A", "REGISTERED", "ip", "IP addresses", "2", "0.04"),
				row("C", "REGISTERED", "vm", "Virtual core hours", "3", "0.03"));

		// when
		Restatement restatement = Restatement.between(published, rebuilt);
		restatement.writeTo(this.dir.resolve("restatement.csv"), false);

		// then
		List<Map<String, String>> rows = csv(this.dir.resolve("restatement.csv"));
		assertThat(rows).extracting((r) -> String.join(" ", r.get("ChargedSubscriptionId"), r.get("MeterId"),
				r.get("OldCost"), r.get("NewCost"), r.get("CostDifference"), r.get("Change")))
			.containsExactly("A  0.01  -0.01 REMOVED", "A ip  0.04 0.04 CHANGED", "A vm 0.10 0.20 0.10 CHANGED",
					"B vm 0.05  -0.05 REMOVED", "C vm  0.03 0.03 ADDED");
		assertThat(sum(rows, "CostDifference")).isEqualByComparingTo("0.11")
			.isEqualByComparingTo(restatement.newCost().subtract(restatement.oldCost()));
		assertThat(rows.get(0).keySet()).endsWith("CostDifference", "Currency", "Change");
		assertThat(restatement.changes()).containsExactly(
				"total: cost 0.16 -> 0.27 USD (+0.11), 3 of 3 subscription(s) changed",
				"A: cost 0.11 -> 0.24 USD (+0.13)", "B: cost 0.05 -> 0 USD (-0.05); Virtual core hours 5 -> 0",
				"C: cost 0 -> 0.03 USD (+0.03); Virtual core hours 0 -> 3");
	}

	@Test
	void unchangedRunRestatesNothing() throws IOException {
		// given
		Path published = summary("old.csv", row("A", "REGISTERED", "vm", "Virtual core hours", "10", "0.10"));

		// when
		Restatement restatement = Restatement.between(published, published);
		restatement.writeTo(this.dir.resolve("restatement.csv"), false);

		// then
		assertThat(restatement.changes()).isEmpty();
		assertThat(restatement.changedSubscriptions()).isZero();
		assertThat(csv(this.dir.resolve("restatement.csv"))).singleElement()
			.satisfies((row) -> assertThat(row).containsEntry("Change", "UNCHANGED")
				.containsEntry("CostDifference", "0.00"));
	}

	@Test
	void consoleNamesTheLargestChangesAndCountsTheRest() throws IOException {
		// given 15 subscriptions whose VM cost rises by 1 to 15
		List<String> before = new ArrayList<>();
		List<String> after = new ArrayList<>();
		for (int i = 1; i <= 15; i++) {
			before.add(row(String.format("s-%02d", i), "REGISTERED", "vm", "Virtual core hours", "1", "1.00"));
			after.add(row(String.format("s-%02d", i), "REGISTERED", "vm", "Virtual core hours", "1", (1 + i) + ".00"));
		}

		// when
		List<String> changes = Restatement.between(summary("old.csv", before.toArray(String[]::new)),
				summary("new.csv", after.toArray(String[]::new)))
			.changes();

		// then the total, the ten largest, one line for the other five
		assertThat(changes).hasSize(12)
			.startsWith("total: cost 15.00 -> 135.00 USD (+120.00), 15 of 15 subscription(s) changed",
					"s-15: cost 1.00 -> 16.00 USD (+15.00)")
			.endsWith("s-06: cost 1.00 -> 7.00 USD (+6.00)",
					"(and 5 more subscription(s): see restatement.csv)");
	}

	@Test
	void rerunsThatAddARateCardChangeAPriceAndDropATenantTieToTheTotalCost() {
		// given a range published without prices
		String contoso = "5e000000-0000-4000-8000-000000000001";
		String fabrikam = "5e000000-0000-4000-8000-000000000002";
		String vm = "fab6eb84-500b-4a09-a8ca-7358f8bbaea5";
		String ip = "f271a8a3-88c4-4d93-956a-063e1d2fa80b";
		Workspace workspace = new Workspace(this.dir).hub("east", "11111111-1111-4111-8111-111111111111", "en-US",
				Map.of("aaaaaaaa-0000-4000-8000-000000000001", "ABCDEF01-2345-4678-9ABC-DEF012345678",
						"aaaaaaaa-0000-4000-8000-000000000002", "c2c2c2c2-0000-4000-8000-00000000c0c2"),
				Map.of(contoso, "aaaaaaaa-0000-4000-8000-000000000001", fabrikam,
						"aaaaaaaa-0000-4000-8000-000000000002"));
		String usage = "UsageStartTime,UsageEndTime,SubscriptionId,TenantId,MeterId,Quantity,ResourceUri\n"
				+ usage(contoso, vm, "1", "vm1") + usage(contoso, vm, "1", "vm2") + usage(contoso, vm, "1", "vm3")
				+ usage(contoso, ip, "2", "ip1");
		workspace.write("east/usage/a.csv", usage + usage(fabrikam, vm, "4", "vm4"));
		assertThat(workspace.run("--from=2026-11-16").exitCode()).isZero();
		Path range = workspace.range("2026-11-16", "2026-11-16");

		// when a rate card is added (half-cent rows: rounding rows appear)
		workspace.settings("  pricing:\n    rate-card: " + workspace.root().resolve("rate-card.csv") + "\n");
		Ties priced = rerun(workspace, range, "0.005");
		// and then the VM price changes and Fabrikam's usage is gone
		workspace.write("east/usage/a.csv", usage);
		Ties changed = rerun(workspace, range, "0.0151");

		// then each time the differences sum to exactly the change of the total cost, in the chargeback files too
		assertThat(priced.result().exitCode()).isZero();
		assertThat(priced.differences()).isEqualByComparingTo(priced.summaryChange())
			.isEqualByComparingTo(priced.chargebackChange())
			.isPositive();
		assertThat(priced.changes()).contains("ADDED", "CHANGED");
		assertThat(priced.result().stdout()).contains("restated total: cost 0 -> ");
		assertThat(changed.result().exitCode()).isZero();
		assertThat(changed.differences()).isEqualByComparingTo(changed.summaryChange())
			.isEqualByComparingTo(changed.chargebackChange())
			.isNotZero();
		assertThat(changed.changes()).contains("REMOVED", "CHANGED");
	}

	/**
	 * A rerun with a rate card pricing the VM at {@code vmPrice} and the IP address at 0.004 USD.
	 */
	Ties rerun(Workspace workspace, Path range, String vmPrice) {
		BigDecimal summaryBefore = sum(csv(range.resolve("summary.csv")), "Cost");
		BigDecimal chargebackBefore = chargebackCost(range);
		workspace.write("rate-card.csv", "MeterId,Unit,UnitPrice,Currency,ValidFrom,ValidTo,"
				+ "CustomerSubscriptionId,MarkupPercent,Description\n"
				+ "fab6eb84-500b-4a09-a8ca-7358f8bbaea5,Virtual core hours," + vmPrice + ",USD,2026-01-01,,,,\n"
				+ "f271a8a3-88c4-4d93-956a-063e1d2fa80b,IP addresses,0.004,USD,2026-01-01,,,,\n");
		Result result = workspace.run("--from=2026-11-16");
		List<Map<String, String>> restatement = csv(range.resolve("restatement.csv"));
		return new Ties(result, sum(restatement, "CostDifference"),
				sum(csv(range.resolve("summary.csv")), "Cost").subtract(summaryBefore),
				chargebackCost(range).subtract(chargebackBefore),
				restatement.stream().map((row) -> row.get("Change")).toList());
	}

	record Ties(Result result, BigDecimal differences, BigDecimal summaryChange, BigDecimal chargebackChange,
			List<String> changes) {
	}

	static String usage(String subscription, String meter, String quantity, String resource) {
		return String.join(",", "2026-11-16T00:00:00Z", "2026-11-16T01:00:00Z", subscription, "", meter, quantity,
				"/subscriptions/" + subscription + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/"
						+ resource)
				+ "\n";
	}

	static BigDecimal chargebackCost(Path range) {
		try (Stream<Path> files = Files.list(range.resolve("chargeback"))) {
			return files.map((file) -> sum(csv(file), "Cost")).reduce(BigDecimal.ZERO, BigDecimal::add);
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
	}

	static BigDecimal sum(List<Map<String, String>> rows, String column) {
		return rows.stream()
			.map((row) -> row.getOrDefault(column, ""))
			.filter((value) -> !value.isEmpty())
			.map(BigDecimal::new)
			.reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	Path summary(String name, String... rows) throws IOException {
		return Files.writeString(this.dir.resolve(name), SUMMARY_HEADER + String.join("", rows));
	}

	/**
	 * A priced summary row; an empty cost is unpriced.
	 */
	static String row(String subscription, String reason, String meter, String unit, String quantity, String cost) {
		return String.join(",", subscription, reason, meter, meter.isEmpty() ? "Rounding adjustment" : "Meter " + meter,
				unit, quantity, "1", "east", "2026-11-16", "2026-11-16", "", cost, "USD",
				cost.isEmpty() ? quantity : "0") + "\n";
	}

}

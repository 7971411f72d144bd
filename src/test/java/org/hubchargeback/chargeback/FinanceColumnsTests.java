package org.hubchargeback.chargeback;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.hubchargeback.Workspace;
import org.hubchargeback.Workspace.Result;
import org.hubchargeback.focus.FocusValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hubchargeback.Workspace.csv;

/**
 * Whole-job runs asserting what a finance user opens (issue 17): names beside the IDs in the chargeback files, the
 * unregistered-tenants report and FOCUS; FOCUS resource columns; outputs a spreadsheet takes as they are.
 */
class FinanceColumnsTests {

	static final String EAST_DEFAULT = "11111111-1111-4111-8111-111111111111";

	static final String CONTOSO = "aaaaaaaa-0000-4000-8000-000000000001";

	static final String NORTHWIND = "aaaaaaaa-0000-4000-8000-000000000003";

	static final String CONTOSO_CSP = "ABCDEF01-2345-4678-9ABC-DEF012345678";

	static final String CONTOSO_EAST = "5e000000-0000-4000-8000-000000000001";

	static final String NORTHWIND_EAST = "5e000000-0000-4000-8000-000000000003";

	static final String NORTHWIND_TEST = "5e000000-0000-4000-8000-000000000004";

	static final String BASE_VM = "fab6eb84-500b-4a09-a8ca-7358f8bbaea5";

	static final String STATIC_IP = "f271a8a3-88c4-4d93-956a-063e1d2fa80b";

	static final String HEADER = "UsageStartTime,UsageEndTime,SubscriptionId,TenantId,MeterId,Quantity,ResourceUri\n";

	static final String CARD = "MeterId,Unit,UnitPrice,Currency,ValidFrom,ValidTo,CustomerSubscriptionId,"
			+ "MarkupPercent,Description\n" + BASE_VM + ",Virtual core hours,0.005,USD,2026-01-01,,,,list\n" + STATIC_IP
			+ ",IP addresses,0.005,USD,2026-01-01,,,,list\n";

	static final String RANGE = "2026-11-16";

	@TempDir
	Path dir;

	Workspace workspace;

	@BeforeEach
	void hub() {
		this.workspace = new Workspace(this.dir).hub("east", EAST_DEFAULT, "en-US", Map.of(CONTOSO, CONTOSO_CSP),
				Map.of(CONTOSO_EAST, CONTOSO, NORTHWIND_EAST, NORTHWIND, NORTHWIND_TEST, NORTHWIND));
		// the admin API's list: Contoso's subscription and one of Northwind's have a name and an owner
		this.workspace.write("east/user-subscriptions.json", "{\"value\":[{\"subscriptionId\":\"" + CONTOSO_EAST
				+ "\",\"tenantId\":\"" + CONTOSO + "\",\"displayName\":\"Contoso production\",\"owner\":"
				+ "\"admin@contoso.example\"},{\"subscriptionId\":\"" + NORTHWIND_EAST + "\",\"tenantId\":\"" + NORTHWIND
				+ "\",\"displayName\":\"=Northwind web\",\"owner\":\"it@northwind.example\"},{\"subscriptionId\":\""
				+ NORTHWIND_TEST + "\",\"tenantId\":\"" + NORTHWIND + "\"}]}");
		Path rateCard = this.workspace.write("rate-card.csv", CARD);
		this.workspace.settings("  pricing:\n    rate-card: " + rateCard + "\n");
	}

	static String usage(String subscription, String meter, int hour, String quantity, String resource) {
		return String.join(",", String.format("2026-11-16T%02d:00:00Z", hour),
				String.format("2026-11-16T%02d:00:00Z", hour + 1), subscription, "", meter, quantity,
				"/subscriptions/" + subscription + "/resourceGroups/rg/providers/" + resource)
				+ "\n";
	}

	Path output(String file) {
		return this.workspace.range(RANGE, RANGE).resolve(file);
	}

	Path customerNames(String content) {
		Path file = this.workspace.write("customer-names.csv", content);
		this.workspace.settings("  names:\n    customer-file: " + file + "\n");
		return file;
	}

	@Test
	void namesFromTheUserSubscriptionListAndTheCustomerFileFollowTheExistingColumns() throws IOException {
		// given usage of Contoso (registered) and of Northwind's two subscriptions (unregistered: the default
		// subscription pays), and a customer file naming Contoso's subscription and the default one
		this.workspace.write("east/usage/a.csv", HEADER
				+ usage(CONTOSO_EAST, BASE_VM, 0, "1", "Microsoft.Compute/virtualMachines/vm1")
				+ usage(NORTHWIND_EAST, BASE_VM, 0, "1", "Microsoft.Compute/virtualMachines/web1")
				+ usage(NORTHWIND_TEST, STATIC_IP, 0, "1", "Microsoft.Network/publicIPAddresses/ip1"));
		customerNames("CustomerSubscriptionId,CustomerName,CustomerReference\n" + CONTOSO_CSP.toLowerCase()
				+ ",Contoso Ltd,K-1001\n" + EAST_DEFAULT + ",Our own hub (default),\n");
		this.workspace.settings("  focus:\n    enabled: true\n    invoice-issuer-name: Contoso Cloud CSP\n");

		// when
		Result result = this.workspace.run("--from=" + RANGE, "--to=" + RANGE);

		// then the chargeback files keep every column where it was and end with the names
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		List<String> header = List.copyOf(csv(output("chargeback/" + CONTOSO_CSP + ".csv")).get(0).keySet());
		assertThat(header.subList(0, 19)).containsExactlyElementsOf(
				java.util.stream.Stream.concat(ChargebackCsv.HEADER.stream(), ChargebackCsv.PRICE_COLUMNS.stream())
					.toList());
		assertThat(header.subList(19, header.size())).containsExactly("HubSubscriptionName", "HubSubscriptionOwner",
				"CustomerName", "CustomerReference", "Tags");
		assertThat(csv(output("chargeback/" + CONTOSO_CSP + ".csv")).get(0))
			.containsEntry("HubSubscriptionName", "Contoso production")
			.containsEntry("HubSubscriptionOwner", "admin@contoso.example")
			.containsEntry("CustomerName", "Contoso Ltd")
			.containsEntry("CustomerReference", "K-1001");
		// a subscription listed without a name has none, not an invented one; a formula-like name is neutralised
		assertThat(csv(output("chargeback/" + EAST_DEFAULT + ".csv")))
			.filteredOn((row) -> !"ROUNDING".equals(row.get("ChargeReason")))
			.extracting((row) -> row.get("HubSubscriptionId") + " " + row.get("HubSubscriptionName") + "|"
					+ row.get("HubSubscriptionOwner") + "|" + row.get("CustomerName") + "|"
					+ row.get("CustomerReference"))
			.containsExactly(NORTHWIND_EAST + " '=Northwind web|it@northwind.example|Our own hub (default)|",
					NORTHWIND_TEST + " ||Our own hub (default)|");
		// the unregistered tenant's subscriptions, named in the order of HubSubscriptionIds
		Map<String, String> tenant = csv(output("unregistered-tenants.csv")).get(0);
		assertThat(tenant).containsEntry("TenantId", NORTHWIND)
			.containsEntry("HubSubscriptionIds", NORTHWIND_EAST + ";" + NORTHWIND_TEST)
			.containsEntry("HubSubscriptionNames", "'=Northwind web;")
			.containsEntry("HubSubscriptionOwners", "it@northwind.example;")
			.containsEntry("DefaultSubscriptionCustomerName", "Our own hub (default)");
		// FOCUS: the billing account is the customer, the sub-account the hub subscription by its name (or, when the
		// hub lists none, the hub and ID it had before: FOCUS wants a name wherever there is an ID)
		Path contosoFocus = output("focus/" + CONTOSO_CSP + ".csv");
		assertThat(FocusValidator.validate(contosoFocus)).isEmpty();
		assertThat(csv(contosoFocus).get(0)).containsEntry("BillingAccountName", "Contoso Ltd")
			.containsEntry("SubAccountName", "Contoso production")
			.containsEntry("ResourceName", "vm1")
			.containsEntry("ResourceType", "Microsoft.Compute/virtualMachines");
		Path defaultFocus = output("focus/" + EAST_DEFAULT + ".csv");
		assertThat(FocusValidator.validate(defaultFocus)).isEmpty();
		assertThat(csv(defaultFocus)).filteredOn((row) -> "Usage".equals(row.get("ChargeCategory")))
			.extracting((row) -> row.get("BillingAccountName") + "|" + row.get("SubAccountName") + "|"
					+ row.get("ResourceName") + "|" + row.get("ResourceType"))
			.containsExactly("Our own hub (default)|'=Northwind web|web1|Microsoft.Compute/virtualMachines",
					"Our own hub (default)|east/" + NORTHWIND_TEST + "|ip1|Microsoft.Network/publicIPAddresses");
		// summary.csv ends each row with the customer; summary.html leads each charged subscription with it
		assertThat(csv(output("summary.csv"))).filteredOn((row) -> !"ROUNDING".equals(row.get("ChargeReason")))
			.extracting((row) -> row.get("ChargedSubscriptionId") + "|" + row.get("CustomerName") + "|"
					+ row.get("CustomerReference"))
			.containsExactlyInAnyOrder(CONTOSO_CSP + "|Contoso Ltd|K-1001", EAST_DEFAULT + "|Our own hub (default)|",
					EAST_DEFAULT + "|Our own hub (default)|");
		String page = Files.readString(output("summary.html"));
		assertThat(page).contains(">Contoso Ltd<", ">Our own hub (default)<");
	}

	@Test
	void theExportsTagsBecomeAJsonObjectInTheChargebackFileAndFocusTags() throws IOException {
		// given Usagesummary.ps1's PowerShell notation, JSON in another key order for the same tags, a valueless tag
		// and a value a JSON string must escape; vm2 is retagged in the afternoon
		String tagged = "UsageStartTime,UsageEndTime,SubscriptionId,TenantId,MeterId,Quantity,ResourceUri,Tags\n";
		String vm = "/subscriptions/" + CONTOSO_EAST + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/";
		this.workspace.write("east/usage/a.csv", tagged
				+ "2026-11-16T00:00:00Z,2026-11-16T01:00:00Z," + CONTOSO_EAST + ",," + BASE_VM + ",1," + vm
				+ "vm1,\"@{Department=Sales; CostCenter=4711}\"\n"
				+ "2026-11-16T01:00:00Z,2026-11-16T02:00:00Z," + CONTOSO_EAST + ",," + BASE_VM + ",1," + vm
				+ "vm1,\"{\"\"CostCenter\"\":4711,\"\"Department\"\":\"\"Sales\"\"}\"\n"
				+ "2026-11-16T00:00:00Z,2026-11-16T01:00:00Z," + CONTOSO_EAST + ",," + BASE_VM + ",1," + vm
				+ "vm2,\"@{Owner=Ann \"\"the boss\"\"\\x; Critical}\"\n"
				+ "2026-11-16T13:00:00Z,2026-11-16T14:00:00Z," + CONTOSO_EAST + ",," + BASE_VM + ",1," + vm
				+ "vm2,@{Owner=Bob}\n"
				+ "2026-11-16T00:00:00Z,2026-11-16T01:00:00Z," + CONTOSO_EAST + ",," + BASE_VM + ",1," + vm + "vm3,\n");
		this.workspace.settings("  focus:\n    enabled: true\n    invoice-issuer-name: Contoso Cloud CSP\n");

		// when
		Result result = this.workspace.run("--from=" + RANGE, "--to=" + RANGE);

		// then one row per VM, with its tags as FOCUS KeyValueFormat: keys sorted, as of the row's last record
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		assertThat(csv(output("chargeback/" + CONTOSO_CSP + ".csv")))
			.extracting((row) -> row.get("ResourceUri").substring(vm.length()) + " " + row.get("RecordCount") + " "
					+ row.get("Tags"))
			.containsExactly("vm1 2 {\"CostCenter\":\"4711\",\"Department\":\"Sales\"}", "vm2 2 {\"Owner\":\"Bob\"}",
					"vm3 1 ");
		Path focus = output("focus/" + CONTOSO_CSP + ".csv");
		assertThat(FocusValidator.validate(focus)).isEmpty();
		assertThat(csv(focus)).extracting((row) -> row.get("Tags"))
			.containsExactly("{\"CostCenter\":\"4711\",\"Department\":\"Sales\"}", "{\"Owner\":\"Bob\"}", "");
	}

	@Test
	void aRerunPublishesFocusCorrectionsThatTieTheFirstRunToTheRerun() throws IOException {
		// given a published run with FOCUS files: Contoso's two VMs, Northwind on the default subscription
		this.workspace.settings("  focus:\n    enabled: true\n    invoice-issuer-name: Contoso Cloud CSP\n");
		String vm1 = usage(CONTOSO_EAST, BASE_VM, 0, "1", "Microsoft.Compute/virtualMachines/vm1");
		String vm2 = usage(CONTOSO_EAST, BASE_VM, 0, "3", "Microsoft.Compute/virtualMachines/vm2");
		String web1 = usage(NORTHWIND_EAST, BASE_VM, 0, "2", "Microsoft.Compute/virtualMachines/web1");
		this.workspace.write("east/usage/a.csv", HEADER + vm1 + vm2 + web1);
		assertThat(this.workspace.run("--from=" + RANGE, "--to=" + RANGE).exitCode()).isZero();
		List<Map<String, String>> first = new java.util.ArrayList<>();
		for (String subscription : List.of(CONTOSO_CSP, EAST_DEFAULT)) {
			first.addAll(csv(output("focus/" + subscription + ".csv")));
		}

		// when a late export adds a day's usage to vm1, vm2 is gone from the export, a new IP address appears
		this.workspace.write("east/usage/a.csv", HEADER + vm1 + web1
				+ usage(CONTOSO_EAST, BASE_VM, 5, "7", "Microsoft.Compute/virtualMachines/vm1")
				+ usage(CONTOSO_EAST, STATIC_IP, 0, "24", "Microsoft.Network/publicIPAddresses/ip1"));
		Result rerun = this.workspace.run("--from=" + RANGE, "--to=" + RANGE);

		// then the corrections are valid FOCUS and the first run plus its corrections is the rerun, in total
		assertThat(rerun.exitCode()).as(rerun.stderr()).isZero();
		Path corrections = output("focus-corrections.csv");
		assertThat(FocusValidator.validate(corrections)).isEmpty();
		List<Map<String, String>> correctionRows = csv(corrections);
		assertThat(correctionRows).allSatisfy((row) -> assertThat(row).containsEntry("ChargeClass", "Correction"));
		List<Map<String, String>> rerunRows = new java.util.ArrayList<>();
		for (String subscription : List.of(CONTOSO_CSP, EAST_DEFAULT)) {
			rerunRows.addAll(csv(output("focus/" + subscription + ".csv")));
		}
		for (String metric : List.of("BilledCost", "EffectiveCost", "ListCost", "ContractedCost", "PricingQuantity")) {
			assertThat(sum(first, metric).add(sum(correctionRows, metric))).as(metric)
				.isEqualByComparingTo(sum(rerunRows, metric));
		}
		// and charge by charge: vm1 grew by 7 core hours, vm2 went, ip1 came; Northwind's usage is unchanged
		assertThat(correctionRows).extracting((row) -> row.get("ResourceName") + " " + row.get("PricingQuantity"))
			.contains("vm1 7", "vm2 -3", "ip1 24")
			.noneMatch((row) -> row.startsWith("web1"));
		// and the rerun's own FOCUS files are complete, not corrections
		assertThat(rerunRows).allSatisfy((row) -> assertThat(row).containsEntry("ChargeClass", ""));
	}

	@Test
	void withoutACustomerFileTheCustomerColumnsAreEmpty() {
		// given
		this.workspace.write("east/usage/a.csv",
				HEADER + usage(CONTOSO_EAST, BASE_VM, 0, "2", "Microsoft.Compute/virtualMachines/vm1"));

		// when
		Result result = this.workspace.run("--from=" + RANGE, "--to=" + RANGE);

		// then
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		assertThat(csv(output("chargeback/" + CONTOSO_CSP + ".csv")).get(0))
			.containsEntry("HubSubscriptionName", "Contoso production")
			.containsEntry("CustomerName", "")
			.containsEntry("CustomerReference", "");
	}

	@Test
	void aBadRowOfTheCustomerFileStopsTheRunNamingFileAndLine() {
		// given a customer file whose third line names no subscription
		this.workspace.write("east/usage/a.csv",
				HEADER + usage(CONTOSO_EAST, BASE_VM, 0, "2", "Microsoft.Compute/virtualMachines/vm1"));
		Path file = customerNames("CustomerSubscriptionId,CustomerName,CustomerReference\n" + CONTOSO_CSP
				+ ",Contoso Ltd,K-1001\nnot-a-subscription,Fabrikam,K-1002\n");

		// when
		Result result = this.workspace.run("--from=" + RANGE, "--to=" + RANGE);

		// then the run fails before it reads anything (as a broken rate card does), telling the operator where to look
		assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isEqualTo(1);
		assertThat(result.stdout() + result.stderr()).contains("run 1 FAILED", "hub-chargeback.names.customer-file " + file + ", line 3:",
				"'not-a-subscription' is not a subscription ID");
		assertThat(this.workspace.range(RANGE, RANGE)).doesNotExist();
	}

	@Test
	void roundingRowsCarryTheirHubsAndTenantCostsAddUpToTheDefaultSubscriptionsFile() {
		// given three half-cent rows of Northwind on the default subscription: each rounds to 0.00, the file to 0.02;
		// and a quantity with more digits than a spreadsheet keeps
		this.workspace.write("east/usage/a.csv", HEADER
				+ usage(NORTHWIND_EAST, BASE_VM, 0, "1", "Microsoft.Compute/virtualMachines/vm1")
				+ usage(NORTHWIND_EAST, BASE_VM, 0, "1", "Microsoft.Compute/virtualMachines/vm2")
				+ usage(NORTHWIND_TEST, BASE_VM, 0, "1", "Microsoft.Compute/virtualMachines/vm3")
				+ usage(NORTHWIND_TEST, STATIC_IP, 1, "10.0000000000000008", "Microsoft.Network/publicIPAddresses/ip1"));

		// when
		Result result = this.workspace.run("--from=" + RANGE, "--to=" + RANGE);

		// then the rounding rows name the hub, in the chargeback file and in summary.csv
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		List<Map<String, String>> chargeback = csv(output("chargeback/" + EAST_DEFAULT + ".csv"));
		Map<String, String> rounding = chargeback.get(chargeback.size() - 1);
		assertThat(rounding).containsEntry("ChargeReason", "ROUNDING").containsEntry("HubName", "east");
		assertThat(csv(output("summary.csv"))).filteredOn((row) -> "ROUNDING".equals(row.get("ChargeReason")))
			.singleElement()
			.satisfies((row) -> assertThat(row).containsEntry("Hubs", "east").containsEntry("Cost", "0.02"));
		// the tenant's cost plus the default subscription's rounding row is the file's total
		List<Map<String, String>> tenants = csv(output("unregistered-tenants.csv"));
		assertThat(tenants).extracting((row) -> row.get("Reason") + " " + row.get("HubName") + " " + row.get("Cost"))
			.containsExactly("TENANT_NOT_REGISTERED east 0.05", "ROUNDING east 0.02");
		assertThat(sum(tenants, "Cost")).isEqualByComparingTo(sum(chargeback, "Cost"));
		// people's files round to 15 significant digits; the chargeback file and the manifest keep the exact sum
		assertThat(csv(output("summary.csv"))).filteredOn((row) -> STATIC_IP.equals(row.get("MeterId")))
			.singleElement()
			.satisfies((row) -> assertThat(row).containsEntry("Quantity", "10"));
		assertThat(chargeback).filteredOn((row) -> STATIC_IP.equals(row.get("MeterId")))
			.singleElement()
			.satisfies((row) -> assertThat(row).containsEntry("Quantity", "10.0000000000000008"));
		assertThat(Workspace.json(output("manifest.json")).toString()).contains("13.0000000000000008");
		// QuantityPerMeter as rows: one per tenant and meter, with the meter's unit
		assertThat(tenants.get(0).get("QuantityPerMeter")).contains("=3", "=10");
		assertThat(csv(output("unregistered-tenant-meters.csv")))
			.extracting((row) -> row.get("TenantId") + " " + row.get("MeterName") + " " + row.get("Unit") + " "
					+ row.get("Quantity") + " " + row.get("RecordCount"))
			.containsExactlyInAnyOrder(NORTHWIND + " Base VM Size Hours Virtual core hours 3 3",
					NORTHWIND + " Static IP Address Usage IP addresses 10 1");
	}

	static BigDecimal sum(List<Map<String, String>> rows, String column) {
		return rows.stream()
			.map((row) -> row.get(column))
			.filter((value) -> !value.isEmpty())
			.map(BigDecimal::new)
			.reduce(BigDecimal.ZERO, BigDecimal::add);
	}

}

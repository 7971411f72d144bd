package org.hubchargeback.reconcile;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hubchargeback.Workspace;
import org.hubchargeback.Workspace.Result;
import org.hubchargeback.reconcile.PartnerCenterReconFile.Customer;
import org.hubchargeback.reconcile.PartnerCenterReconFile.Line;
import org.hubchargeback.reconcile.PartnerCenterReconFile.Meter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A month of generated exports of one hub, charged and published, reconciled against a generated Partner Center file
 * with planted differences: each is reported with its reason, and nothing else is.
 */
class ReconciliationFunctionalTests {

	static final String DEFAULT = "11111111-1111-4111-8111-111111111111";

	static final Customer CONTOSO = new Customer("aaaaaaaa-0000-4000-8000-000000000001", "Contoso Ltd",
			"contoso.onmicrosoft.com", "ABCDEF01-2345-4678-9ABC-DEF012345678");

	static final Customer FABRIKAM = new Customer("aaaaaaaa-0000-4000-8000-000000000002", "Fabrikam Inc",
			"fabrikam.onmicrosoft.com", "c2c2c2c2-0000-4000-8000-00000000c0c2");

	/**
	 * Not on the hub's registration when the month was charged: its usage fell to the default subscription. Microsoft
	 * billed it there too, until the tenant was registered in Azure on the 20th.
	 */
	static final Customer NORTHWIND = new Customer("aaaaaaaa-0000-4000-8000-000000000003", "Northwind Traders",
			"northwind.onmicrosoft.com", "c3c3c3c3-0000-4000-8000-00000000c0c3");

	static final Customer NORTHWIND_DEFAULT = new Customer(NORTHWIND.tenantId(), NORTHWIND.name(), NORTHWIND.domain(),
			DEFAULT);

	static final String CONTOSO_EAST = "5e000000-0000-4000-8000-000000000001";

	static final String FABRIKAM_EAST = "5e000000-0000-4000-8000-000000000002";

	static final String NORTHWIND_EAST = "5e000000-0000-4000-8000-000000000003";

	static final Meter BASE_VM = new Meter("fab6eb84-500b-4a09-a8ca-7358f8bbaea5",
			"6dab500f-a4fd-49c4-956d-229bb9c8c793", "Base VM Size Hours", "Windows VM", "1 Hour",
			new BigDecimal("0.008"), new BigDecimal("0.0072"));

	static final Meter BLOB = new Meter("b5c15376-6c94-4fdd-b655-1a69d138aca3",
			"c9a3b8e2-7f5d-4a61-b0e4-3d2f1c8e9a70", "Blob Storage", "Storage", "1 GB/Hr",
			new BigDecimal("0.0000082192"), new BigDecimal("0.0000074"));

	static final LocalDate FIRST = LocalDate.of(2026, 10, 1);

	static final LocalDate LAST = LocalDate.of(2026, 10, 31);

	static final LocalDate MISSED = LocalDate.of(2026, 10, 10);

	static final LocalDate OTHER_CURRENCY = LocalDate.of(2026, 10, 5);

	static final LocalDate QUANTITY = LocalDate.of(2026, 10, 15);

	static final LocalDate REGISTERED = LocalDate.of(2026, 10, 20);

	static final LocalDate MOVED_UNTIL = LocalDate.of(2026, 10, 22);

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
				+ "\n  reconcile:\n    partner-center-dir: " + this.dir.resolve("partner-center") + "\n");
	}

	@Test
	void reportsEveryPlantedDifferenceWithItsReasonAndNothingElse() {
		// given a month of exports, Fabrikam's of the 10th missed, charged and published
		for (LocalDate day = FIRST; !day.isAfter(LAST); day = day.plusDays(1)) {
			this.workspace.write("east/usage/usage-" + day + ".csv", export(day));
		}
		Result charged = this.workspace.run("--from=" + FIRST, "--to=" + LAST);
		assertThat(charged.exitCode()).as(charged.stderr()).isIn(0, 3);
		// and Partner Center's file of the month, as downloaded, with the planted differences
		List<Line> lines = new ArrayList<>();
		for (LocalDate day = FIRST; !day.isAfter(LAST); day = day.plusDays(1)) {
			for (Meter meter : List.of(BASE_VM, BLOB)) {
				if (!day.equals(LAST)) {
					// Contoso's last day is not forwarded yet
					BigDecimal quantity = quantity(CONTOSO_EAST, meter, day);
					if (day.equals(QUANTITY) && meter == BASE_VM) {
						quantity = quantity.add(new BigDecimal("9"));
					}
					lines.add(new Line(day, CONTOSO, CONTOSO_EAST, meter, quantity, "USD", true));
				}
				lines.add(new Line(day, FABRIKAM, FABRIKAM_EAST, meter, quantity(FABRIKAM_EAST, meter, day),
						day.equals(OTHER_CURRENCY) ? "EUR" : "USD", true));
				boolean moved = !day.isBefore(REGISTERED) && !day.isAfter(MOVED_UNTIL);
				lines.add(new Line(day, moved ? NORTHWIND : NORTHWIND_DEFAULT, NORTHWIND_EAST, meter,
						quantity(NORTHWIND_EAST, meter, day), "USD", true));
			}
		}
		int half = lines.size() / 2;
		this.workspace.write("partner-center/2026-10/DailyRatedUsage_1.csv",
				PartnerCenterReconFile.csv(lines.subList(0, half), true, true)
						+ PartnerCenterReconFile.otherServiceLine(CONTOSO, QUANTITY));
		this.workspace.write("partner-center/2026-10/DailyRatedUsage_2.csv",
				PartnerCenterReconFile.csv(lines.subList(half, lines.size()), false, false));

		// when
		Result result = this.workspace.run("--reconcile", "--from=" + FIRST, "--to=" + LAST);

		// then
		assertThat(result.exitCode()).as(result.stderr()).isEqualTo(3);
		Path folder = this.workspace.out().resolve("reconciliation").resolve(FIRST + "_" + LAST);
		List<Map<String, String>> rows = Workspace.csv(folder.resolve("reconciliation.csv"));
		Set<List<String>> differences = new HashSet<>();
		for (Map<String, String> row : rows) {
			if (!row.get("Difference").equals("MATCHED")) {
				differences.add(List.of(row.get("UsageDate"), row.get("SubscriptionId"),
						row.get("BilledSubscriptionId"), row.get("MeterId"), row.get("Difference")));
			}
		}
		Set<List<String>> planted = new HashSet<>();
		for (Meter meter : List.of(BASE_VM, BLOB)) {
			planted.add(List.of(MISSED.toString(), FABRIKAM.entitlementId(), "", meter.localId(), "MISSED_EXPORT"));
			planted.add(List.of(LAST.toString(), CONTOSO.entitlementId(), "", meter.localId(), "NOT_BILLED"));
			planted.add(List.of(OTHER_CURRENCY.toString(), FABRIKAM.entitlementId(), "", meter.localId(),
					"OTHER_CURRENCY"));
			for (LocalDate day = REGISTERED; !day.isAfter(MOVED_UNTIL); day = day.plusDays(1)) {
				planted.add(List.of(day.toString(), DEFAULT, NORTHWIND.entitlementId(), meter.localId(),
						"BILLED_TO_OTHER_SUBSCRIPTION"));
			}
		}
		planted.add(List.of(QUANTITY.toString(), CONTOSO.entitlementId(), "", BASE_VM.localId(),
				"QUANTITY_DIFFERENCE"));
		assertThat(differences).containsExactlyInAnyOrderElementsOf(planted);
		// every other subscription, meter and day of the month matched, the default subscription's lines included
		assertThat(rows).hasSize(3 * 2 * 31);
		assertThat(rows).filteredOn((row) -> row.get("Difference").equals("MATCHED")
				&& row.get("SubscriptionId").equals(DEFAULT)).hasSize(2 * 28);
		Map<String, String> matched = rows.stream()
			.filter((row) -> row.get("UsageDate").equals("2026-10-02") && row.get("MeterId").equals(BASE_VM.localId())
					&& row.get("SubscriptionId").equals(CONTOSO.entitlementId()))
			.findFirst()
			.orElseThrow();
		assertThat(matched).containsEntry("Difference", "MATCHED")
			.containsEntry("ChargeReason", "REGISTERED")
			.containsEntry("HubSubscriptionIds", CONTOSO_EAST)
			.containsEntry("ChargedQuantity", "96")
			.containsEntry("BilledQuantity", "96")
			.containsEntry("Cost", "0.77")
			.containsEntry("BillingPreTaxTotal", "0.69")
			.containsEntry("Margin", "0.08");
		assertThat(folder.resolve("WARNINGS.txt")).content()
			.contains("2 reconciliation row(s) MISSED_EXPORT")
			.contains("6 reconciliation row(s) BILLED_TO_OTHER_SUBSCRIPTION");
	}

	@Test
	void refusesWithoutTheFolderOfPartnerCenterFiles() {
		// when
		Result result = this.workspace.run("--reconcile", "--from=" + FIRST, "--to=" + LAST);

		// then
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.stderr()).contains("--reconcile needs the folder of Partner Center's daily rated usage"
				+ " reconciliation files: hub-chargeback.reconcile.partner-center-dir ("
				+ this.dir.resolve("partner-center") + " is not a folder)");
		assertThat(this.workspace.out().resolve("reconciliation")).doesNotExist();
	}

	@Test
	void refusesARangeNoPublishedFolderHolds() {
		// given
		this.workspace.write("partner-center/2026-10/DailyRatedUsage_1.csv", PartnerCenterReconFile.csv(
				List.of(new Line(FIRST, CONTOSO, CONTOSO_EAST, BASE_VM, BigDecimal.TEN, "USD", true)), true, true));

		// when
		Result result = this.workspace.run("--reconcile", "--from=" + FIRST, "--to=" + LAST);

		// then
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.stderr()).contains("no published folder holds a day of 2026-10-01..2026-10-31: run --from"
				+ " 2026-10-01 --to 2026-10-31 first, then --reconcile");
	}

	/**
	 * An export of one day: every hour, each hub subscription's VM cores and blob storage; Fabrikam's export of the
	 * missed day is not there.
	 */
	static String export(LocalDate day) {
		StringBuilder csv = new StringBuilder("UsageStartTime,UsageEndTime,SubscriptionId,TenantId,MeterId,Quantity,"
				+ "ResourceUri\n");
		for (String subscription : List.of(CONTOSO_EAST, FABRIKAM_EAST, NORTHWIND_EAST)) {
			if (day.equals(MISSED) && subscription.equals(FABRIKAM_EAST)) {
				continue;
			}
			for (int hour = 0; hour < 24; hour++) {
				for (Meter meter : List.of(BASE_VM, BLOB)) {
					csv.append(day.atTime(hour, 0)).append(":00Z,").append(day.atTime(hour, 0).plusHours(1))
						.append(":00Z,").append(subscription).append(",,").append(meter.localId()).append(',')
						.append(hourly(subscription, meter, day, hour).toPlainString())
						.append(",/subscriptions/").append(subscription)
						.append("/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm01\n");
				}
			}
		}
		return csv.toString();
	}

	static BigDecimal hourly(String subscription, Meter meter, LocalDate day, int hour) {
		int cores = subscription.equals(CONTOSO_EAST) ? 4 : subscription.equals(FABRIKAM_EAST) ? 2 : 1;
		if (meter == BASE_VM) {
			return BigDecimal.valueOf(cores);
		}
		return new BigDecimal("12.5").multiply(BigDecimal.valueOf(cores))
			.add(new BigDecimal("0.0123457").multiply(BigDecimal.valueOf(day.getDayOfMonth() * 24L + hour)));
	}

	/**
	 * What the hub recorded of a hub subscription and meter on a day, whatever the job charged of it.
	 */
	static BigDecimal quantity(String subscription, Meter meter, LocalDate day) {
		BigDecimal sum = BigDecimal.ZERO;
		for (int hour = 0; hour < 24; hour++) {
			sum = sum.add(hourly(subscription, meter, day, hour));
		}
		return sum;
	}

}

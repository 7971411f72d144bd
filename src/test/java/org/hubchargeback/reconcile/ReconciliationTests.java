package org.hubchargeback.reconcile;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ReconciliationTests {

	static final LocalDate DAY = LocalDate.of(2026, 11, 16);

	static final String LOCAL_A = "5e000000-0000-4000-8000-000000000001";

	static final String LOCAL_B = "5e000000-0000-4000-8000-000000000002";

	static final String CSP = "ABCDEF01-2345-4678-9ABC-DEF012345678";

	static final String BASE_VM = "fab6eb84-500b-4a09-a8ca-7358f8bbaea5";

	final Reconciliation reconciliation = new Reconciliation(BigDecimal.ONE);

	@Test
	void quantitiesWithinTheToleranceMatchAndSubscriptionsCompareCaseInsensitively() {
		// given
		List<ChargedUsage> charged = List.of(charged(LOCAL_A, "100"));
		List<BilledUsage> billed = List.of(billed(CSP.toLowerCase(), LOCAL_A, BASE_VM, "99.01"));

		// when
		List<ReconciliationRow> rows = this.reconciliation.compare(charged, billed);

		// then
		assertThat(rows).singleElement().satisfies((row) -> {
			assertThat(row.difference()).isEqualTo(Difference.MATCHED);
			assertThat(row.subscription()).isEqualTo(CSP);
			assertThat(row.quantityDifference()).isEqualByComparingTo("0.99");
			assertThat(row.margin()).isEqualByComparingTo("0.087128");
		});
	}

	@Test
	void aQuantityBeyondTheToleranceDiffers() {
		// when
		List<ReconciliationRow> rows = this.reconciliation.compare(List.of(charged(LOCAL_A, "100")),
				List.of(billed(CSP, LOCAL_A, BASE_VM, "98.9")));

		// then
		assertThat(rows).extracting(ReconciliationRow::difference).containsExactly(Difference.QUANTITY_DIFFERENCE);
	}

	@Test
	void aLineWithoutTheHubSubscriptionIsComparedWithEverythingTheSubscriptionWasChargedOfTheMeterThatDay() {
		// given: two hub subscriptions of one tenant, billed as one line without azureStack.SubscriptionId
		List<ChargedUsage> charged = List.of(charged(LOCAL_A, "60"), charged(LOCAL_B, "40"));
		List<BilledUsage> billed = List.of(billed(CSP, null, BASE_VM, "100"));

		// when
		List<ReconciliationRow> rows = this.reconciliation.compare(charged, billed);

		// then
		assertThat(rows).singleElement().satisfies((row) -> {
			assertThat(row.difference()).isEqualTo(Difference.MATCHED);
			assertThat(row.chargedQuantity()).isEqualByComparingTo("100");
			assertThat(row.hubSubscriptions()).containsExactly(LOCAL_A, LOCAL_B);
		});
	}

	@Test
	void aLineWithoutALocalMeterCannotBeCompared() {
		// when
		List<ReconciliationRow> rows = this.reconciliation.compare(List.of(charged(LOCAL_A, "24")),
				List.of(billed(CSP, LOCAL_A, null, "24")));

		// then
		assertThat(rows).extracting(ReconciliationRow::difference)
			.containsExactlyInAnyOrder(Difference.NOT_BILLED, Difference.METER_NOT_MATCHED);
		assertThat(rows).filteredOn((row) -> row.difference() == Difference.METER_NOT_MATCHED)
			.singleElement()
			.satisfies((row) -> assertThat(row.billedMeterName()).isEqualTo("Base VM Size Hours"));
	}

	@Test
	void usageOfADayAfterTheLastOnePartnerCenterBilledIsNotBilledYetAndNoWarning() {
		// given: charged on the 16th and the 17th, Partner Center's files end on the 16th
		List<ChargedUsage> charged = List.of(charged(LOCAL_A, "24"), new ChargedUsage(DAY.plusDays(1), LOCAL_A,
				BASE_VM, CSP, "REGISTERED", new BigDecimal("24"), null, null));
		List<ReconciliationRow> rows = this.reconciliation.compare(charged, List.of());

		// when
		List<ReconciliationRow> reported = Reconciliation.notBilledYet(rows, DAY);

		// then
		assertThat(reported).extracting(ReconciliationRow::difference)
			.containsExactly(Difference.NOT_BILLED, Difference.NOT_BILLED_YET);
		assertThat(Reconciliation.differences(reported)).containsExactly(Map.entry(Difference.NOT_BILLED, 1L));
		assertThat(Reconciliation.counts(reported)).containsEntry(Difference.NOT_BILLED_YET, 1L);
		// files that hold no line at all have billed nothing yet
		assertThat(Reconciliation.notBilledYet(rows, null)).extracting(ReconciliationRow::difference)
			.containsOnly(Difference.NOT_BILLED_YET);
	}

	@Test
	void aWrittenFileGivesBackTheWarningsOfItsDifferences(@TempDir Path dir) throws IOException {
		// given reconciliation.csv as a run published it before a restart
		Path file = Files.writeString(dir.resolve("reconciliation.csv"), "UsageDate,Difference\r\n"
				+ "2026-11-16,MATCHED\r\n2026-11-16,NOT_BILLED\r\n2026-11-16,NOT_BILLED\r\n"
				+ "2026-11-17,NOT_BILLED_YET\r\n");

		// when
		List<String> warnings = PartnerCenterReconciliation.warningsOf(file);

		// then
		assertThat(warnings).containsExactly("2 reconciliation row(s) NOT_BILLED: " + Difference.NOT_BILLED.action());
	}

	static ChargedUsage charged(String hubSubscription, String quantity) {
		return new ChargedUsage(DAY, hubSubscription, BASE_VM, CSP, "REGISTERED", new BigDecimal(quantity),
				new BigDecimal(quantity).multiply(new BigDecimal("0.008")), "USD");
	}

	static BilledUsage billed(String subscription, String hubSubscription, String meterId, String quantity) {
		return new BilledUsage(DAY, subscription, hubSubscription, meterId, "Base VM Size Hours",
				new BigDecimal(quantity), new BigDecimal(quantity).multiply(new BigDecimal("0.0072")), "USD");
	}

}

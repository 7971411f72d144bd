package org.hubchargeback.reconcile;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class PartnerCenterFilesTests {

	static final String HUB_SUBSCRIPTION = "5e000000-0000-4000-8000-000000000001";

	static final String CUSTOMER = "c1c1c1c1-0000-4000-8000-00000000c0c1";

	static final String BASE_VM = "fab6eb84-500b-4a09-a8ca-7358f8bbaea5";

	static final LocalDate FROM = LocalDate.of(2026, 11, 1);

	static final LocalDate TO = LocalDate.of(2026, 11, 30);

	@TempDir
	Path dir;

	@Test
	void readsThePowerShellModelsExportWithAHashtableAdditionalInfoAndPortalDates() throws IOException {
		// given: Export-Csv of PSDailyRatedUsageLineItem objects, columns in another order and case, with a mark
		write("2026-11/powershell.csv", "\uFEFFentitlementid,USAGEDATE,Quantity,UnitOfMeasure,MeterCategory,"
				+ "AdditionalInfo,BillingPreTaxTotal,BillingCurrency\n" + CUSTOMER
				+ ",11/16/2026 12:00:00 AM,96,1 Hour,"
				+ "Azure Stack Hub,\"@{azureStack.MeterId=" + BASE_VM.toUpperCase() + "; azureStack.SubscriptionId="
				+ HUB_SUBSCRIPTION + "}\",0.69,usd\n");

		// when
		PartnerCenterFiles.Billing billing = PartnerCenterFiles.read(this.dir, FROM, TO, (meter) -> false);

		// then
		assertThat(billing.problems()).isEmpty();
		assertThat(billing.lines()).containsExactly(new BilledUsage(LocalDate.of(2026, 11, 16), CUSTOMER,
				HUB_SUBSCRIPTION, BASE_VM, "", new BigDecimal("96"), new BigDecimal("0.69"), "USD"));
	}

	@Test
	void fallsBackToAMeterIdTheHubKnowsWhenAdditionalInfoHasNone() throws IOException {
		// given
		write("recon.csv", header() + CUSTOMER + ",2026-11-16T00:00:00Z,24,Azure Stack Hub," + BASE_VM
				+ ",Base VM Size Hours,\"{\"\"azureStack.SubscriptionId\"\":\"\"" + HUB_SUBSCRIPTION
				+ "\"\"}\",0.17,USD\n"
				+ CUSTOMER + ",2026-11-16,5,Azure Stack Hub,0b1c2d3e-0000-4000-8000-000000000000,Mystery,"
				+ "\"{\"\"azureStack.SubscriptionId\"\":\"\"" + HUB_SUBSCRIPTION + "\"\"}\",,USD\n");

		// when
		PartnerCenterFiles.Billing billing = PartnerCenterFiles.read(this.dir, FROM, TO, BASE_VM::equals);

		// then
		assertThat(billing.lines()).extracting(BilledUsage::meterId).containsExactly(BASE_VM, null);
		assertThat(billing.lines().get(1).preTax()).isNull();
	}

	@Test
	void keepsOnlyAzureStackHubLinesOfTheRange() throws IOException {
		// given
		write("recon.csv", header() + CUSTOMER + ",2026-11-16,24,Virtual Machines,0b1c2d3e-0000-4000-8000-000000000000,"
				+ "D2s v3,,2.30,USD\n" + CUSTOMER + ",2026-12-01,24,Azure Stack Hub," + BASE_VM
				+ ",Base VM Size Hours,,0.17,USD\n" + CUSTOMER + ",2026-11-02,24,Azure Stack Hub," + BASE_VM
				+ ",Base VM Size Hours,,0.17,USD\n");

		// when
		PartnerCenterFiles.Billing billing = PartnerCenterFiles.read(this.dir, FROM, TO, BASE_VM::equals);

		// then
		assertThat(billing.lines()).extracting(BilledUsage::day).containsExactly(LocalDate.of(2026, 11, 2));
		// the Azure Stack Hub line after the range says Microsoft has billed that far, the other service's does not
		assertThat(billing.lastDay()).isEqualTo(LocalDate.of(2026, 12, 1));
	}

	@Test
	void namesFileLineAndColumnOfEveryRowItCannotRead() throws IOException {
		// given
		Path file = write("recon.csv", header() + CUSTOMER + ",2026-11-16,2.4.1,Azure Stack Hub," + BASE_VM
				+ ",Base VM Size Hours,,0.17,USD\n" + "not-a-subscription,2026-11-16,1,Azure Stack Hub," + BASE_VM
				+ ",Base VM Size Hours,,0.17,USD\n" + CUSTOMER + ",16.11.2026,1,Azure Stack Hub," + BASE_VM
				+ ",Base VM Size Hours,,0.17,USD\n" + CUSTOMER + ",2026-11-16,1,Azure Stack Hub\n");
		write("other.csv", "Date,Amount\n2026-11-16,3\n");

		// when
		PartnerCenterFiles.Billing billing = PartnerCenterFiles.read(this.dir, FROM, TO, BASE_VM::equals);

		// then
		assertThat(billing.lines()).isEmpty();
		assertThat(billing.problems()).containsExactly(
				this.dir.resolve("other.csv") + ": no UsageDate column: not a daily rated usage reconciliation file"
						+ " (the file was skipped)",
				file + ":2: Quantity: '2.4.1' is not a decimal number",
				file + ":3: EntitlementId: 'not-a-subscription' is not an Azure subscription ID",
				file + ":4: UsageDate: '16.11.2026' is not a date (yyyy-MM-dd or M/d/yyyy)",
				file + ":5: 4 fields, the header has 9");
	}

	static String header() {
		return "EntitlementId,UsageDate,Quantity,MeterCategory,MeterId,MeterName,AdditionalInfo,BillingPreTaxTotal,"
				+ "BillingCurrency\n";
	}

	Path write(String name, String content) throws IOException {
		Path file = this.dir.resolve(name);
		Files.createDirectories(file.getParent());
		return Files.writeString(file, content, StandardCharsets.UTF_8);
	}

}

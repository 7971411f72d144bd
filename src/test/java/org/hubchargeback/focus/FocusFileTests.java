package org.hubchargeback.focus;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.hubchargeback.csv.CsvDialect;
import org.hubchargeback.usage.MeterCatalog;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A priced chargeback file becomes a FOCUS file that validates, bills what the chargeback file costs, and leaves out
 * only the rows without a price. The fixture ({@code priced-chargeback.csv}) has a VM on the last day of a month,
 * storage with a comma in its resource URI, a disk at a negotiated price, a MySQL database without a price, a meter
 * not in the catalog charged by default, and a rounding adjustment of -0.01.
 */
class FocusFileTests {

	static final String CHARGED = "c0c0c0c0-0000-4000-8000-00000000c0c0";

	static final String HUB_SUBSCRIPTION = "5e000000-0000-4000-8000-000000000001";

	static final String VM = "fab6eb84-500b-4a09-a8ca-7358f8bbaea5";

	static final String DISK_S6 = "1b77d90f-427b-4435-b4f1-d78adec53222";

	static final String MYSQL = "e6d8cfcd-7734-495e-b1cc-5ab0b9c24bd3";

	static final String UNKNOWN_METER = "11111111-2222-4333-8444-555555555555";

	static final FocusSettings SETTINGS = FocusSettings.forOperator("Contoso Hosting");

	@TempDir
	Path dir;

	@Test
	void pricedChargebackFileBecomesValidFocusFile() throws IOException {
		// given
		Path chargeback = fixture(this.dir, true);
		Path focus = this.dir.resolve("focus.csv");

		// when
		FocusFile.Summary summary = FocusFile.write(chargeback, focus, SETTINGS, new RateCard(), new MeterCatalog(),
				false);

		// then
		assertThat(FocusValidator.validate(focus)).isEmpty();
		assertThat(summary.rowsWritten()).isEqualTo(5);
		assertThat(summary.rowsLeftOut()).isEqualTo(1);
		assertThat(summary.currency()).isEqualTo("USD");
		assertThat(Files.readString(focus, StandardCharsets.UTF_8)).doesNotStartWith(CsvDialect.BYTE_ORDER_MARK)
			.startsWith("BilledCost,BillingAccountId,BillingAccountName,");
	}

	@Test
	void billedCostSumsToTheChargebackFilesCost() throws IOException {
		// given
		Path chargeback = fixture(this.dir, true);
		Path focus = this.dir.resolve("focus.csv");

		// when
		FocusFile.Summary summary = FocusFile.write(chargeback, focus, SETTINGS, new RateCard(), new MeterCatalog(),
				true);

		// then: the rounding adjustment is billed, so both are the unrounded total rounded once
		BigDecimal chargebackCost = read(chargeback).stream()
			.map((row) -> row.get("Cost"))
			.filter((cost) -> !cost.isEmpty())
			.map(BigDecimal::new)
			.reduce(BigDecimal.ZERO, BigDecimal::add);
		BigDecimal billed = read(focus).stream()
			.map((row) -> new BigDecimal(row.get("BilledCost")))
			.reduce(BigDecimal.ZERO, BigDecimal::add);
		assertThat(chargebackCost).isEqualByComparingTo("6.06");
		assertThat(billed).isEqualByComparingTo(chargebackCost);
		assertThat(summary.billedCost()).isEqualByComparingTo(chargebackCost);
		assertThat(Files.readString(focus, StandardCharsets.UTF_8)).startsWith(CsvDialect.BYTE_ORDER_MARK);
	}

	@Test
	void rowWithoutPriceIsLeftOut() throws IOException {
		// given
		Path chargeback = fixture(this.dir, true);
		Path focus = this.dir.resolve("focus.csv");

		// when
		FocusFile.write(chargeback, focus, SETTINGS, new RateCard(), new MeterCatalog(), false);

		// then
		assertThat(read(focus)).extracting((row) -> row.get("SkuId"))
			.containsExactly(VM, "09f8879e-87e9-4305-a572-4b7be209f857", DISK_S6, UNKNOWN_METER, "");
	}

	@Test
	void usageRowCarriesPricesPeriodsAndAccounts() throws IOException {
		// given: VM usage on the last day of October
		Path focus = writeFixture();

		// when
		Map<String, String> vm = read(focus).get(0);

		// then
		assertThat(vm).containsEntry("ChargeCategory", "Usage")
			.containsEntry("ChargeClass", "")
			.containsEntry("ChargeFrequency", "Usage-Based")
			.containsEntry("ChargeDescription", "Base VM Size Hours on Azure Stack Hub hub-a")
			.containsEntry("ChargePeriodStart", "2026-10-31T00:00:00Z")
			.containsEntry("ChargePeriodEnd", "2026-11-01T00:00:00Z")
			.containsEntry("BillingPeriodStart", "2026-10-01T00:00:00Z")
			.containsEntry("BillingPeriodEnd", "2026-11-01T00:00:00Z")
			.containsEntry("BilledCost", "2.21")
			.containsEntry("EffectiveCost", "2.21")
			.containsEntry("ContractedUnitPrice", "0.046")
			.containsEntry("ContractedCost", "2.208")
			.containsEntry("ListUnitPrice", "0.046")
			.containsEntry("ListCost", "2.208")
			.containsEntry("PricingCategory", "Standard")
			.containsEntry("PricingQuantity", "48")
			.containsEntry("PricingUnit", "Core-Hours")
			.containsEntry("ConsumedQuantity", "48")
			.containsEntry("ConsumedUnit", "Core-Hours")
			.containsEntry("BillingAccountId", CHARGED)
			.containsEntry("BillingAccountName", "")
			.containsEntry("BillingCurrency", "USD")
			.containsEntry("SubAccountId", HUB_SUBSCRIPTION)
			.containsEntry("SubAccountName", "hub-a/" + HUB_SUBSCRIPTION)
			.containsEntry("RegionId", "hub-a")
			.containsEntry("RegionName", "hub-a")
			.containsEntry("ResourceId", "/subscriptions/" + HUB_SUBSCRIPTION
					+ "/resourceGroups/rg1/providers/Microsoft.Compute/virtualMachines/vm1")
			.containsEntry("ServiceName", "Virtual Machines")
			.containsEntry("ServiceCategory", "Compute")
			.containsEntry("SkuId", VM)
			.containsEntry("SkuMeter", "Base VM Size Hours")
			.containsEntry("SkuPriceId", VM + "@2026-01-01")
			.containsEntry("ProviderName", "Contoso Hosting")
			.containsEntry("PublisherName", "Microsoft")
			.containsEntry("InvoiceIssuerName", "Contoso Hosting")
			.containsEntry("x_HubName", "hub-a")
			.containsEntry("x_TenantId", "7e000000-0000-4000-8000-000000000001")
			.containsEntry("x_ChargeReason", "REGISTERED")
			.containsEntry("x_RecordCount", "24")
			.containsEntry("x_FirstUsageStart", "2026-10-31T00:00:00Z")
			.containsEntry("x_RegistrationSnapshot", "0123456789ab")
			.containsEntry("x_UsageDate", "2026-10-31");
	}

	@Test
	void negotiatedPriceIsContractedAndRateCardPriceIsList() throws IOException {
		// given: an S6 disk at 2.6 a month where the list price is 3
		Path focus = writeFixture();

		// when
		Map<String, String> disk = read(focus).get(2);

		// then: costs are exact, BilledCost is the chargeback file's rounded cost
		assertThat(disk).containsEntry("ContractedUnitPrice", "2.6")
			.containsEntry("ContractedCost", "0.08666666666666658")
			.containsEntry("ListUnitPrice", "3")
			.containsEntry("ListCost", "0.0999999999999999")
			.containsEntry("BilledCost", "0.09")
			.containsEntry("PricingCategory", "Standard")
			.containsEntry("PricingUnit", "Disk-Months")
			.containsEntry("ServiceName", "Managed Disks")
			.containsEntry("ServiceCategory", "Storage")
			.containsEntry("SkuPriceId", DISK_S6 + "@2026-01-01/" + CHARGED);
	}

	@Test
	void resourceUriWithCommaSurvivesQuoting() throws IOException {
		// given
		Path focus = writeFixture();

		// when
		Map<String, String> storage = read(focus).get(1);

		// then
		assertThat(storage).containsEntry("ResourceId", "/subscriptions/" + HUB_SUBSCRIPTION
				+ "/resourceGroups/rg,1/providers/Microsoft.Storage/storageAccounts/sa1")
			.containsEntry("PricingUnit", "GB-Hours")
			.containsEntry("ContractedCost", "0.02003365")
			.containsEntry("BilledCost", "0.02");
	}

	@Test
	void meterNotInCatalogIsOtherServiceInUnits() throws IOException {
		// given: an unknown meter of a hub subscription without a tenant, charged to the default subscription
		Path focus = writeFixture();

		// when
		Map<String, String> unknown = read(focus).get(3);

		// then: without a list price, the contracted price is the list price
		assertThat(unknown).containsEntry("ServiceName", "Azure Stack Hub")
			.containsEntry("ServiceCategory", "Other")
			.containsEntry("SkuMeter", "")
			.containsEntry("PricingUnit", "Units")
			.containsEntry("ListUnitPrice", "1.25")
			.containsEntry("ListCost", "3.75")
			.containsEntry("ResourceId", "")
			.containsEntry("RegionId", "hub-b")
			.containsEntry("SubAccountName", "hub-b/5e000000-0000-4000-8000-000000000002")
			.containsEntry("x_TenantId", "")
			.containsEntry("x_DefaultReason", "SUBSCRIPTION_WITHOUT_TENANT")
			.containsEntry("ChargeDescription", "Usage of meter " + UNKNOWN_METER + " on Azure Stack Hub hub-b, "
					+ "charged to the default subscription (SUBSCRIPTION_WITHOUT_TENANT)");
	}

	@Test
	void roundingRowIsAnAdjustmentWithoutUsage() throws IOException {
		// given
		Path focus = writeFixture();

		// when
		Map<String, String> rounding = read(focus).get(4);

		// then
		assertThat(rounding).containsEntry("ChargeCategory", "Adjustment")
			.containsEntry("BilledCost", "-0.01")
			.containsEntry("EffectiveCost", "-0.01")
			.containsEntry("ListCost", "0")
			.containsEntry("ContractedCost", "0")
			.containsEntry("ChargePeriodStart", "2026-11-02T00:00:00Z")
			.containsEntry("ChargePeriodEnd", "2026-11-03T00:00:00Z")
			.containsEntry("BillingPeriodStart", "2026-11-01T00:00:00Z")
			.containsEntry("BillingPeriodEnd", "2026-12-01T00:00:00Z")
			.containsEntry("ServiceName", "Azure Stack Hub")
			.containsEntry("ServiceCategory", "Other")
			.containsEntry("BillingAccountId", CHARGED)
			.containsEntry("x_ChargeReason", "ROUNDING")
			.containsEntry("x_RecordCount", "0");
		assertThat(rounding.get("ChargeDescription")).startsWith("Rounding adjustment: ");
		for (String column : List.of("ListUnitPrice", "ContractedUnitPrice", "PricingQuantity", "PricingUnit",
				"ConsumedQuantity", "ConsumedUnit", "PricingCategory", "SkuId", "SkuMeter", "SkuPriceId", "ResourceId",
				"RegionId", "RegionName", "SubAccountId", "SubAccountName")) {
			assertThat(rounding.get(column)).as(column).isEmpty();
		}
	}

	@Test
	void fileWithTwoCurrenciesIsRefused() throws IOException {
		// given
		Path chargeback = fixture(this.dir, false);
		Files.writeString(chargeback, Files.readString(chargeback).replace("3.75,USD", "3.75,EUR"));

		// when, then
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FocusFile.write(chargeback, this.dir.resolve("focus.csv"), SETTINGS, new RateCard(),
					new MeterCatalog(), false))
			.withMessageContaining("data row 5")
			.withMessageContaining("EUR differs from the file's USD");
	}

	@Test
	void unpricedChargebackFileIsRefused() throws IOException {
		// given: a chargeback file from before pricing
		Path chargeback = this.dir.resolve("unpriced.csv");
		Files.writeString(chargeback, "UsageDate,HubName,TenantId,HubSubscriptionId,ResourceUri,MeterId,MeterName,"
				+ "Unit,Quantity,ChargeReason,DefaultReason,ChargedSubscriptionId,RecordCount,FirstUsageStart,"
				+ "LastUsageEnd,RegistrationSnapshot\r\n");

		// when, then
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FocusFile.write(chargeback, this.dir.resolve("focus.csv"), SETTINGS, new RateCard(),
					new MeterCatalog(), false))
			.withMessageContaining("has no column UnitPrice");
	}

	@Test
	void emptyChargebackFileGivesHeaderOnly() throws IOException {
		// given
		Path chargeback = this.dir.resolve("empty.csv");
		Files.writeString(chargeback, CsvDialect.line(FocusFile.CHARGEBACK_COLUMNS.toArray()) + "\r\n");
		Path focus = this.dir.resolve("focus.csv");

		// when
		FocusFile.Summary summary = FocusFile.write(chargeback, focus, SETTINGS, new RateCard(), new MeterCatalog(),
				false);

		// then
		assertThat(summary).isEqualTo(new FocusFile.Summary(0, BigDecimal.ZERO, 0, null));
		assertThat(Files.readAllLines(focus)).containsExactly(String.join(",", FocusFile.HEADER));
		assertThat(FocusValidator.validate(focus)).isEmpty();
	}

	private Path writeFixture() throws IOException {
		Path focus = this.dir.resolve("focus.csv");
		FocusFile.write(fixture(this.dir, true), focus, SETTINGS, new RateCard(), new MeterCatalog(), false);
		return focus;
	}

	/**
	 * Copies the fixture into {@code dir}, with a byte-order mark as Excel-friendly outputs have.
	 */
	static Path fixture(Path dir, boolean byteOrderMark) throws IOException {
		String text = new ClassPathResource("org/hubchargeback/focus/priced-chargeback.csv")
			.getContentAsString(StandardCharsets.UTF_8);
		Path file = dir.resolve("chargeback.csv");
		Files.writeString(file, (byteOrderMark ? CsvDialect.BYTE_ORDER_MARK : "") + text, StandardCharsets.UTF_8);
		return file;
	}

	static List<Map<String, String>> read(Path csv) throws IOException {
		CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
		List<Map<String, String>> rows = new ArrayList<>();
		try (Reader reader = CsvDialect.reader(Files.newInputStream(csv))) {
			for (CSVRecord row : format.parse(reader)) {
				rows.add(row.toMap());
			}
		}
		return rows;
	}

	/**
	 * The fixture's rate card: list prices from 2026-01-01, none for the unknown meter, and a negotiated S6 price for
	 * the charged subscription.
	 */
	static final class RateCard implements FocusPrices {

		private static final Map<String, BigDecimal> LIST = Map.of(VM, new BigDecimal("0.046"),
				"09f8879e-87e9-4305-a572-4b7be209f857", new BigDecimal("0.0000833"), DISK_S6, new BigDecimal("3.00"),
				MYSQL, new BigDecimal("0.0001"));

		@Override
		public @Nullable BigDecimal listUnitPrice(String meterId, LocalDate day) {
			return LIST.get(meterId);
		}

		@Override
		public String priceId(String meterId, LocalDate day, String chargedSubscriptionId) {
			return meterId + "@2026-01-01" + (DISK_S6.equals(meterId) ? "/" + chargedSubscriptionId : "");
		}

	}

}

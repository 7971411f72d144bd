package org.hubchargeback.chargeback;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.hubchargeback.csv.CsvDialect;
import org.hubchargeback.registration.CustomerNames;
import org.hubchargeback.registration.CustomerNames.Customer;
import org.hubchargeback.registration.SubscriptionNames;
import org.hubchargeback.registration.UserSubscriptions;
import org.hubchargeback.registration.UserSubscriptions.SubscriptionName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A chargeback row is formatted field by field for speed; it must be the line the generic CSV printer makes.
 */
class ChargebackCsvTests {

	static Stream<Arguments> values() {
		return Stream.of(
				Arguments.of("hub-a", "/subscriptions/x/vm1", "Base VM Size Hours", "Hours",
						"fab6eb84-500b-4a09-a8ca-7358f8bbaea5", "", "c2c2c2c2-0000-4000-8000-00000000c0c2"),
				Arguments.of("hub-a", "/subscriptions/x/vm,1", "Name \"quoted\"", "GB-month ", "custom meter, with comma",
						"TENANT_NOT_REGISTERED", "ABCDEF01-2345-4678-9ABC-DEF012345678"),
				Arguments.of("#hub", " leading space", "#hash", "\u00e9", "x", "", "odd,id"),
				Arguments.of("hub", "/a\r\nb", "", "\t", "m", "SUBSCRIPTION_WITHOUT_TENANT", ""));
	}

	@ParameterizedTest
	@MethodSource("values")
	void rowIsTheLineTheCsvPrinterMakes(String hub, String resourceUri, String meterName, String unit, String meterId,
			String defaultReason, String charged) {
		// given
		ChargebackLine line = new ChargebackLine(LocalDate.of(2026, 11, 16), hub, "", "5e000000-0000-4000-8000-000000000001",
				resourceUri, meterId, meterName, unit, new BigDecimal("0.0416666666666667"), "DEFAULT",
				defaultReason, charged, 24,
				Instant.parse("2026-11-16T00:00:00Z"), Instant.parse("2026-11-17T00:00:00Z"), "0123456789ab", null,
				null, null, "");

		// when
		String fast = new ChargebackCsv(false).aggregate(line);

		// then
		assertThat(fast).isEqualTo(CsvDialect.line(line.usageDate(), line.hubName(), line.tenantId(),
				line.hubSubscriptionId(), line.resourceUri(), line.meterId(), line.meterName(), line.unit(),
				CsvDialect.quantity(line.quantity()), line.chargeReason(), line.defaultReason(),
				line.chargedSubscriptionId(), line.recordCount(), CsvDialect.instant(line.firstUsageStart()),
				CsvDialect.instant(line.lastUsageEnd()), line.registrationSnapshot(), "", "", "", "", ""));
	}

	@ParameterizedTest
	@MethodSource("values")
	void pricedRowIsTheLineTheCsvPrinterMakes(String hub, String resourceUri, String meterName, String unit,
			String meterId, String defaultReason, String charged) {
		// given a row with a price and one without
		ChargebackLine priced = new ChargebackLine(LocalDate.of(2026, 11, 16), hub, "t", "s", resourceUri, meterId,
				meterName, unit, new BigDecimal("2.5"), "REGISTERED", defaultReason, charged, 3,
				Instant.parse("2026-11-16T00:00:00Z"), Instant.parse("2026-11-17T00:00:00Z"), "0123456789ab",
				new BigDecimal("0.0000082191"), new BigDecimal("0.00"), "USD", "{\"CostCenter\":\"4711\"}");
		ChargebackLine unpriced = new ChargebackLine(priced.usageDate(), hub, "t", "s", resourceUri, meterId,
				meterName, unit, priced.quantity(), "REGISTERED", defaultReason, charged, 3, priced.firstUsageStart(),
				priced.lastUsageEnd(), "0123456789ab", null, null, null, "");

		// when
		ChargebackCsv csv = new ChargebackCsv(true);

		// then the price columns follow, empty (never zero) without a price
		assertThat(csv.aggregate(priced)).isEqualTo(CsvDialect.line(priced.usageDate(), hub, "t", "s", resourceUri,
				meterId, meterName, unit, "2.5", "REGISTERED", defaultReason, charged, 3, "2026-11-16T00:00:00Z",
				"2026-11-17T00:00:00Z", "0123456789ab", "0.0000082191", "0.00", "USD", "", "", "", "",
				"{\"CostCenter\":\"4711\"}"));
		assertThat(csv.aggregate(unpriced)).isEqualTo(CsvDialect.line(priced.usageDate(), hub, "t", "s", resourceUri,
				meterId, meterName, unit, "2.5", "REGISTERED", defaultReason, charged, 3, "2026-11-16T00:00:00Z",
				"2026-11-17T00:00:00Z", "0123456789ab", "", "", "", "", "", "", "", ""));
	}

	@Test
	void roundingRowHasEveryColumnAndTheFilesHubs() {
		// when
		String row = ChargebackCsv.roundingRow(LocalDate.of(2026, 11, 18), List.of("east", "west"), "c1",
				new BigDecimal("-0.01"), "EUR", new Customer("Contoso", "K-1"));

		// then
		assertThat(row).isEqualTo(CsvDialect.line("2026-11-18", "east;west", "", "", "", "", "Rounding adjustment", "",
				"0", "ROUNDING", "", "c1", "0", "", "", "", "", "-0.01", "EUR", "", "", "Contoso", "K-1", ""));
		assertThat(row.split(",", -1)).hasSize(ChargebackCsv.header(true).size());
	}

	@Test
	void namesFollowTheLastColumnAndAreNeutralised(@TempDir Path dir) throws IOException {
		// given a hub subscription with a name and an owner, and a customer whose name starts with a formula sign
		String sub = "5e000000-0000-4000-8000-000000000001";
		Path customers = Files.writeString(dir.resolve("customers.csv"),
				"CustomerSubscriptionId,CustomerName,CustomerReference\nABCDEF01-2345-4678-9ABC-DEF012345678,"
						+ "=Contoso,K-1\n");
		SubscriptionNames names = SubscriptionNames.of(Map.of("hub-a", new UserSubscriptions("x", Map.of(), "",
				Map.of(sub, new SubscriptionName("Contoso dev", "ops@contoso.example")))),
				CustomerNames.read(customers));
		ChargebackLine line = new ChargebackLine(LocalDate.of(2026, 11, 16), "hub-a", "t", sub.toUpperCase(), "/r",
				"m", "", "", BigDecimal.ONE, "REGISTERED", "", "abcdef01-2345-4678-9abc-def012345678", 1,
				Instant.parse("2026-11-16T00:00:00Z"), Instant.parse("2026-11-17T00:00:00Z"), "0123456789ab", null,
				null, null, "");

		// when
		String row = new ChargebackCsv(false, names).aggregate(line);

		// then the names are the last columns, found whatever the IDs' case
		assertThat(row).endsWith(",Contoso dev,ops@contoso.example,'=Contoso,K-1,");
		assertThat(row.split(",", -1)).hasSize(ChargebackCsv.header(false).size());
	}

}

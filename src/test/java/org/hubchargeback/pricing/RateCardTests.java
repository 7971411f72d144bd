package org.hubchargeback.pricing;

import java.util.List;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.hubchargeback.config.InvalidConfigurationException;
import org.hubchargeback.usage.MeterCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reading a rate card: which price applies, and every way a price list can be wrong, named by line and column.
 */
class RateCardTests {

	static final String HEADER = "MeterId,Unit,UnitPrice,Currency,ValidFrom,ValidTo,CustomerSubscriptionId,"
			+ "MarkupPercent,Description\n";

	static final String VM = "fab6eb84-500b-4a09-a8ca-7358f8bbaea5";

	static final String SUB = "c2c2c2c2-0000-4000-8000-00000000c0c2";

	@TempDir
	Path dir;

	RateCard card(String rows) throws IOException {
		Path file = Files.writeString(this.dir.resolve("rates.csv"), HEADER + rows);
		return RateCard.read(file, new MeterCatalog());
	}

	@Test
	void negotiatedPriceWinsOverMarkupWhichWinsOverListPrice() throws IOException {
		RateCard card = card(VM + ",Virtual core hours,0.01,USD,2026-01-01,,,,\n"
				+ VM + ",Virtual core hours,0.005,USD,2026-11-10,2026-11-12," + SUB + ",,\n"
				+ "*,,,USD,2026-01-01,," + SUB + ",25,\n"
				+ VM + ",,,USD,2026-11-20,," + SUB + ",-50,\n");

		assertThat(card.price(VM, LocalDate.of(2026, 11, 1), "another").unitPrice()).isEqualByComparingTo("0.01");
		assertThat(card.price(VM, LocalDate.of(2026, 11, 1), SUB).unitPrice()).isEqualByComparingTo("0.0125");
		assertThat(card.price(VM, LocalDate.of(2026, 11, 11), SUB.toUpperCase()).unitPrice())
			.isEqualByComparingTo("0.005");
		assertThat(card.price(VM, LocalDate.of(2026, 11, 13), SUB).unitPrice()).isEqualByComparingTo("0.0125");
		assertThat(card.price(VM, LocalDate.of(2026, 11, 20), SUB).unitPrice()).isEqualByComparingTo("0.005");
		assertThat(card.price(VM, LocalDate.of(2026, 11, 11), SUB).id()).isEqualTo(VM + "@2026-11-10/" + SUB);
		assertThat(card.price(VM, LocalDate.of(2025, 12, 31), "another")).isNull();
		assertThat(card.price("9cd92d4c-bafd-4492-b278-bedc2de8232a", LocalDate.of(2026, 11, 1), SUB)).isNull();
		assertThat(card.listPrice(VM.toUpperCase().replace("-", ""), LocalDate.of(2026, 11, 11)))
			.isEqualByComparingTo("0.01");
	}

	@Test
	void validToIsInclusive() throws IOException {
		RateCard card = card(VM + ",Virtual core hours,0.01,USD,2026-01-01,2026-11-15,,,\n"
				+ VM + ",Virtual core hours,0.02,USD,2026-11-16,,,,\n");

		assertThat(card.price(VM, LocalDate.of(2026, 11, 15), SUB).unitPrice()).isEqualByComparingTo("0.01");
		assertThat(card.price(VM, LocalDate.of(2026, 11, 16), SUB).unitPrice()).isEqualByComparingTo("0.02");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "USD|2.345|2.34", "USD|2.355|2.36", "USD|-0.005|0.00", "JPY|2.5|2",
			"JPY|3.5|4", "BHD|0.0005|0.000" })
	void costsRoundHalfToEvenInTheCurrencysMinorUnit(String currency, String cost, String rounded)
			throws IOException {
		RateCard card = card(VM + ",Virtual core hours,1," + currency + ",2026-01-01,,,,\n");

		assertThat(card.round(new BigDecimal(cost)).toPlainString()).isEqualTo(rounded);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"fab6eb84-500b-4a09-a8ca-7358f8bbaea5,Virtual core hours,0.01,EUR,2026-01-01,,,,|line 3: Currency: EUR, but earlier rows are in USD",
			"fab6eb84-500b-4a09-a8ca-7358f8bbaea5,Virtual core hours,1.000,50,USD,2026-01-01,,,|line 3: Currency: '50' is not an ISO 4217",
			"fab6eb84-500b-4a09-a8ca-7358f8bbaea5,Virtual core hours,\"1,5\",USD,2026-11-01,,,,|line 3: UnitPrice: '1,5' is not a decimal number",
			"fab6eb84-500b-4a09-a8ca-7358f8bbaea5,Virtual core hours,-1,USD,2026-11-01,,,,|line 3: UnitPrice: negative",
			"fab6eb84-500b-4a09-a8ca-7358f8bbaea5,Virtual core hours,1,USD,16.11.2026,,,,|line 3: ValidFrom: '16.11.2026' is not a date",
			"fab6eb84-500b-4a09-a8ca-7358f8bbaea5,Virtual core hours,1,USD,2026-11-10,2026-11-01,,,|line 3: ValidTo: 2026-11-01 is before ValidFrom",
			"fab6eb84-500b-4a09-a8ca-7358f8bbaea5,Virtual core hours,1,USD,,,,,|line 3: ValidFrom: empty",
			"fab6eb84-500b-4a09-a8ca-7358f8bbaea5,,,USD,2026-11-01,,,10,|line 3: MarkupPercent: a markup needs a CustomerSubscriptionId",
			"fab6eb84-500b-4a09-a8ca-7358f8bbaea5,Virtual core hours,1,USD,2026-11-01,,,10,|line 3: UnitPrice: give either UnitPrice or MarkupPercent",
			"*,Virtual core hours,1,USD,2026-11-01,,c2c2c2c2-0000-4000-8000-00000000c0c2,,|line 3: MeterId: '*' (every meter) only with MarkupPercent",
			"not-a-meter,Virtual core hours,1,USD,2026-11-01,,,,|line 3: MeterId: 'not-a-meter' is not a meter ID",
			"fab6eb84-500b-4a09-a8ca-7358f8bbaea5,GB*hours,1,USD,2026-11-01,,,,|line 3: Unit: 'GB*hours', but meter Base VM Size Hours is measured in 'Virtual core hours'",
			"fab6eb84-500b-4a09-a8ca-7358f8bbaea5,Virtual core hours,1,USD,2026-06-01,,,,|line 3: ValidFrom: 2026-06-01 overlaps the row at line 2" })
	void aWrongRowIsNamedByLineAndColumn(String row, String message) {
		assertThatThrownBy(() -> card("fab6eb84-500b-4a09-a8ca-7358f8bbaea5,Virtual core hours,0.01,USD,2026-01-01,,,,\n"
				+ row + "\n"))
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessageContaining("rates.csv " + message);
	}

	@Test
	void aFileWithoutTheColumnsOrPricesIsRefused() throws IOException {
		Path noColumns = Files.writeString(this.dir.resolve("a.csv"), "Meter,Price\nx,1\n");
		Path empty = Files.writeString(this.dir.resolve("b.csv"), HEADER);

		assertThatThrownBy(() -> RateCard.read(noColumns, new MeterCatalog()))
			.hasMessageContaining("a.csv line 1: missing column(s) [Currency, MeterId, Unit, UnitPrice, ValidFrom]");
		assertThatThrownBy(() -> RateCard.read(empty, new MeterCatalog())).hasMessageContaining("has no prices");
	}

	@Test
	void theSampleRateCardReads() {
		RateCard card = RateCard.read(Path.of("sample-data/rate-card.csv"), new MeterCatalog());

		assertThat(card.currency().getCurrencyCode()).isEqualTo("USD");
		assertThat(card.price(VM, LocalDate.of(2026, 11, 16), SUB).unitPrice()).isEqualByComparingTo("0.008");
	}


	@Test
	void unitsMatchOnOneSpellingAsTheDocsTheScriptAndTheCatalogWriteThem() {
		// given the spellings of one disk unit and one transaction unit (issue 16)
		List<String> disks = List.of("Count of Disks*month", "Disks*month", "Disk * Month", "disk*months");
		List<String> transactions = List.of("Request count in 10,000s", "Request count in 10,000's");

		// when / then
		assertThat(disks).extracting(RateCard::normalizeUnit).containsOnly("disk*month");
		assertThat(transactions).extracting(RateCard::normalizeUnit).containsOnly("requestcountin10,000");
		assertThat(RateCard.normalizeUnit("GB*hours")).isNotEqualTo(RateCard.normalizeUnit("GB*month"));
	}

}

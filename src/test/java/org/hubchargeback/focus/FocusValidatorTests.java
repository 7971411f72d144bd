package org.hubchargeback.focus;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.hubchargeback.csv.CsvDialect;
import org.hubchargeback.usage.MeterCatalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The validator finds what breaks FOCUS: each test spoils one thing of a valid file (the fixture's FOCUS file, whose
 * rows are a VM, storage, a disk, an unknown meter and the rounding adjustment) and expects the violation naming its
 * row and column. The expected problem starts with the column it is reported in: a period's end, a pair's second
 * column.
 */
class FocusValidatorTests {

	@TempDir
	Path dir;

	private Path focus;

	@BeforeEach
	void writeValidFile() throws IOException {
		this.focus = this.dir.resolve("focus.csv");
		FocusFile.write(FocusFileTests.fixture(this.dir, false), this.focus, FocusFileTests.SETTINGS,
				new FocusFileTests.RateCard(), new MeterCatalog(), true);
	}

	@Test
	void fileAsWrittenIsValid() throws IOException {
		// given: the file as FocusFile wrote it

		// when
		List<FocusValidator.Violation> violations = FocusValidator.validate(this.focus);

		// then
		assertThat(violations).isEmpty();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			1 | ChargePeriodStart   | 2026-10-31 00:00:00  | ChargePeriodStart: '2026-10-31 00:00:00' is not in FOCUS
			1 | BillingPeriodEnd    | 2026-11-01T00:00Z    | BillingPeriodEnd: '2026-11-01T00:00Z' is not in FOCUS
			1 | ChargePeriodEnd     | 2026-11-01           | ChargePeriodEnd: '2026-11-01' is not in FOCUS Date/Time
			1 | ChargePeriodStart   | 2026-13-31T00:00:00Z | ChargePeriodStart: '2026-13-31T00:00:00Z' is no date
			1 | ChargePeriodEnd     | 2026-10-31T00:00:00Z | ChargePeriodEnd: 2026-10-31T00:00:00Z is not after
			5 | BillingPeriodStart  | 2026-12-01T00:00:00Z | BillingPeriodEnd: 2026-12-01T00:00:00Z is not after
			2 | BillingAccountId    | ''                   | BillingAccountId: must not be null
			5 | ServiceName         | ''                   | ServiceName: must not be null
			3 | BilledCost          | ''                   | BilledCost: must not be null
			4 | ChargeFrequency     | ''                   | ChargeFrequency: must not be null
			1 | ListCost            | 2.21                 | ListCost: 2.21 is not ListUnitPrice × PricingQuantity
			3 | ContractedCost      | 0.09                 | ContractedCost: 0.09 is not ContractedUnitPrice
			3 | PricingQuantity     | 0.0333               | ListCost: 0.0999999999999999 is not ListUnitPrice
			1 | BilledCost          | 1,234.50             | BilledCost: '1,234.50' is not in NumericFormat
			1 | ListUnitPrice       | +0.046               | ListUnitPrice: '+0.046' is not in NumericFormat
			1 | PricingQuantity     | 48.0.0               | PricingQuantity: '48.0.0' is not in NumericFormat
			1 | ListUnitPrice       | -0.046               | ListUnitPrice: must not be negative
			1 | BillingCurrency     | usd                  | BillingCurrency: 'usd' is not an ISO 4217 currency code
			1 | BillingCurrency     | US$                  | BillingCurrency: 'US$' is not an ISO 4217 currency code
			1 | ChargeCategory      | Consumption          | ChargeCategory: 'Consumption' is not allowed
			1 | ChargeClass         | Refund               | ChargeClass: 'Refund' is not allowed
			1 | ServiceCategory     | Virtual Machines     | ServiceCategory: 'Virtual Machines' is not allowed
			1 | PricingCategory     | Negotiated           | PricingCategory: 'Negotiated' is not allowed
			1 | ChargeFrequency     | Usage Based          | ChargeFrequency: 'Usage Based' is not allowed
			1 | PricingUnit         | ''                   | PricingUnit: must be null exactly when PricingQuantity
			1 | PricingUnit         | core hours           | PricingUnit: 'core hours' is not in UnitFormat
			1 | SubAccountName      | ''                   | SubAccountName: must be null exactly when SubAccountId
			4 | RegionId            | ''                   | RegionName: must be null exactly when RegionId is null
			1 | SkuPriceId          | ''                   | SkuPriceId: must not be null in a Usage row
			2 | ListUnitPrice       | ''                   | ListUnitPrice: must not be null in a Usage row
			3 | ContractedUnitPrice | ''                   | ContractedUnitPrice: must not be null in a Usage row
			4 | SkuId               | ''                   | SkuId: must not be null in a Usage row
			5 | SkuMeter            | S6                   | SkuMeter: must be null when SkuId is null
			5 | ConsumedQuantity    | 1                    | ConsumedQuantity: must be null unless ChargeCategory
			1 | EffectiveCost       | 2.2                  | EffectiveCost: 2.2 differs from BilledCost 2.21
			5 | EffectiveCost       | 0                    | EffectiveCost: 0 differs from BilledCost -0.01
			""")
	void spoiledCellIsReported(int row, String column, String value, String problem) throws IOException {
		// given
		Table table = Table.read(this.focus);
		table.set(row, column, value);
		table.write(this.focus);

		// when
		List<FocusValidator.Violation> violations = FocusValidator.validate(this.focus);

		// then
		assertThat(violations).map(FocusValidator.Violation::toString)
			.anyMatch((violation) -> violation.startsWith("row " + row + ", " + problem));
	}

	@Test
	void customColumnWithoutPrefixIsReported() throws IOException {
		// given
		Table table = Table.read(this.focus);
		table.header.set(table.header.indexOf("x_HubName"), "HubName");
		table.write(this.focus);

		// when
		List<FocusValidator.Violation> violations = FocusValidator.validate(this.focus);

		// then
		assertThat(violations).map(FocusValidator.Violation::toString)
			.containsExactly("header, HubName: neither a FOCUS 1.2 column nor a custom column prefixed x_");
	}

	@Test
	void customColumnBeforeFocusColumnsIsReported() throws IOException {
		// given: x_HubName moved to the front
		Table table = Table.read(this.focus);
		table.move("x_HubName", 0);
		table.write(this.focus);

		// when
		List<FocusValidator.Violation> violations = FocusValidator.validate(this.focus);

		// then
		assertThat(violations).map(FocusValidator.Violation::toString)
			.containsExactly("header, x_HubName: custom column before FOCUS column Tags");
	}

	@Test
	void missingOrMisspelledMandatoryColumnIsReported() throws IOException {
		// given: ServiceName dropped, BilledCost in camel case
		Table table = Table.read(this.focus);
		table.remove("ServiceName");
		table.header.set(table.header.indexOf("BilledCost"), "billedCost");
		table.write(this.focus);

		// when
		List<FocusValidator.Violation> violations = FocusValidator.validate(this.focus);

		// then
		assertThat(violations).map(FocusValidator.Violation::toString)
			.containsExactlyInAnyOrder("header, BilledCost: mandatory column missing",
					"header, ServiceName: mandatory column missing",
					"header, billedCost: neither a FOCUS 1.2 column nor a custom column prefixed x_");
	}

	@Test
	void tagsWithNestedObjectAreReported() throws IOException {
		// given: the Tags column flat on row 1, nested on row 2
		Table table = Table.read(this.focus);
		table.set(1, "Tags", "{\"costCenter\":\"4711\",\"prod\":true}");
		table.set(2, "Tags", "{\"owner\":{\"name\":\"ops\"}}");
		table.set(3, "Tags", "{\"a\":1,\"a\":2}");
		table.write(this.focus);

		// when
		List<FocusValidator.Violation> violations = FocusValidator.validate(this.focus);

		// then
		assertThat(violations).map(FocusValidator.Violation::toString)
			.hasSize(2)
			.anyMatch((v) -> v.equals("row 2, Tags: has a nested object or array"))
			.anyMatch((v) -> v.startsWith("row 3, Tags: is not a JSON object with unique keys"));
	}

	@Test
	void rowWithExtraFieldIsReported() throws IOException {
		// given
		Table table = Table.read(this.focus);
		table.rows.get(1).add("surplus");
		table.write(this.focus);

		// when
		List<FocusValidator.Violation> violations = FocusValidator.validate(this.focus);

		// then
		int columns = table.header.size();
		assertThat(violations).map(FocusValidator.Violation::toString)
			.containsExactly("row 2, : has " + (columns + 1) + " fields, the header " + columns);
	}

	/**
	 * A FOCUS file as cells, to spoil.
	 */
	private record Table(List<String> header, List<List<String>> rows) {

		static Table read(Path csv) throws IOException {
			List<List<String>> records = new ArrayList<>();
			try (Reader reader = CsvDialect.reader(Files.newInputStream(csv))) {
				for (CSVRecord record : CSVFormat.RFC4180.parse(reader)) {
					records.add(new ArrayList<>(record.toList()));
				}
			}
			return new Table(records.get(0), records.subList(1, records.size()));
		}

		/**
		 * @param row 1 for the first data row, as the validator counts
		 */
		void set(int row, String column, String value) {
			this.rows.get(row - 1).set(this.header.indexOf(column), value);
		}

		void insert(int index, String column, String value) {
			this.header.add(index, column);
			this.rows.forEach((row) -> row.add(index, value));
		}

		void remove(String column) {
			int index = this.header.indexOf(column);
			this.header.remove(index);
			this.rows.forEach((row) -> row.remove(index));
		}

		void move(String column, int to) {
			int from = this.header.indexOf(column);
			this.header.add(to, this.header.remove(from));
			this.rows.forEach((row) -> row.add(to, row.remove(from)));
		}

		void write(Path csv) throws IOException {
			try (Writer writer = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
				// the spoiled value exactly as given: CsvDialect.line would neutralize a leading '+' (CSV injection)
				writer.write(CsvDialect.FORMAT.format(this.header.toArray()) + CsvDialect.LINE_SEPARATOR);
				for (List<String> row : this.rows) {
					writer.write(CsvDialect.FORMAT.format(row.toArray()) + CsvDialect.LINE_SEPARATOR);
				}
			}
		}

	}

}

package org.hubchargeback.focus;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.hubchargeback.usage.Meter;
import org.hubchargeback.usage.MeterCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every unit and resource provider of the meter catalog has a FOCUS unit and service: a catalog update that adds a
 * unit text fails here rather than pricing in "Units".
 */
class FocusMappingTests {

	static Set<String> catalogUnits() throws IOException {
		return catalogColumn("Unit");
	}

	static Set<String> catalogResourceProviders() throws IOException {
		return catalogColumn("ResourceProvider");
	}

	@ParameterizedTest
	@MethodSource("catalogUnits")
	void everyCatalogUnitHasAUnitFormatName(String catalogUnit) {
		// given: a unit text of meters.csv

		// when
		String unit = FocusUnits.mapped(catalogUnit);

		// then
		assertThat(unit).isNotNull().matches(FocusValidator.UNIT_FORMAT);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			GB*hours                  | GB-Hours
			Virtual core hours        | Core-Hours
			Disks*month               | Disk-Months
			Count of Disks*month      | Disk-Months
			Disk * Month              | Disk-Months
			Disk * Hour               | Disk-Hours
			Request count in 10,000s  | 10000 Requests
			Request count in 10,000's | 10000 Requests
			10K transactions          | 10000 Requests
			GB-s                      | GB-Seconds
			1 hour                    | Hours
			hour                      | Hours
			MB*hours                  | MB-Hours
			IP addresses              | IP Address-Hours
			Ingress data in GB        | GB
			Egress in GB              | GB
			''                        | Units
			furlongs per fortnight    | Units
			""")
	void catalogUnitsMapToFocusUnits(String catalogUnit, String expected) {
		// given: a catalog unit text, spelled as the catalog spells it

		// when
		String unit = FocusUnits.pricingUnit(catalogUnit);

		// then
		assertThat(unit).isEqualTo(expected).matches(FocusValidator.UNIT_FORMAT);
	}

	@ParameterizedTest
	@MethodSource("catalogResourceProviders")
	void everyCatalogResourceProviderHasAService(String resourceProvider) {
		// given
		Meter meter = new Meter("m", "name", "unit", resourceProvider, false, "docs");

		// when
		FocusService service = FocusService.of(Optional.of(meter));

		// then
		assertThat(service).isNotEqualTo(FocusService.AZURE_STACK_HUB);
		assertThat(service.category()).isNotEqualTo("Other");
	}

	@Test
	void meterNotInCatalogIsAzureStackHubOther() {
		// given
		Optional<Meter> unknown = new MeterCatalog().find("11111111-2222-4333-8444-555555555555");

		// when
		FocusService service = FocusService.of(unknown);

		// then
		assertThat(service).isEqualTo(new FocusService("Azure Stack Hub", "Other"));
	}

	private static Set<String> catalogColumn(String column) throws IOException {
		CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
		Set<String> values = new TreeSet<>();
		ClassPathResource catalog = new ClassPathResource("org/hubchargeback/usage/meters.csv");
		try (Reader reader = new InputStreamReader(catalog.getInputStream(), StandardCharsets.UTF_8)) {
			for (CSVRecord row : format.parse(reader)) {
				values.add(row.get(column));
			}
		}
		return values;
	}

}

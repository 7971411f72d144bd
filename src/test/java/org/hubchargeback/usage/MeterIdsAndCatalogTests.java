package org.hubchargeback.usage;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Meter IDs are published uppercase, lowercase, with and without hyphens (domain facts 3 and 10); they must all find
 * the same catalog entry.
 */
class MeterIdsAndCatalogTests {

	private static final String STATIC_IP = "f271a8a3-88c4-4d93-956a-063e1d2fa80b";

	private final MeterCatalog catalog = new MeterCatalog();

	@ParameterizedTest
	@ValueSource(strings = { "F271A8A388C44D93956A063E1D2FA80B", "f271a8a388c44d93956a063e1d2fa80b",
			"F271A8A3-88C4-4D93-956A-063E1D2FA80B", "f271a8a3-88c4-4d93-956a-063e1d2fa80b",
			"  F271A8A3-88C4-4D93-956A-063E1D2FA80B " })
	void everySpellingOfAGuidNormalizesToLowercaseHyphenated(String meterId) {
		// given: the meter ID from the source

		// when
		String normalized = MeterIds.normalize(meterId);

		// then
		assertThat(normalized).isEqualTo(STATIC_IP);
	}

	@Test
	void nonGuidMeterIdIsTrimmedAndLowercased() {
		// given: the placeholder key of Usagesummary.ps1's meter table
		String meterId = " Custom Worker Tiers ";

		// when
		String normalized = MeterIds.normalize(meterId);

		// then
		assertThat(normalized).isEqualTo("custom worker tiers");
	}

	@Test
	void almostAGuidIsNotReformatted() {
		// given: 31 hex digits
		String meterId = "F271A8A388C44D93956A063E1D2FA80";

		// when
		String normalized = MeterIds.normalize(meterId);

		// then
		assertThat(normalized).isEqualTo("f271a8a388c44d93956a063e1d2fa80");
	}

	@Test
	void catalogFindsStaticIpFromTheUnhyphenatedUppercaseId() {
		// given
		String meterId = "F271A8A388C44D93956A063E1D2FA80B";

		// when
		Optional<Meter> meter = this.catalog.find(meterId);

		// then
		assertThat(meter).hasValueSatisfying((found) -> {
			assertThat(found.id()).isEqualTo(STATIC_IP);
			assertThat(found.name()).isEqualTo("Static IP Address Usage");
			assertThat(found.unit()).isEqualTo("IP addresses");
			assertThat(found.resourceProvider()).isEqualTo("Network");
			assertThat(found.deprecated()).isFalse();
		});
	}

	@Test
	void catalogFindsEventHubsWhichUsagesummaryLeavesUnnamed() {
		// given
		String meterId = "CB6A35C5-FADE-406C-B14D-6DDB7C4CA3D5";

		// when
		Optional<Meter> meter = this.catalog.find(meterId);

		// then
		assertThat(meter).hasValueSatisfying((found) -> {
			assertThat(found.id()).isEqualTo("cb6a35c5-fade-406c-b14d-6ddb7c4ca3d5");
			assertThat(found.name()).isEqualTo("1 Core");
			assertThat(found.unit()).isEqualTo("Core*hours");
			assertThat(found.resourceProvider()).isEqualTo("Event Hubs");
		});
	}

	@Test
	void catalogMarksDeprecatedMeters() {
		// given: the 2016 Public IP Address Usage meter, superseded
		String meterId = "F114CB19-EA64-40B5-BCD7-AEE474B62853";

		// when
		Optional<Meter> meter = this.catalog.find(meterId);

		// then
		assertThat(meter).map(Meter::deprecated).contains(true);
	}

	@Test
	void catalogReturnsEmptyForAnUnknownGuid() {
		// given
		String meterId = "00000000-1111-2222-3333-444444444444";

		// when
		Optional<Meter> meter = this.catalog.find(meterId);

		// then
		assertThat(meter).isEmpty();
	}

	@Test
	void catalogReturnsEmptyForCustomWorkerTiers() {
		// given: custom worker tier IDs are generated per tier, so the catalog cannot know them
		String meterId = "Custom Worker Tiers";

		// when
		Optional<Meter> meter = this.catalog.find(meterId);

		// then
		assertThat(meter).isEmpty();
	}

	@Test
	void catalogFileHasNoDuplicateIdsAndEveryIdIsLowercaseHyphenated() throws IOException {
		// given
		List<String> ids = catalogFileIds();

		// when
		List<String> notCanonical = ids.stream()
			.filter((id) -> !id.matches("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}"))
			.toList();

		// then
		assertThat(ids).isNotEmpty().doesNotHaveDuplicates();
		assertThat(notCanonical).isEmpty();
		assertThat(this.catalog.size()).isEqualTo(ids.size());
	}

	private static List<String> catalogFileIds() throws IOException {
		CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
		ClassPathResource resource = new ClassPathResource("org/hubchargeback/usage/meters.csv");
		try (Reader reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
			return format.parse(reader).stream().map((row) -> row.get("MeterId")).toList();
		}
	}

}

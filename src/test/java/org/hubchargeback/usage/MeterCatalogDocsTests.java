package org.hubchargeback.usage;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The meter catalog against the docs' usage-meter list (a copy of {@code usage-meters-docs.csv}, domain facts 11):
 * every documented meter with the docs' name, unit and deprecation, and every other meter marked with where it is
 * known from.
 */
class MeterCatalogDocsTests {

	/** The docs leave Web Process's unit blank; a blank unit could be neither priced nor read, so the script's. */
	private static final Map<String, String> UNITS_NOT_FROM_THE_DOCS = Map.of("73215a6c-fa54-4284-b9c1-7e8ec871cc5b",
			"Hours");

	private final MeterCatalog catalog = new MeterCatalog();

	@Test
	void everyDocumentedMeterHasTheDocsNameUnitAndDeprecation() throws IOException {
		// given
		List<CSVRecord> docs = docsMeters();

		// when
		List<String> differences = docs.stream()
			.filter((row) -> Guids.isGuid(MeterIds.normalize(row.get("MeterId"))))
			.map(this::difference)
			.filter((difference) -> !difference.isEmpty())
			.toList();

		// then
		assertThat(docs).as("68 meter IDs and the Custom Worker Tiers placeholder").hasSize(69);
		assertThat(differences).isEmpty();
	}

	@Test
	void onlyTheCustomWorkerTiersPlaceholderOfTheDocsIsNotInTheCatalog() throws IOException {
		// given: custom worker tier IDs are generated per tier
		List<CSVRecord> docs = docsMeters();

		// when
		List<String> missing = docs.stream()
			.map((row) -> row.get("MeterId"))
			.filter((id) -> this.catalog.find(id).isEmpty())
			.toList();

		// then
		assertThat(missing).containsExactly("Custom Worker Tiers");
	}

	@Test
	void metersTheDocsDoNotListAreMarkedWithTheirSource() throws IOException {
		// given
		Set<String> documented = docsMeters().stream()
			.map((row) -> MeterIds.normalize(row.get("MeterId")))
			.collect(Collectors.toSet());

		// when
		Map<String, Long> undocumentedBySource = this.catalog.all()
			.stream()
			.filter((meter) -> !documented.contains(meter.id()))
			.collect(Collectors.groupingBy(Meter::source, Collectors.counting()));
		long documentedMarkedDocs = this.catalog.all()
			.stream()
			.filter((meter) -> documented.contains(meter.id()))
			.filter((meter) -> meter.source().equals("docs"))
			.count();

		// then: S40/S50/P40/P50 month and hour, 7 Basic and Premium App Service meters; Event Hubs; 2016's public IP
		assertThat(undocumentedBySource).containsOnly(Map.entry("script", 15L), Map.entry("docs-faq", 1L),
				Map.entry("docs-2016", 1L));
		assertThat(documentedMarkedDocs).isEqualTo(documented.size() - 1);
	}

	@Test
	void noTwoMetersReadAlikeInAnOutput() {
		// given: the docs' bare names collide ("S4" current and deprecated, three ActualStandardSnapshotSize)

		// when
		Map<String, List<String>> idsByLabelAndUnit = this.catalog.all()
			.stream()
			.collect(Collectors.groupingBy((meter) -> meter.label() + " | " + meter.unit(),
					Collectors.mapping(Meter::id, Collectors.toList())));

		// then
		assertThat(idsByLabelAndUnit).allSatisfy((label, ids) -> assertThat(ids).as(label).hasSize(1));
		assertThat(this.catalog.find("5d76e09f-4567-452a-94cc-7d1f097761f0")).map(Meter::label)
			.contains("S4 (deprecated)");
		assertThat(this.catalog.find("380874f9-300c-48e0-95a0-d2d9a21ade8f")).map(Meter::label).contains("S4");
	}

	private String difference(CSVRecord docs) {
		Meter meter = this.catalog.find(docs.get("MeterId")).orElse(null);
		if (meter == null) {
			return docs.get("MeterId") + " missing";
		}
		String unit = UNITS_NOT_FROM_THE_DOCS.getOrDefault(meter.id(), docs.get("Unit"));
		boolean deprecated = Boolean.parseBoolean(docs.get("Deprecated"));
		if (!meter.name().equals(docs.get("MeterName")) || !meter.unit().equals(unit)
				|| meter.deprecated() != deprecated || !meter.source().equals("docs")) {
			return meter + " where the docs say " + docs.toMap();
		}
		return "";
	}

	private static List<CSVRecord> docsMeters() throws IOException {
		CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
		ClassPathResource resource = new ClassPathResource("org/hubchargeback/usage/usage-meters-docs.csv");
		try (Reader reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
			return format.parse(reader).getRecords();
		}
	}

}

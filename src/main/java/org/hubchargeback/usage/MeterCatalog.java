package org.hubchargeback.usage;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Names and units of the local meters (domain facts section 3), shipped as {@code meters.csv}: names and units as
 * the docs' usage-meter list spells them (a test checks the catalog against that list), and the meters only the
 * export script or another revision of the docs knows, marked by their {@code Source}. Usage of a meter that is not
 * here is still charged, with an empty name and unit.
 */
@Component
public class MeterCatalog {

	private final Map<String, Meter> meters;

	public MeterCatalog() {
		this(new ClassPathResource("org/hubchargeback/usage/meters.csv"));
	}

	MeterCatalog(ClassPathResource resource) {
		Map<String, Meter> byId = new LinkedHashMap<>();
		CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
		try (Reader reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
			for (CSVRecord row : format.parse(reader)) {
				String id = MeterIds.normalize(row.get("MeterId"));
				byId.putIfAbsent(id, new Meter(id, row.get("MeterName"), row.get("Unit"), row.get("ResourceProvider"),
						Boolean.parseBoolean(row.get("Deprecated")), row.get("Source")));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the meter catalog " + resource.getPath(), ex);
		}
		this.meters = Map.copyOf(byId);
	}

	/**
	 * @param meterId a meter ID in any of its published spellings
	 */
	public Optional<Meter> find(String meterId) {
		return Optional.ofNullable(this.meters.get(MeterIds.normalize(meterId)));
	}

	/**
	 * @return every meter of the catalog, in no particular order
	 */
	public Collection<Meter> all() {
		return this.meters.values();
	}

	public int size() {
		return this.meters.size();
	}

}

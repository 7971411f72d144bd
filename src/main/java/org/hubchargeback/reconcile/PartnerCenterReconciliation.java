package org.hubchargeback.reconcile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hubchargeback.config.HubChargebackProperties;
import org.hubchargeback.config.InvalidConfigurationException;
import org.hubchargeback.csv.CsvDialect;
import org.hubchargeback.run.PublishedFolders.Days;
import org.hubchargeback.run.RunPaths;
import org.hubchargeback.usage.MeterCatalog;

import org.springframework.stereotype.Component;

/**
 * {@code --reconcile --from … --to …}: compares the published chargeback files of a range with Partner Center's
 * reconciliation files and publishes {@code reconciliation.csv} (and {@code WARNINGS.txt} when they differ) in
 * {@link RunPaths#reconciliationDir}. It charges nothing and changes no published folder, so it can run any time after
 * the range is published, and again when finance downloads a newer file.
 */
@Component
public class PartnerCenterReconciliation {

	private final HubChargebackProperties properties;

	private final ReconcileSettings settings;

	private final MeterCatalog meters;

	public PartnerCenterReconciliation(HubChargebackProperties properties, ReconcileSettings settings,
			MeterCatalog meters) {
		this.properties = properties;
		this.settings = settings;
		this.meters = meters;
	}

	/**
	 * @throws InvalidConfigurationException when no folder of reconciliation files is configured, or no published
	 * folder holds a day of the range
	 */
	public Outcome reconcile(LocalDate from, LocalDate to) throws IOException {
		Path dir = this.settings.partnerCenterDir();
		if (dir == null || !Files.isDirectory(dir)) {
			throw new InvalidConfigurationException("--reconcile needs the folder of Partner Center's daily rated usage"
					+ " reconciliation files: hub-chargeback.reconcile.partner-center-dir"
					+ ((dir != null) ? " (" + dir.toAbsolutePath().normalize() + " is not a folder)" : " is not set"));
		}
		Path outputDir = this.properties.outputDir();
		PublishedCharges.Charges charges = PublishedCharges.read(outputDir, from, to);
		if (charges.unpublished().equals(List.of(new Days(from, to)))) {
			throw new InvalidConfigurationException("no published folder holds a day of " + new Days(from, to)
					+ ": run " + new Days(from, to).options() + " first, then --reconcile");
		}
		PartnerCenterFiles.Billing billing = PartnerCenterFiles.read(dir, from, to,
				(meterId) -> this.meters.find(meterId).isPresent());
		List<ReconciliationRow> rows = new Reconciliation(this.settings.tolerancePercent()).compare(charges.rows(),
				billing.lines());

		List<String> warnings = new ArrayList<>(billing.problems());
		for (Days days : charges.unpublished()) {
			warnings.add(days + " is in no published folder: Microsoft's usage of it shows as "
					+ Difference.MISSED_EXPORT + "; run " + days.options() + " and reconcile again");
		}
		Map<Difference, Long> differences = Reconciliation.differences(rows);
		differences.forEach((difference, count) -> warnings
			.add(count + " reconciliation row(s) " + difference + ": " + difference.action()));

		Path folder = RunPaths.reconciliationDir(outputDir, from, to);
		Files.createDirectories(folder);
		// written beside and moved into place, so finance never opens half a file
		Path part = folder.resolve(RunPaths.RECONCILIATION + ".part");
		ReconciliationCsv.write(part, this.properties.csv().byteOrderMark(), rows, this.meters);
		Files.move(part, folder.resolve(RunPaths.RECONCILIATION), StandardCopyOption.REPLACE_EXISTING,
				StandardCopyOption.ATOMIC_MOVE);
		Path warningsFile = folder.resolve(RunPaths.WARNINGS);
		if (warnings.isEmpty()) {
			Files.deleteIfExists(warningsFile);
		}
		else {
			String text = String.join(CsvDialect.LINE_SEPARATOR, warnings) + CsvDialect.LINE_SEPARATOR;
			Files.writeString(warningsFile, text, StandardCharsets.UTF_8);
		}
		return new Outcome(folder, rows, differences, warnings, billing.lines().size(), billing.files(),
				charges.folders());
	}

	/**
	 * What a reconciliation found.
	 *
	 * @param folder where it was published
	 * @param differences rows per difference, without the matched ones
	 * @param warnings what finance must look at, each a line of {@code WARNINGS.txt}
	 * @param billedLines the Azure Stack Hub lines of the range in Partner Center's files
	 * @param files the Partner Center files read
	 * @param folders the published folders read
	 */
	public record Outcome(Path folder, List<ReconciliationRow> rows, Map<Difference, Long> differences,
			List<String> warnings, int billedLines, int files, List<String> folders) {
	}

}

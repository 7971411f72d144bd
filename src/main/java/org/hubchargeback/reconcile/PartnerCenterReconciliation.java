package org.hubchargeback.reconcile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.hubchargeback.config.HubChargebackProperties;
import org.hubchargeback.config.InvalidConfigurationException;
import org.hubchargeback.csv.CsvDialect;
import org.hubchargeback.run.PublishedFolders.Days;
import org.hubchargeback.run.RunPaths;
import org.hubchargeback.usage.MeterCatalog;
import org.jspecify.annotations.Nullable;

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
		List<String> unpublished = new ArrayList<>();
		for (Days days : charges.unpublished()) {
			unpublished.add(days + " is in no published folder: Microsoft's usage of it shows as "
					+ Difference.MISSED_EXPORT + "; run " + days.options() + " and reconcile again");
		}
		Path folder = RunPaths.reconciliationDir(outputDir, from, to);
		Files.createDirectories(folder);
		Outcome outcome = compare(dir, charges, from, to, folder, unpublished);
		Path warningsFile = folder.resolve(RunPaths.WARNINGS);
		if (outcome.warnings().isEmpty()) {
			Files.deleteIfExists(warningsFile);
		}
		else {
			String text = String.join(CsvDialect.LINE_SEPARATOR, outcome.warnings()) + CsvDialect.LINE_SEPARATOR;
			Files.writeString(warningsFile, text, StandardCharsets.UTF_8);
		}
		return outcome;
	}

	/**
	 * @return whether a charging run reconciles its own range before publishing
	 * ({@code hub-chargeback.reconcile.in-run})
	 */
	public boolean inRun() {
		return this.settings.inRun();
	}

	/**
	 * A charging run's own range, before it publishes: what the run charges (its chargeback files, verified) and what
	 * the other published folders charge of the range (late usage) against Partner Center's lines; writes
	 * {@code reconciliation.csv} into the run's folder. The warnings are the run's to publish.
	 *
	 * @param runFolder the run's staging folder
	 * @param rangeName the name of the run's published folder: its earlier version is what the run replaces
	 */
	public Outcome reconcileRun(Path runFolder, String rangeName, LocalDate from, LocalDate to) throws IOException {
		Path dir = Objects.requireNonNull(this.settings.partnerCenterDir(), "in-run needs partner-center-dir");
		PublishedCharges.Charges charges = PublishedCharges.readRun(this.properties.outputDir(), runFolder, rangeName,
				from, to);
		return compare(dir, charges, from, to, runFolder, List.of());
	}

	private Outcome compare(Path dir, PublishedCharges.Charges charges, LocalDate from, LocalDate to, Path folder,
			List<String> unpublished) throws IOException {
		PartnerCenterFiles.Billing billing = PartnerCenterFiles.read(dir, from, to,
				(meterId) -> this.meters.find(meterId).isPresent());
		List<ReconciliationRow> rows = Reconciliation.notBilledYet(
				new Reconciliation(this.settings.tolerancePercent()).compare(charges.rows(), billing.lines()),
				billing.lastDay());

		List<String> warnings = new ArrayList<>(billing.problems());
		if (billing.lastDay() == null) {
			// else a wrong folder would pass every day as not billed yet
			warnings.add("Partner Center's files in " + dir.toAbsolutePath().normalize() + " (" + billing.files()
					+ " file(s)) hold no Azure Stack Hub usage at all, so nothing could be reconciled: save the daily"
					+ " rated usage reconciliation files there (hub-chargeback.reconcile.partner-center-dir)");
		}
		warnings.addAll(unpublished);
		Map<Difference, Long> differences = Reconciliation.differences(rows);
		differences.forEach((difference, count) -> warnings.add(warning(difference, count)));

		// written beside and moved into place, so finance never opens half a file
		Path part = folder.resolve(RunPaths.RECONCILIATION + ".part");
		ReconciliationCsv.write(part, this.properties.csv().byteOrderMark(), rows, this.meters);
		Files.move(part, folder.resolve(RunPaths.RECONCILIATION), StandardCopyOption.REPLACE_EXISTING,
				StandardCopyOption.ATOMIC_MOVE);
		return new Outcome(folder, rows, differences, warnings, billing.lines().size(), billing.files(),
				charges.folders(), billing.lastDay());
	}

	private static String warning(Difference difference, long count) {
		return count + " reconciliation row(s) " + difference + ": " + difference.action();
	}

	/**
	 * @return the warnings of the differences a written {@code reconciliation.csv} holds (Partner Center's files are
	 * not read again: the file is what was published)
	 */
	public static List<String> warningsOf(Path file) throws IOException {
		Map<Difference, Long> counts = new EnumMap<>(Difference.class);
		for (Map<String, String> row : CsvDialect.rows(file)) {
			Difference difference = Difference.valueOf(String.valueOf(row.get("Difference")));
			if (difference.warns()) {
				counts.merge(difference, 1L, Long::sum);
			}
		}
		List<String> warnings = new ArrayList<>();
		counts.forEach((difference, count) -> warnings.add(warning(difference, count)));
		return warnings;
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
	 * @param lastBilledDay the last usage day Partner Center's files hold, or null: later days are not billed yet
	 */
	public record Outcome(Path folder, List<ReconciliationRow> rows, Map<Difference, Long> differences,
			List<String> warnings, int billedLines, int files, List<String> folders, @Nullable LocalDate lastBilledDay) {
	}

}

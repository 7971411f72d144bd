package org.hubchargeback.reconcile;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.hubchargeback.chargeback.ChargebackCsv;
import org.hubchargeback.csv.CsvDialect;
import org.hubchargeback.run.PublishedFolders;
import org.hubchargeback.run.PublishedFolders.Days;
import org.hubchargeback.run.PublishedFolders.Folder;
import org.hubchargeback.run.RunPaths;
import org.hubchargeback.usage.Guids;

/**
 * What the job charged of a range of usage days, read from the published chargeback files: the files are what finance
 * bills from, and together the published folders charge every record once (the ledger's rule), so their rows of the
 * range are the job's side of the comparison whatever runs made them, without charging anything again. Late usage of a
 * day sits in a later folder, so every folder that ends on or after the range's first day is read.
 */
public final class PublishedCharges {

	private PublishedCharges() {
	}

	/**
	 * @return the rows of usage days {@code from..to}, and the days no published folder holds
	 */
	public static Charges read(Path outputDir, LocalDate from, LocalDate to) throws IOException {
		PublishedFolders published = PublishedFolders.in(outputDir);
		List<ChargedUsage> rows = new ArrayList<>();
		List<String> folders = readFolders(published, outputDir, "", from, to, rows);
		return new Charges(rows, folders, published.uncovered(from, to));
	}

	/**
	 * What a run about to publish {@code from..to} charges of its range with what the other published folders charge
	 * of it (late usage): the run's own folder, if published before, is what the run replaces and is left out.
	 *
	 * @param runFolder the run's staging folder, its chargeback files written
	 * @param rangeName the name of the run's published folder
	 * @return the rows of the range; every day is covered (the run's range)
	 */
	public static Charges readRun(Path outputDir, Path runFolder, String rangeName, LocalDate from, LocalDate to)
			throws IOException {
		List<ChargedUsage> rows = new ArrayList<>();
		readDir(RunPaths.chargebackDirOf(runFolder), from, to, rows);
		List<String> folders = readFolders(PublishedFolders.in(outputDir), outputDir, rangeName, from, to, rows);
		return new Charges(rows, folders, List.of());
	}

	/**
	 * @param skipped a folder not to read, or empty
	 * @return the folders read: every one that ends on or after {@code from}
	 */
	private static List<String> readFolders(PublishedFolders published, Path outputDir, String skipped,
			LocalDate from, LocalDate to, List<ChargedUsage> rows) throws IOException {
		List<String> folders = new ArrayList<>();
		for (Folder folder : published.all()) {
			if (folder.to().isBefore(from) || folder.name().equals(skipped)) {
				continue;
			}
			folders.add(folder.name());
			readDir(RunPaths.chargebackDirOf(outputDir.resolve(folder.name())), from, to, rows);
		}
		return folders;
	}

	private static void readDir(Path dir, LocalDate from, LocalDate to, List<ChargedUsage> rows) throws IOException {
		if (!Files.isDirectory(dir)) {
			return;
		}
		try (Stream<Path> files = Files.list(dir)) {
			for (Path file : files.sorted().toList()) {
				readFile(file, from, to, rows);
			}
		}
	}

	private static void readFile(Path file, LocalDate from, LocalDate to, List<ChargedUsage> rows) throws IOException {
		CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
		try (Reader reader = CsvDialect.reader(Files.newInputStream(file)); CSVParser parser = format.parse(reader)) {
			boolean priced = parser.getHeaderNames().containsAll(ChargebackCsv.PRICE_COLUMNS);
			for (CSVRecord row : parser) {
				String reason = row.get("ChargeReason");
				LocalDate day = LocalDate.parse(row.get("UsageDate"));
				if (ChargebackCsv.ROUNDING.equals(reason) || day.isBefore(from) || day.isAfter(to)) {
					continue;
				}
				String cost = priced ? row.get("Cost") : "";
				rows.add(new ChargedUsage(day, Guids.normalize(row.get("HubSubscriptionId")),
						Guids.normalize(row.get("MeterId")), row.get("ChargedSubscriptionId"), reason,
						new BigDecimal(row.get("Quantity")), cost.isEmpty() ? null : new BigDecimal(cost),
						cost.isEmpty() ? null : row.get("Currency")));
			}
		}
	}

	/**
	 * @param folders the published folders read
	 * @param unpublished the days of the range no published folder holds
	 */
	public record Charges(List<ChargedUsage> rows, List<String> folders, List<Days> unpublished) {
	}

}

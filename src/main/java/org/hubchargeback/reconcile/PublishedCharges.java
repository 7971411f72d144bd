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
		List<String> folders = new ArrayList<>();
		for (Folder folder : published.all()) {
			if (folder.to().isBefore(from)) {
				continue;
			}
			folders.add(folder.name());
			Path dir = RunPaths.chargebackDirOf(outputDir.resolve(folder.name()));
			if (!Files.isDirectory(dir)) {
				continue;
			}
			try (Stream<Path> files = Files.list(dir)) {
				for (Path file : files.sorted().toList()) {
					readFile(file, from, to, rows);
				}
			}
		}
		return new Charges(rows, folders, published.uncovered(from, to));
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

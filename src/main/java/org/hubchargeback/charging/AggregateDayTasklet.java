package org.hubchargeback.charging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.hubchargeback.chargeback.ChargebackCsv;
import org.hubchargeback.chargeback.ChargebackLine;
import org.hubchargeback.chargeback.DayRows;
import org.hubchargeback.csv.CsvDialect;
import org.hubchargeback.ledger.RunLedger;
import org.hubchargeback.pricing.RateCard;
import org.hubchargeback.registration.SubscriptionNames;
import org.hubchargeback.run.RunPaths;
import org.hubchargeback.run.StagedUsage.Rejected;
import org.hubchargeback.usage.ExportLines;
import org.hubchargeback.usage.InputFile;
import org.hubchargeback.usage.InstanceData;
import org.hubchargeback.usage.Meter;
import org.hubchargeback.usage.MeterCatalog;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * One usage day of one hub: feeds what loading spilled for it from every input file, in reading order, to a
 * {@link DayLedger}, prices the rows it charged, and writes them to every charged subscription's chargeback file,
 * the day's totals to the database, and its conflicting duplicates as rejected records. A day outside the run's range
 * is one another published folder charges: what this run charges of it is late-reported usage, told apart from
 * re-exports by the records that folder (and any later one) already accounted for, which come first. Re-runnable: its
 * database rows are replaced in one transaction and its files rewritten.
 */
public class AggregateDayTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(AggregateDayTasklet.class);

	private final DayTotalsStore store;

	private final RunPaths paths;

	private final LocalDate day;

	private final String hub;

	private final String snapshot;

	private final Map<Integer, String> fileNames;

	private final MeterCatalog meters;

	private final @Nullable RateCard rateCard;

	private final RunLedger ledgerView;

	private final Map<String, Integer> inputPaths;

	private final Supplier<Map<Integer, String>> inputSha256;

	private final SubscriptionNames names;

	/**
	 * @param snapshot fingerprint of the registration the hub's records were resolved with
	 * @param fileNames input file index to display name
	 * @param rateCard the run's prices, or null for quantities only
	 * @param ledgerView what other published folders charged when the run started
	 * @param inputPaths the run's input files: path to index
	 * @param inputSha256 input file index to the SHA-256 the load step read, asked only on a day with conflicts
	 * @param names the names written beside the rows' subscription IDs
	 */
	public AggregateDayTasklet(DayTotalsStore store, RunPaths paths, LocalDate day, String hub, String snapshot,
			Map<Integer, String> fileNames, MeterCatalog meters, @Nullable RateCard rateCard, RunLedger ledgerView,
			Map<String, Integer> inputPaths, Supplier<Map<Integer, String>> inputSha256, SubscriptionNames names) {
		this.names = names;
		this.ledgerView = ledgerView;
		this.inputPaths = Map.copyOf(inputPaths);
		this.inputSha256 = inputSha256;
		this.store = store;
		this.paths = paths;
		this.day = day;
		this.hub = hub;
		this.snapshot = snapshot;
		this.fileNames = fileNames;
		this.meters = meters;
		this.rateCard = rateCard;
	}

	public static String bucket(LocalDate day, String hub) {
		return day + "/" + hub;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
		List<Path> toCharge = spillFilesToCharge();
		if (!toCharge.isEmpty()) {
			requireAccountedFiles(toCharge);
		}
		DayLedger ledger = new DayLedger();
		// the day's strings as one instance per value, which the ledger makes the most of
		Map<String, String> strings = new HashMap<>();
		if (!toCharge.isEmpty()) {
			// what other folders charged of the day: replayed in the order folders accounted for its files
			for (RunLedger.Account account : this.ledgerView.accountingOrder(this.hub, this.day)) {
				Integer index = this.inputPaths.get(account.path());
				Path spill = (index == null) ? null
						: account.own() ? this.paths.spill(this.day, this.hub, index)
								: this.paths.priorSpill(this.day, this.hub, index);
				if (spill == null || !Files.isRegularFile(spill)) {
					continue;
				}
				try (SpillFile.Reader reader = new SpillFile.Reader(spill, strings)) {
					ChargeableUsage usage;
					while ((usage = reader.next()) != null) {
						if (account.own()) {
							ledger.accountedByOwnFolder(usage);
						}
						else {
							ledger.accounted(usage);
						}
					}
				}
			}
		}
		for (Path spill : toCharge) {
			try (SpillFile.Reader reader = new SpillFile.Reader(spill, strings)) {
				ChargeableUsage usage;
				while ((usage = reader.next()) != null) {
					ledger.read(usage);
				}
			}
		}
		Map<LineKey, Sum> lines = ledger.lines();
		Map<String, List<Map.Entry<LineKey, Sum>>> bySubscription = new HashMap<>();
		Map<List<String>, Optional<RateCard.Price>> prices = new HashMap<>();
		for (Map.Entry<LineKey, Sum> line : lines.entrySet()) {
			if (this.rateCard != null) {
				LineKey k = line.getKey();
				// one price per meter and subscription on a day
				prices.computeIfAbsent(List.of(k.meterId(), k.chargedSubscriptionId()), (key) -> Optional
					.ofNullable(this.rateCard.price(k.meterId(), this.day, k.chargedSubscriptionId())))
					.ifPresent((price) -> line.getValue().price(price.unitPrice(), this.rateCard));
			}
			bySubscription.computeIfAbsent(line.getKey().chargedSubscriptionId(), (k) -> new ArrayList<>()).add(line);
		}
		// one data file and its index for the day, every subscription's rows in it (DayRows)
		ChargebackCsv csv = new ChargebackCsv(this.rateCard != null, this.names);
		Map<String, String> tags = new HashMap<>();
		try (DayRows.Writer rows = DayRows.writer(this.paths.dayRowsDir(), RunPaths.dayRowsName(this.day, this.hub))) {
			for (Map.Entry<String, List<Map.Entry<LineKey, Sum>>> file : new TreeMap<>(bySubscription).entrySet()) {
				rows.begin(file.getKey());
				write(rows, file.getKey(), file.getValue(), csv, tags);
			}
		}
		List<Rejected> conflicts = rejections(ledger.conflicts());
		String bucket = bucket(this.day, this.hub);
		// totals after pricing: they carry the rows' costs
		this.store.replaceDay(this.paths.runId(), bucket, this.day, this.hub, ledger.totals(), ledger.duplicates(),
				conflicts, toCharge.stream().map(AggregateDayTasklet::fileIndex).toList());
		contribution.incrementWriteCount(lines.size());
		log.debug("{} of {}: {} records, {} chargeback rows, {} duplicates, {} conflicts", this.day, this.hub,
				ledger.records(), lines.size(), ledger.duplicates().values().stream().mapToLong(Sum::records).sum(),
				conflicts.size());
		return RepeatStatus.FINISHED;
	}

	private List<Path> spillFilesToCharge() throws IOException {
		Path dir = this.paths.spillDir(this.day, this.hub);
		try (Stream<Path> files = Files.list(dir)) {
			// reading order: by input file index
			return files.filter(RunPaths::isSpillToCharge)
				.sorted(Comparator.comparingInt(AggregateDayTasklet::fileIndex))
				.toList();
		}
	}

	/**
	 * Late usage is told from re-exports by every record other folders accounted for on the day: each file they read
	 * must still be there, or a re-exported record of a missing one would be charged twice.
	 */
	private void requireAccountedFiles(List<Path> toCharge) {
		for (Map.Entry<String, RunLedger.Account> file : this.ledgerView.accountedFiles(this.hub, this.day)
			.entrySet()) {
			if (!this.inputPaths.containsKey(file.getKey())) {
				String folder = file.getValue().folder();
				throw new IllegalStateException("published folder " + folder + " charged usage of " + this.day
						+ " on hub " + this.hub + " from " + file.getKey() + ", which is no longer among the hub's"
						+ " exports, so the records of that day in "
						+ toCharge.stream().map((spill) -> this.fileNames.get(fileIndex(spill))).toList()
						+ " cannot be told apart from re-exports of it; nothing published. Put the file back, or"
						+ " rerun " + folder + " (--from " + folder.substring(0, 10) + " --to " + folder.substring(11)
						+ ") to charge the day again from the exports there are now");
			}
		}
	}

	private static int fileIndex(Path spill) {
		String name = spill.getFileName().toString();
		return Integer.parseInt(name.substring(1, name.length() - ".bin".length()));
	}

	/**
	 * Conflicting duplicates as rejected records showing the export's own lines, read again from the few files that
	 * hold them: the spill file keeps a record's values, not its text.
	 */
	private List<Rejected> rejections(List<DayLedger.Conflict> conflicts) {
		if (conflicts.isEmpty()) {
			return List.of();
		}
		Map<Integer, NavigableSet<Long>> linesByFile = new TreeMap<>();
		conflicts.forEach((c) -> linesByFile.computeIfAbsent(c.usage().fileIndex(), (i) -> new TreeSet<>())
			.add(c.usage().line()));
		Map<Integer, String> sha256 = this.inputSha256.get();
		Map<Integer, Map<Long, String>> text = new HashMap<>();
		this.inputPaths.forEach((path, index) -> {
			NavigableSet<Long> lines = linesByFile.get(index);
			if (lines != null) {
				String name = this.fileNames.getOrDefault(index, path);
				InputFile file = new InputFile(index, this.hub, Path.of(path), name);
				text.put(index, ExportLines.read(file, sha256.getOrDefault(index, ""), lines));
			}
		});
		// ExportLines finds every line or fails
		return conflicts.stream()
			.map((c) -> rejection(c,
					text.getOrDefault(c.usage().fileIndex(), Map.of()).getOrDefault(c.usage().line(), "")))
			.toList();
	}

	private Rejected rejection(DayLedger.Conflict conflict, String record) {
		ChargeableUsage e = conflict.usage();
		return new Rejected(e.seq(), e.fileIndex(), e.line(), this.hub, "Quantity",
				"conflicting duplicate: the same usage (hub subscription, meter, resource, start and end) was read"
						+ " first at " + this.fileNames.get(conflict.firstFileIndex()) + " line " + conflict.firstLine()
						+ " with quantity " + CsvDialect.quantity(conflict.firstQuantity()) + ", here "
						+ CsvDialect.quantity(e.quantity()) + "; charged once, at the first quantity",
				record);
	}

	/**
	 * Writes the day's rows of one subscription's chargeback file, in the file's order.
	 *
	 * @param tags the day's tag sets as JSON, by instance data: a day has millions of rows but few distinct tag sets
	 */
	private void write(DayRows.Writer out, String subscription, List<Map.Entry<LineKey, Sum>> rows,
			ChargebackCsv csv, Map<String, String> tags) throws IOException {
		rows.sort(Map.Entry.comparingByKey(LineKey.ORDER));
		String currency = (this.rateCard != null) ? this.rateCard.currency().getCurrencyCode() : null;
		StringBuilder text = new StringBuilder(512);
		for (Map.Entry<LineKey, Sum> row : rows) {
			text.setLength(0);
			LineKey k = row.getKey();
			Sum sum = row.getValue();
			@Nullable Meter meter = this.meters.find(k.meterId()).orElse(null);
			csv.appendTo(text, new ChargebackLine(this.day, this.hub, k.tenantId(), k.hubSubscriptionId(),
					Objects.requireNonNull(sum.resourceUri(), "a chargeback row sums at least one record"),
					k.meterId(), (meter != null) ? meter.label() : "", (meter != null) ? meter.unit() : "",
					sum.quantity(), k.reason().name(), (k.defaultReason() != null) ? k.defaultReason().name() : "",
					subscription, sum.records(), sum.firstStart(), sum.lastEnd(), this.snapshot, sum.unitPrice(),
					sum.cost(), (sum.unitPrice() != null) ? currency : null,
					tags.computeIfAbsent(Objects.requireNonNullElse(sum.lastInstance(), ""), InstanceData::tagsJson)))
				.append(CsvDialect.LINE_SEPARATOR);
			out.append(text);
		}
	}

}

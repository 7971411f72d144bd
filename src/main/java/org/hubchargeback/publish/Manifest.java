package org.hubchargeback.publish;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import org.hubchargeback.config.DisplayPaths;
import org.hubchargeback.csv.CsvDialect;
import org.hubchargeback.ledger.SkippedInputs;
import org.hubchargeback.loading.InputCounts;
import org.hubchargeback.pricing.RateCard;
import org.hubchargeback.run.ChargebackJobParameters;
import org.hubchargeback.run.ControlTotals;
import org.hubchargeback.run.RunPaths;
import org.hubchargeback.run.RunStore;
import org.hubchargeback.run.RunTotals;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code manifest.json}: the run's parameters, hubs and registration snapshots, input files (SHA-256, bytes,
 * records), output files (SHA-256, rows), warnings and control totals. Everything but {@code generatedAt} is the same
 * for the same inputs, so a restarted run's manifest matches an uninterrupted one's.
 */
final class Manifest {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private final RunStore store;

	private final RunTotals runTotals;

	private final ChargebackJobParameters parameters;

	private final Clock clock;

	private final @Nullable RateCard rateCard;

	private final @Nullable Path rateCardPath;

	/**
	 * @param runTotals what the run charged, summed
	 * @param rateCard the run's prices, or null
	 * @param rateCardPath the configured rate card the run copied when it started
	 */
	Manifest(RunStore store, RunTotals runTotals, ChargebackJobParameters parameters, Clock clock,
			@Nullable RateCard rateCard, @Nullable Path rateCardPath) {
		this.store = store;
		this.runTotals = runTotals;
		this.parameters = parameters;
		this.clock = clock;
		this.rateCard = rateCard;
		this.rateCardPath = rateCardPath;
	}

	/**
	 * @param input records read per file and hub, the count the control totals are checked against
	 * @param checked the chargeback files as verification read them back
	 * @param staging the folder whose files the manifest lists (every file but itself is already written)
	 * @param warnings what finance should know before using the files
	 */
	String build(long runId, ControlTotals totals, InputCounts input, Path staging, Map<Path, FileTotals> checked,
			List<String> warnings) throws IOException {
		Map<String, Long> read = input.perHub();
		Map<String, Object> manifest = new LinkedHashMap<>();
		Map<String, Object> run = new LinkedHashMap<>();
		run.put("from", this.parameters.from().toString());
		run.put("to", this.parameters.to().toString());
		run.put("run", this.parameters.run());
		run.put("trigger", this.parameters.options().trigger());
		run.put("runId", runId);
		run.put("generatedAt", Instant.now(this.clock).toString());
		manifest.put("run", run);

		List<Map<String, Object>> hubs = new ArrayList<>();
		Map<String, RunTotals.HubUsage> hubUsages = this.runTotals.hubUsage();
		for (RunStore.PreparedHub hub : this.store.runHubs(runId)) {
			Map<String, Object> h = new LinkedHashMap<>();
			h.put("name", hub.name());
			h.put("defaultSubscriptionId", hub.defaultSubscriptionId());
			h.put("culture", hub.culture());
			// how far the hub's exports reach: a hub that stopped exporting shows here first
			RunTotals.HubUsage hubUsage = hubUsages.get(hub.name());
			h.put("lastUsageEnd", (hubUsage != null && hubUsage.lastUsageEnd() != null)
					? String.valueOf(hubUsage.lastUsageEnd()) : null);
			Map<String, Object> snapshot = ordered("snapshotId", hub.snapshotId(), "source", hub.registrationSource(),
					"sha256", hub.registrationSha256(), "customerSubscriptions", hub.customerSubscriptions());
			if (hub.cloudId() != null) {
				// which stamp the registration is of: match it with the hub's CloudId (Get-AzureStackStampInformation)
				snapshot.put("cloudId", hub.cloudId());
			}
			h.put("registrationSnapshot", snapshot);
			h.put("userSubscriptions", ordered("source", hub.userSubscriptionsSource(), "sha256",
					hub.userSubscriptionsSha256(), "subscriptions", hub.userSubscriptions()));
			hubs.add(h);
		}
		manifest.put("hubs", hubs);
		manifest.put("warnings", warnings);
		if (this.rateCard != null) {
			manifest.put("rateCard", ordered("path",
					(this.rateCardPath != null) ? DisplayPaths.of(this.rateCardPath) : "", "sha256",
					this.rateCard.sha256(),
					"currency", this.rateCard.currency().getCurrencyCode(), "rounding",
					"each row's cost to " + this.rateCard.currency().getDefaultFractionDigits()
							+ " decimals, half to even; a rounding row makes each file's total its unrounded cost"
							+ " rounded once"));
		}

		Map<Integer, Long> records = input.perFile();
		List<Map<String, Object>> inputs = new ArrayList<>();
		for (RunStore.InputFileRow row : this.store.inputFileRows(runId)) {
			Map<String, Object> f = new LinkedHashMap<>();
			f.put("hub", row.file().hub());
			f.put("path", row.file().displayName());
			f.put("sha256", input.sha256().get(row.file().index()));
			f.put("bytes", row.bytes());
			Long skipped = input.skipped().get(row.file().index());
			f.put("records", (skipped != null) ? skipped : records.getOrDefault(row.file().index(), 0L));
			SkippedInputs.Skip skip = row.skipped();
			if (skipped != null && skip != null) {
				// unchanged since a published run read it; its records are counted there, none is charged here
				f.put("skipped", ordered("usageDays", skip.firstDay() + ".." + skip.lastDay(), "reason",
						"unchanged since a published run read it (same size and modification time); holds no usage"
								+ " of this range and none that is not already charged: not read, its records"
								+ " and SHA-256 as that run read them"));
			}
			Long repeatedHeaders = input.repeatedHeaders().get(row.file().index());
			if (repeatedHeaders != null) {
				// concatenated exports: their headers again, skipped, not counted as records or rejected rows
				f.put("repeatedHeaders", repeatedHeaders);
			}
			inputs.add(f);
		}
		manifest.put("inputFiles", inputs);

		List<Map<String, Object>> outputs = new ArrayList<>();
		List<Path> written;
		try (Stream<Path> files = Files.walk(staging)) {
			written = files.filter(Files::isRegularFile).sorted().toList();
		}
		// one read per file, the files side by side: a month's chargeback files are hundreds of megabytes
		List<FileTotals> fileTotals = written.parallelStream()
			.map((file) -> checked.containsKey(file) ? checked.get(file) : csvTotals(file, null, null))
			.toList();
		for (int i = 0; i < written.size(); i++) {
			Map<String, Object> o = new LinkedHashMap<>();
			o.put("path", staging.relativize(written.get(i)).toString().replace('\\', '/'));
			o.put("sha256", fileTotals.get(i).sha256());
			o.put("rows", fileTotals.get(i).rows());
			boolean focus = o.get("path").toString().startsWith("focus/");
			BigDecimal cost = fileTotals.get(i).cost();
			if (checked.containsKey(written.get(i)) && focus) {
				BigDecimal billed = Objects.requireNonNull(cost, "a FOCUS file has a BilledCost column");
				o.put("billedCost", CsvDialect.cost(billed, currency()));
				o.put("currency", currency().getCurrencyCode());
			}
			else if (checked.containsKey(written.get(i))) {
				// a chargeback file's totals live here, not in a trailing row that would break loaders
				o.put("quantity", CsvDialect.quantity(fileTotals.get(i).sum()));
				if (cost != null) {
					o.put("cost", CsvDialect.cost(cost, currency()));
					o.put("currency", currency().getCurrencyCode());
					o.put("unpricedRows", fileTotals.get(i).unpricedRows());
				}
			}
			outputs.add(o);
		}
		manifest.put("outputFiles", outputs);

		Map<String, Map<String, Long>> counts = this.runTotals.outcomeCounts();
		Map<String, Object> controlTotals = new LinkedHashMap<>(totals.toMap());
		Map<String, Object> byHub = new LinkedHashMap<>();
		// every configured hub appears, with zeros when it had no input
		for (RunStore.PreparedHub hub : this.store.runHubs(runId)) {
			byHub.put(hub.name(),
					ControlTotals.of(counts.getOrDefault(hub.name(), Map.of()), read.getOrDefault(hub.name(), 0L))
						.toMap());
		}
		controlTotals.put("byHub", byHub);
		long skippedRecords = input.skipped().values().stream().mapToLong(Long::longValue).sum();
		if (skippedRecords > 0) {
			// inputRecords are those read; with these, every record of inputFiles is accounted for
			controlTotals.put("skippedFiles", ordered("files", input.skipped().size(), "records", skippedRecords));
		}
		Map<String, Object> quantities = new LinkedHashMap<>();
		this.runTotals.outcomeQuantities().forEach((hub, byMeter) -> {
			Map<String, Object> meters = new LinkedHashMap<>();
			byMeter.forEach((meter, byOutcome) -> {
				Map<String, String> q = new LinkedHashMap<>();
				byOutcome.forEach((outcome, sum) -> q.put(outcome, CsvDialect.quantity(sum)));
				meters.put(meter, q);
			});
			quantities.put(hub, meters);
		});
		controlTotals.put("quantityByHubMeterOutcome", quantities);
		manifest.put("controlTotals", controlTotals);
		// late-reported usage of days other folders charge, per hub and day: absent when there is none
		Map<List<Object>, LateDay> lateDays = new LinkedHashMap<>();
		for (RunTotals.LateUsage usage : this.runTotals.lateUsage()) {
			lateDays.merge(List.of(usage.hub(), usage.day()), new LateDay(usage.records(), usage.quantity()),
					LateDay::plus);
		}
		if (!lateDays.isEmpty()) {
			List<Object> late = new ArrayList<>();
			lateDays.forEach((day, sum) -> late.add(ordered("hub", day.get(0), "usageDate", day.get(1).toString(),
					"records", sum.records(), "quantity", CsvDialect.quantity(sum.quantity()))));
			manifest.put("lateUsage", ordered("file", RunPaths.LATE_USAGE, "days", late));
		}
		return JSON.writeValueAsString(manifest);
	}

	// only a run with a rate card writes FOCUS files and costs
	private Currency currency() {
		return Objects.requireNonNull(this.rateCard, "costs are written only with a rate card").currency();
	}

	// a null value is written as JSON null, as Map.put values are
	private static Map<String, Object> ordered(@Nullable Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

	/**
	 * @return the run ID recorded in a published folder's manifest, or -1
	 */
	static long runIdOf(Path folder) {
		return runField(folder, "runId");
	}

	/**
	 * @return the run number of the version published in {@code folder} (as the command line shows it), or -1
	 */
	static long runOf(Path folder) {
		return runField(folder, "run");
	}

	private static long runField(Path folder, String field) {
		Path manifest = folder.resolve(RunPaths.MANIFEST);
		if (!Files.isRegularFile(manifest)) {
			return -1;
		}
		try {
			JsonNode node = JSON.readTree(Files.readString(manifest, StandardCharsets.UTF_8));
			return node.path("run").path(field).asLong(-1);
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	/**
	 * An output file as read back: its SHA-256 and, for a CSV file, its data rows and the sum of a column; for a
	 * priced chargeback file also the sum of its costs and the rows without one.
	 *
	 * @param cost null when the file has no cost column
	 */
	record FileTotals(String sha256, long rows, BigDecimal sum, @Nullable BigDecimal cost, long unpricedRows) {
	}

	/**
	 * @param sumColumn the column to sum, or null
	 * @param costColumn a column of costs, summed where not empty, or null
	 */
	static FileTotals csvTotals(Path file, @Nullable String sumColumn, @Nullable String costColumn) {
		try (DigestInputStream bytes = new DigestInputStream(Files.newInputStream(file),
				MessageDigest.getInstance("SHA-256"))) {
			long rows = 0;
			BigDecimal sum = BigDecimal.ZERO;
			BigDecimal cost = null;
			long unpriced = 0;
			if (file.getFileName().toString().endsWith(".csv")) {
				// read back with FastCSV, as the exports are read (a third of the time Commons CSV took): strict, a
				// blank line is a row and every row has the header's fields; not closed here, the rest is hashed
				Iterator<CsvRecord> records = CsvReader.builder()
					.skipEmptyLines(false)
					.allowUnclosedQuote(false)
					.allowExtraCharsAfterClosingQuote(false)
					.ofCsvRecord(CsvDialect.reader(bytes))
					.iterator();
				List<String> header = records.hasNext() ? records.next().getFields() : List.of();
				int sumIndex = column(header, sumColumn, file);
				int costIndex = (costColumn != null) ? header.indexOf(costColumn) : -1;
				BigDecimal costSum = BigDecimal.ZERO;
				while (records.hasNext()) {
					CsvRecord row = records.next();
					rows++;
					if (sumIndex >= 0) {
						sum = sum.add(new BigDecimal(row.getField(sumIndex)));
					}
					if (costIndex >= 0 && row.getField(costIndex).isEmpty()) {
						unpriced++;
					}
					else if (costIndex >= 0) {
						costSum = costSum.add(new BigDecimal(row.getField(costIndex)));
					}
				}
				cost = (costIndex >= 0) ? costSum : null;
			}
			bytes.transferTo(OutputStream.nullOutputStream());
			return new FileTotals(HexFormat.of().formatHex(bytes.getMessageDigest().digest()), rows, sum, cost,
					unpriced);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @return the position of a column to sum, -1 when none is asked for
	 * @throws IllegalStateException when the file lacks it
	 */
	private static int column(List<String> header, @Nullable String name, Path file) {
		if (name == null) {
			return -1;
		}
		int index = header.indexOf(name);
		if (index < 0 && !header.isEmpty()) {
			throw new IllegalStateException(file + " has no column " + name + ": " + header);
		}
		return index;
	}

	private record LateDay(long records, BigDecimal quantity) {

		LateDay plus(LateDay other) {
			return new LateDay(this.records + other.records, this.quantity.add(other.quantity));
		}

	}

}

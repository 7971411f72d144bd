package org.hubchargeback.publish;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.hubchargeback.csv.CsvDialect;
import org.hubchargeback.focus.FocusCorrections;
import org.hubchargeback.ledger.LedgerStore;
import org.hubchargeback.ledger.RunLedger;
import org.hubchargeback.loading.InputCounts;
import org.hubchargeback.pricing.RateCard;
import org.hubchargeback.reconcile.PartnerCenterReconciliation;
import org.hubchargeback.registration.CustomerNames;
import org.hubchargeback.report.SummaryPage;
import org.hubchargeback.report.SummaryPages;
import org.hubchargeback.run.ChargebackJobParameters;
import org.hubchargeback.run.ControlTotals;
import org.hubchargeback.run.HaltPoints;
import org.hubchargeback.run.RunOutcome;
import org.hubchargeback.run.RunPaths;
import org.hubchargeback.run.RunStore;
import org.hubchargeback.run.RunTotals;
import org.hubchargeback.usage.InputFile;
import org.hubchargeback.usage.MeterCatalog;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.util.FileSystemUtils;

/**
 * Last step: proves the run adds up, writes {@code manifest.json}, then swaps the staging folder in as
 * {@code <out>/<from>_<to>/} with one rename (a replaced folder moves to {@code .history} first). A run whose counts
 * or file totals do not add up fails here and publishes nothing. Safe to re-execute after a crash at any point.
 */
public class PublishOutputsTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(PublishOutputsTasklet.class);

	/**
	 * How many published days before the range tell a hub's usual day.
	 */
	private static final int RECENT_DAYS = 7;

	private final RunStore store;

	private final Supplier<RunTotals> totals;

	private final RunPaths paths;

	private final ChargebackJobParameters parameters;

	private final JobRepository jobRepository;

	private final Clock clock;

	private final HaltPoints haltPoints;

	private final BigDecimal maxShrink;

	private final boolean byteOrderMark;

	private final @Nullable RateCard rateCard;

	private final @Nullable Path rateCardPath;

	private final MeterCatalog meters;

	private final LedgerStore ledger;

	private final Map<String, List<String>> inputFolders;

	private final @Nullable PartnerCenterReconciliation reconciliation;

	// this execution's reconciliation, once prepared
	private PartnerCenterReconciliation.@Nullable Outcome reconciled;


	/**
	 * @param totals what the run charged, summed
	 * @param maxShrink the largest share by which a rerun may reduce a published range's total quantity
	 * @param byteOrderMark whether the restatement starts with a UTF-8 byte-order mark
	 * @param rateCard the run's prices, or null
	 * @param rateCardPath the configured rate card, or null
	 * @param inputFolders each hub's input folders, as the operator reads them
	 * @param reconciliation reconciles the range with Partner Center before publishing, or null when the run does not
	 * ({@code hub-chargeback.reconcile.in-run})
	 */
	public PublishOutputsTasklet(RunStore store, Supplier<RunTotals> totals, RunPaths paths,
			ChargebackJobParameters parameters, JobRepository jobRepository, Clock clock, HaltPoints haltPoints,
			BigDecimal maxShrink, boolean byteOrderMark, @Nullable RateCard rateCard, @Nullable Path rateCardPath,
			MeterCatalog meters, LedgerStore ledger, Map<String, List<String>> inputFolders,
			@Nullable PartnerCenterReconciliation reconciliation) {
		this.reconciliation = reconciliation;
		this.meters = meters;
		this.inputFolders = inputFolders;
		this.ledger = ledger;
		this.rateCard = rateCard;
		this.rateCardPath = rateCardPath;
		this.store = store;
		this.totals = totals;
		this.paths = paths;
		this.parameters = parameters;
		this.jobRepository = jobRepository;
		this.clock = clock;
		this.haltPoints = haltPoints;
		this.maxShrink = maxShrink;
		this.byteOrderMark = byteOrderMark;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
		JobExecution jobExecution = chunkContext.getStepContext().getStepExecution().getJobExecution();
		long runId = this.paths.runId();
		Path staging = this.paths.staging();
		Path published = this.paths.published();
		List<String> restatement = List.of();
		InputCounts input = InputCounts.of(this.jobRepository, jobExecution, this.store.inputFileRows(runId));
		Map<String, Long> read = input.perHub();
		if (!Files.isDirectory(staging) && Manifest.runIdOf(published) == runId) {
			// a crash after the swap: the outputs are in place, only the clean-up is left
			log.info("Run {} was already published to {}", runId, published);
		}
		else {
			if (Manifest.runIdOf(staging) != runId) {
				// not yet ready to swap (a ready staging folder has this run's manifest, written last)
				restatement = prepare(runId, input, staging, published);
			}
			if (this.parameters.options().dryRun()) {
				FileSystemUtils.deleteRecursively(staging);
				log.info("Dry run of {}: nothing published", this.paths.rangeName());
			}
			else {
				swap(staging, published);
			}
		}
		// the spilled records and the days' rows are in the published files now
		FileSystemUtils.deleteRecursively(this.paths.work());
		Map<String, Map<String, Long>> counts = this.totals.get().outcomeCounts();
		ControlTotals totals = totals(runId, counts, read);
		if (!this.parameters.options().dryRun()) {
			recordInLedger(runId, input);
		}
		new RunOutcome(this.parameters.options().dryRun() ? null : published.toAbsolutePath(), totals, warnings(runId),
				restatement).putInto(jobExecution.getExecutionContext());
		// the staged rows stay until the next run starts (PrepareRunTasklet): deleting them here would double the
		// run's time for rows that can be dropped at once later
		return RepeatStatus.FINISHED;
	}

	/**
	 * Checks the run, guards a rerun against replacing a range with much less, and writes the last files: the
	 * restatement, warnings, {@code summary.html} (it shows the control totals), then the manifest (atomically, last:
	 * its presence marks the folder ready to swap).
	 * @return the restatement's changed lines
	 */
	private List<String> prepare(long runId, InputCounts input, Path staging, Path published)
			throws IOException {
		Map<Path, Manifest.FileTotals> chargebackFiles = new ConcurrentHashMap<>();
		ControlTotals totals = verify(runId, input.perHub(), chargebackFiles);
		requireAccountedFilesUnchanged(runId, input);
		// skipped files are input too: a night whose folders hold only earlier nights' exports is a day without usage
		// (a warning per hub and day, RunMixGuards), the same whether those exports were read again or not
		if (totals.inputRecords() == 0 && input.skipped().isEmpty() && !this.parameters.options().force()) {
			throw new IllegalStateException("no input records at all for " + this.paths.rangeName()
					+ ": an export is probably missing; nothing published (rerun with --force to publish empty files)");
		}
		List<String> changes = List.of();
		SummaryPage.Previous previous = null;
		Path previousSummary = published.resolve(RunPaths.SUMMARY_CSV);
		if (Files.isRegularFile(previousSummary)) {
			Restatement restatement = Restatement.between(previousSummary,
					staging.resolve(RunPaths.SUMMARY_CSV));
			restatement.writeTo(staging.resolve(RunPaths.RESTATEMENT), this.byteOrderMark);
			changes = new ArrayList<>(restatement.changes());
			previous = new SummaryPage.Previous(Manifest.runOf(published), restatement.changedSubscriptions(),
					(restatement.priced() && !restatement.currencyChanged())
							? restatement.newCost().subtract(restatement.oldCost()) : null);
			String refusal = refusal(restatement);
			if (refusal != null && this.parameters.options().dryRun()) {
				changes.add("(without --dry-run this rerun would be refused: " + refusal + ")");
			}
			else if (refusal != null) {
				throw new IllegalStateException(refusal);
			}
		}
		Path previousFocus = RunPaths.focusDirOf(published);
		if (Files.isDirectory(previousFocus) && Files.isDirectory(this.paths.focusDir())) {
			// FOCUS consumers append, they do not replace: the rerun's changes as correction rows
			FocusCorrections.write(previousFocus, this.paths.focusDir(), staging.resolve(RunPaths.FOCUS_CORRECTIONS),
					this.byteOrderMark);
		}
		if (this.reconciliation != null) {
			// the verified chargeback files against Partner Center's: its differences are warnings of this run
			this.reconciled = this.reconciliation.reconcileRun(staging, this.paths.rangeName(),
					this.parameters.from(), this.parameters.to());
		}
		List<String> warnings = warnings(runId);
		if (!warnings.isEmpty()) {
			Files.writeString(staging.resolve(RunPaths.WARNINGS), String.join(CsvDialect.LINE_SEPARATOR, warnings)
					+ CsvDialect.LINE_SEPARATOR, StandardCharsets.UTF_8);
		}
		Map<String, Map<String, Long>> counts = this.totals.get().outcomeCounts();
		Map<String, ControlTotals> byHub = new LinkedHashMap<>();
		for (RunStore.PreparedHub hub : this.store.runHubs(runId)) {
			byHub.put(hub.name(), ControlTotals.of(counts.getOrDefault(hub.name(), Map.of()),
					input.perHub().getOrDefault(hub.name(), 0L)));
		}
		List<String> pageWarnings = new ArrayList<>(warnings);
		pageWarnings.add(lastUsage(runId));
		if (totals.lateRecords() > 0) {
			// not a warning: late usage is charged once, here; finance books it with the days it belongs to
			pageWarnings.add(totals.lateRecords() + " record(s) of late-reported usage of days other folders charge"
					+ " are charged in this folder with their own usage dates: see " + RunPaths.LATE_USAGE);
		}
		if (totals.rejectedRecords() > 0) {
			// not a run warning (bad rows are expected and accounted for), but finance should look before invoicing
			pageWarnings.add(totals.rejectedRecords() + " input row(s) rejected and charged to nobody: see "
					+ RunPaths.REJECTED_RECORDS + " for the file, line and reason of each");
		}
		String rateCardName = (this.rateCardPath != null) ? String.valueOf(this.rateCardPath.getFileName()) : "";
		SummaryPage.RateCardId rateCardId = (this.rateCard != null)
				? new SummaryPage.RateCardId(rateCardName, this.rateCard.sha256()) : null;
		SummaryPages.write(this.totals.get(), this.meters, this.parameters,
				(this.rateCard != null) ? this.rateCard.currency() : null, totals, byHub, pageWarnings, rateCardId,
				previous, customerNames(runId), this.reconciled, staging);
		String manifest = new Manifest(this.store, this.totals.get(), this.parameters, this.clock, this.rateCard,
				this.rateCardPath)
			.build(runId, totals, input, staging, chargebackFiles, warnings);
		Path temporary = staging.resolve(RunPaths.MANIFEST + ".tmp");
		Files.writeString(temporary, manifest, StandardCharsets.UTF_8);
		Files.move(temporary, staging.resolve(RunPaths.MANIFEST), StandardCopyOption.ATOMIC_MOVE);
		return changes;
	}

	/**
	 * @return what finance should know before using the files: registrations read from an older snapshot, and
	 * usage the rate card has no price for
	 */
	private List<String> warnings(long runId) throws IOException {
		List<String> warnings = new ArrayList<>(this.store.warnings(runId));
		warnings.addAll(RunMixGuards.warnings(this.parameters.from(), this.parameters.to(), mix(runId)));
		Map<String, Map<LocalDate, Long>> perDay = this.totals.get().chargedRecordsPerDay();
		Map<String, Long> defaulted = this.totals.get().defaultRecords();
		for (RunStore.PreparedHub hub : this.store.runHubs(runId)) {
			Map<LocalDate, Long> days = perDay.getOrDefault(hub.name(), Map.of());
			List<LedgerStore.RecentDay> recent = this.ledger.recentDays(hub.name(), this.parameters.from(),
					RECENT_DAYS);
			warnings.addAll(RunMixGuards.partialDays(hub.name(), days,
					recent.stream().map(LedgerStore.RecentDay::records).toList()));
			String rise = RunMixGuards.defaultShareRise(hub.name(),
					days.values().stream().mapToLong(Long::longValue).sum(), defaulted.getOrDefault(hub.name(), 0L),
					recent.stream().mapToLong(LedgerStore.RecentDay::records).sum(),
					recent.stream().mapToLong(LedgerStore.RecentDay::defaultRecords).sum());
			if (rise != null) {
				warnings.add(rise);
			}
		}
		warnings.addAll(reconciliationWarnings());
		if (this.rateCard != null) {
			List<RunTotals.MissingPrice> missing = this.totals.get().missingPrices();
			if (!missing.isEmpty()) {
				long rows = missing.stream().mapToLong(RunTotals.MissingPrice::lines).sum();
				long meters = missing.stream().map(RunTotals.MissingPrice::meterId).distinct().count();
				warnings.add(rows + " chargeback row(s) of " + meters + " meter(s) have no price in the rate card:"
						+ " their UnitPrice and Cost are empty and they are in no cost total; see "
						+ RunPaths.MISSING_PRICES);
			}
		}
		return warnings;
	}

	/**
	 * The reconciliation's warnings: as prepared, or, on a restart after the manifest was written, as
	 * {@code reconciliation.csv} has them.
	 */
	private List<String> reconciliationWarnings() throws IOException {
		if (this.reconciliation == null) {
			return List.of();
		}
		if (this.reconciled != null) {
			return this.reconciled.warnings();
		}
		Path file = this.paths.staging().resolve(RunPaths.RECONCILIATION);
		if (!Files.isRegularFile(file)) {
			file = this.paths.published().resolve(RunPaths.RECONCILIATION);
		}
		return Files.isRegularFile(file) ? PartnerCenterReconciliation.warningsOf(file) : List.of();
	}

	private List<RunMixGuards.Hub> mix(long runId) {
		Map<String, Map<String, Long>> counts = this.totals.get().outcomeCounts();
		Map<String, RunTotals.HubUsage> usage = this.totals.get().hubUsage();
		RunLedger ledger = this.ledger.view(runId);
		List<RunMixGuards.Hub> hubs = new ArrayList<>();
		for (RunStore.PreparedHub hub : this.store.runHubs(runId)) {
			Map<String, Long> outcomes = counts.getOrDefault(hub.name(), Map.of());
			RunTotals.HubUsage used = usage.getOrDefault(hub.name(), RunTotals.HubUsage.NONE);
			Set<LocalDate> days = new TreeSet<>(used.days());
			// a day another published folder charges has usage, only not charged here
			this.parameters.from()
				.datesUntil(this.parameters.to().plusDays(1))
				.filter((day) -> !ledger.accountedFiles(hub.name(), day).isEmpty())
				.forEach(days::add);
			hubs.add(new RunMixGuards.Hub(hub.name(), !hub.userSubscriptionsSource().isEmpty(),
					outcomes.values().stream().mapToLong(Long::longValue).sum(), used.chargedRecords(),
					outcomes.getOrDefault("OUT_OF_RANGE", 0L), used.withoutTenantRecords(), days,
					used.lastUsageEnd(), this.inputFolders.getOrDefault(hub.name(), List.of()),
					this.ledger.lastDay(hub.name())));
		}
		return hubs;
	}

	/**
	 * @return when each hub's latest charged usage ends, for the top of summary.html
	 */
	private String lastUsage(long runId) {
		List<String> hubs = new ArrayList<>();
		for (RunMixGuards.Hub hub : mix(runId)) {
			hubs.add(hub.name() + " " + ((hub.lastUsageEnd() != null) ? hub.lastUsageEnd() : "none"));
		}
		return "Last usage charged, per hub (where its exports end): " + String.join(", ", hubs);
	}

	/**
	 * @return why the rerun must not replace the published range (it shrinks it too much), or null
	 */
	private @Nullable String refusal(Restatement restatement) {
		BigDecimal before = restatement.oldTotal();
		BigDecimal after = restatement.newTotal();
		if (before.signum() == 0 || this.parameters.options().force()) {
			return null;
		}
		BigDecimal shrink = before.subtract(after).divide(before, 4, RoundingMode.HALF_EVEN);
		if (shrink.compareTo(this.maxShrink) > 0) {
			return "this rerun would shrink the published total quantity of " + this.paths.rangeName() + " by "
					+ shrink.movePointRight(2).stripTrailingZeros().toPlainString() + "% (from "
					+ CsvDialect.quantity(before) + " to " + CsvDialect.quantity(after) + "), more than"
					+ " hub-chargeback.rerun-guard.max-shrink allows; nothing published. Check the inputs, see the"
					+ " change with --dry-run, or publish anyway with --force";
		}
		return null;
	}

	/**
	 * @param read records read per hub, counted by the reader apart from the outcomes checked against it
	 * @param checked receives the totals of each chargeback file as read back
	 */
	private ControlTotals verify(long runId, Map<String, Long> read, Map<Path, Manifest.FileTotals> checked)
			throws IOException {
		Map<String, Map<String, Long>> counts = this.totals.get().outcomeCounts();
		for (String hub : union(read.keySet(), counts.keySet())) {
			ControlTotals hubTotals = ControlTotals.of(counts.getOrDefault(hub, Map.of()), read.getOrDefault(hub, 0L));
			if (!hubTotals.balances()) {
				throw new IllegalStateException("control totals of hub " + hub + " do not add up: "
						+ hubTotals.inputRecords() + " records read, " + hubTotals.accountedRecords()
						+ " accounted for (" + hubTotals + "); nothing published");
			}
		}
		ControlTotals totals = totals(runId, counts, read);
		List<String> subscriptions = this.totals.get().chargedSubscriptions();
		List<String> written;
		try (Stream<Path> files = Files.list(this.paths.chargebackDir())) {
			written = files.map((file) -> file.getFileName().toString()).sorted().toList();
		}
		List<String> wanted = subscriptions.stream().map(RunPaths::chargebackFileName).sorted().toList();
		if (!written.equals(wanted)) {
			throw new IllegalStateException("chargeback files " + written + " are not the charged subscriptions "
					+ wanted + "; nothing published");
		}
		Map<String, RunTotals.ExpectedFile> expectedFiles = this.totals.get().expectedChargebackFiles();
		Map<String, RunTotals.FileCost> costs = (this.rateCard != null) ? this.totals.get().chargebackFileCosts()
				: Map.of();
		// read back side by side: each file is checked on its own
		subscriptions.parallelStream().forEach((subscription) -> {
			Path file = this.paths.chargebackFile(subscription);
			RunTotals.ExpectedFile expected = Objects.requireNonNull(expectedFiles.get(subscription),
					() -> "no totals for charged subscription " + subscription);
			long rows = expected.rows();
			Manifest.FileTotals fileTotals = Manifest.csvTotals(file, "Quantity", "Cost");
			RunTotals.FileCost cost = costs.get(subscription);
			if (cost != null && cost.residual(costsRateCard()).signum() != 0) {
				rows++;
			}
			if (fileTotals.rows() != rows || fileTotals.sum().compareTo(expected.quantity()) != 0) {
				throw new IllegalStateException(file + " holds " + fileTotals.rows() + " rows totalling "
						+ fileTotals.sum() + ", expected " + rows + " rows totalling " + expected.quantity()
						+ "; nothing published");
			}
			if (cost != null) {
				BigDecimal total = cost.total(costsRateCard());
				BigDecimal fileCost = Objects.requireNonNull(fileTotals.cost(), "a priced file has a Cost column");
				if (fileCost.compareTo(total) != 0 || fileTotals.unpricedRows() != cost.unpricedLines()) {
					throw new IllegalStateException(file + " costs " + fileCost + " with " + fileTotals.unpricedRows()
							+ " unpriced rows, expected " + total + " with " + cost.unpricedLines()
							+ "; nothing published");
				}
			}
			checked.put(file, fileTotals);
			Path focus = this.paths.focusFile(subscription);
			if (Files.isDirectory(this.paths.focusDir())) {
				// the FOCUS file holds the priced rows (and the rounding row): the same money, to the cent
				Manifest.FileTotals focusTotals = Manifest.csvTotals(focus, null, "BilledCost");
				if (focusTotals.rows() != fileTotals.rows() - fileTotals.unpricedRows()
						|| Objects.requireNonNull(focusTotals.cost(), "a FOCUS file has a BilledCost column")
							.compareTo(fileTotals.cost()) != 0) {
					throw new IllegalStateException(focus + " holds " + focusTotals.rows() + " rows billing "
							+ focusTotals.cost() + ", but its chargeback file has " + (fileTotals.rows()
									- fileTotals.unpricedRows()) + " priced rows costing " + fileTotals.cost()
							+ "; nothing published");
				}
				checked.put(focus, focusTotals);
			}
		});
		if (Files.isDirectory(this.paths.focusDir())) {
			List<String> focusFiles;
			try (Stream<Path> files = Files.list(this.paths.focusDir())) {
				focusFiles = files.map((file) -> file.getFileName().toString()).sorted().toList();
			}
			if (!focusFiles.equals(wanted)) {
				throw new IllegalStateException("FOCUS files " + focusFiles + " are not the charged subscriptions "
						+ wanted + "; nothing published");
			}
		}
		return totals;
	}

	private RateCard costsRateCard() {
		return Objects.requireNonNull(this.rateCard, "costs are read only with a rate card");
	}

	private ControlTotals totals(long runId, Map<String, Map<String, Long>> counts, Map<String, Long> read) {
		Map<String, Long> all = new LinkedHashMap<>();
		counts.values().forEach((byOutcome) -> byOutcome.forEach((k, v) -> all.merge(k, v, Long::sum)));
		long late = this.totals.get().lateUsage().stream().mapToLong(RunTotals.LateUsage::records).sum();
		return ControlTotals.of(all, read.values().stream().mapToLong(Long::longValue).sum()).withLate(late);
	}

	/**
	 * On a day this run charged, a file another folder accounted for read again with other content: late usage could
	 * not be told from re-exports, and what that folder charged no longer matches the exports.
	 */
	private void requireAccountedFilesUnchanged(long runId, InputCounts input) {
		RunLedger view = this.ledger.view(runId);
		Map<String, InputFile> files = new HashMap<>();
		this.store.inputFiles(runId).forEach((file) -> files.put(file.path().toString(), file));
		for (RunStore.HubDay charged : this.store.chargedDays(runId)) {
			for (Map.Entry<String, RunLedger.Account> accounted : view.accountedFiles(charged.hub(), charged.day())
				.entrySet()) {
				InputFile file = files.get(accounted.getKey());
				if (file == null) {
					continue; // a missing file fails the day's step (AggregateDayTasklet)
				}
				RunLedger.Account account = accounted.getValue();
				String sha256 = input.sha256().get(file.index());
				if (!account.sha256().equals(sha256)) {
				String folder = account.folder();
				throw new IllegalStateException(file.displayName() + " changed since published folder " + folder
						+ " charged its usage (SHA-256 then " + account.sha256() + ", now " + sha256
						+ "); nothing published. Rerun " + folder + " (--from " + folder.substring(0, 10) + " --to "
						+ folder.substring(11) + ") to restate it from the exports as they are now, or put the"
						+ " file back as it was");
				}
			}
		}
	}

	/**
	 * Records in the ledger what the folder now charges. Replaces what an earlier run of the folder recorded; runs in
	 * this step's transaction, so a crash before the step completes publishes it again, the ledger with it.
	 */
	private void recordInLedger(long runId, InputCounts input) {
		List<LedgerStore.Input> inputs = new ArrayList<>();
		for (RunStore.InputFileRow row : this.store.inputFileRows(runId)) {
			InputFile file = row.file();
			if (input.skipped().containsKey(file.index())) {
				// not read: the ledger keeps what the run that read it recorded
				continue;
			}
			List<LocalDate> days = input.usageDays().getOrDefault(file.index(), List.of());
			inputs.add(new LedgerStore.Input(file.index(), file.path().toString(), file.hub(), row.bytes(),
					row.modified(), input.sha256().getOrDefault(file.index(), ""),
					input.perFile().getOrDefault(file.index(), 0L),
					days.isEmpty() ? null : days.get(0), days.isEmpty() ? null : days.get(1)));
		}
		this.ledger.publish(new LedgerStore.Publication(this.paths.rangeName(), this.parameters.run(), runId,
				this.parameters.from(), this.parameters.to(),
				this.store.runHubs(runId).stream().map(RunStore.PreparedHub::name).toList(), inputs,
				charged(this.totals.get())));
	}

	private static Map<String, Map<LocalDate, LedgerStore.DayCharge>> charged(RunTotals totals) {
		Map<String, Map<LocalDate, LedgerStore.DayCharge>> charged = new HashMap<>();
		totals.hubDays()
			.forEach((hub, days) -> days.forEach((day, sum) -> charged.computeIfAbsent(hub, (k) -> new HashMap<>())
				.put(day, new LedgerStore.DayCharge(sum.records(), sum.defaultRecords(), sum.quantity()))));
		return charged;
	}

	private static Set<String> union(Set<String> a, Set<String> b) {
		Set<String> all = new TreeSet<>(a);
		all.addAll(b);
		return all;
	}

	private void swap(Path staging, Path published) throws IOException {
		if (Files.exists(published)) {
			Path history = this.paths.history();
			Files.createDirectories(history);
			long previousRun = Manifest.runIdOf(published);
			Path target = history.resolve((previousRun > 0) ? "run" + previousRun : "unknown");
			for (int i = 2; Files.exists(target); i++) {
				target = history.resolve(target.getFileName() + "-" + i);
			}
			Files.move(published, target, StandardCopyOption.ATOMIC_MOVE);
			log.info("Replaced outputs kept in {}", target);
			this.haltPoints.reached(HaltPoints.PUBLISHING);
		}
		try {
			Files.move(staging, published, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException ex) {
			throw new IllegalStateException("cannot publish " + published + " in one rename: " + staging
					+ " is on another file system; keep <output-dir>/.staging on the output's file system", ex);
		}
		log.info("Published {}", published.toAbsolutePath());
	}

	/**
	 * The customer of each charged subscription, from the run's copy of the customer names file: the page leads with
	 * who is billed, the ID beside it.
	 */
	private Map<String, String> customerNames(long runId) {
		if (!Files.isRegularFile(this.paths.customerNames())) {
			return Map.of();
		}
		CustomerNames customers = CustomerNames.read(this.paths.customerNames());
		Map<String, String> names = new HashMap<>();
		for (String subscription : this.totals.get().chargedSubscriptions()) {
			String name = customers.of(subscription).name();
			if (!name.isEmpty()) {
				names.put(subscription, name);
			}
		}
		return names;
	}

}

package org.hubchargeback.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HexFormat;

/**
 * Where a run writes. Outputs are built in a staging folder of their own and moved into place whole; the folder a
 * rerun replaces is kept under {@code .history}.
 */
public record RunPaths(Path outputDir, String rangeName, long runId) {

	// the files of a published folder; finance loads them by these names

	public static final String REJECTED_RECORDS = "rejected-records.csv";

	public static final String UNREGISTERED_TENANTS = "unregistered-tenants.csv";

	public static final String SUMMARY_CSV = "summary.csv";

	public static final String SUMMARY_HTML = "summary.html";

	public static final String MISSING_PRICES = "missing-prices.csv";

	/**
	 * Late-reported usage of days other folders charge, charged in this folder (only when there is some).
	 */
	public static final String LATE_USAGE = "late-usage.csv";

	/**
	 * The rate card the run priced with, as published beside its files.
	 */
	public static final String RATE_CARD = "rate-card.csv";

	public static final String RESTATEMENT = "restatement.csv";

	/**
	 * A rerun's FOCUS correction rows against the FOCUS files of the run it replaces (only when both have FOCUS files).
	 */
	public static final String FOCUS_CORRECTIONS = "focus-corrections.csv";

	/**
	 * {@code unregistered-tenants.csv}'s quantities in long format: a row per tenant and meter, for pivot tables.
	 */
	public static final String UNREGISTERED_TENANT_METERS = "unregistered-tenant-meters.csv";

	public static final String WARNINGS = "WARNINGS.txt";

	/**
	 * Charged against billed usage: {@code --reconcile} writes it in {@link #reconciliationDir}, a run with
	 * {@code hub-chargeback.reconcile.in-run} in its own published folder.
	 */
	public static final String RECONCILIATION = "reconciliation.csv";

	/**
	 * Written last: a published folder without it is incomplete.
	 */
	public static final String MANIFEST = "manifest.json";

	private static final String STAGING = ".staging";

	private static final String HISTORY = ".history";

	private static final String CHARGEBACK = "chargeback";

	private static final String FOCUS = "focus";

	private static final String RECONCILIATIONS = "reconciliation";

	/**
	 * @return the name of the folder a range is published in, {@code <from>_<to>}
	 */
	public static String rangeName(LocalDate from, LocalDate to) {
		return from + "_" + to;
	}

	public Path published() {
		return this.outputDir.resolve(this.rangeName);
	}

	public Path staging() {
		return stagingRoot(this.outputDir).resolve(this.rangeName + "-run" + this.runId);
	}

	/**
	 * @return a file of the staged folder, by one of this class's names
	 */
	public Path staged(String name) {
		return staging().resolve(name);
	}

	public Path chargebackDir() {
		return staging().resolve(CHARGEBACK);
	}

	/**
	 * @return a chargeback file: named exactly as the registration spells the subscription
	 */
	public Path chargebackFile(String subscription) {
		return chargebackDir().resolve(chargebackFileName(subscription));
	}

	public static String chargebackFileName(String subscription) {
		return subscription + ".csv";
	}

	/**
	 * @return the chargeback folder of a published (or superseded) run's folder
	 */
	public static Path chargebackDirOf(Path runFolder) {
		return runFolder.resolve(CHARGEBACK);
	}

	/**
	 * @return the FOCUS folder of a published (or superseded) run's folder
	 */
	public static Path focusDirOf(Path runFolder) {
		return runFolder.resolve(FOCUS);
	}

	public Path focusDir() {
		return staging().resolve(FOCUS);
	}

	public Path focusFile(String subscription) {
		return focusDir().resolve(chargebackFileName(subscription));
	}

	/**
	 * The run's intermediate files (spilled records, each day's chargeback rows): beside the staging folder, on the same
	 * file system, never published; deleted once the run is.
	 */
	public Path work() {
		return stagingRoot(this.outputDir).resolve(this.rangeName + "-run" + this.runId + ".work");
	}

	/**
	 * @return the folder under {@code output-dir} that holds staged and work folders
	 */
	public static Path stagingRoot(Path outputDir) {
		return outputDir.resolve(STAGING);
	}

	/**
	 * @return whether a folder under {@link #stagingRoot} is the work folder of run {@code runId}, of any range
	 */
	public static boolean isWorkOf(Path folder, long runId) {
		return folder.getFileName().toString().endsWith("-run" + runId + ".work");
	}

	/**
	 * Where loading leaves one input file's records of one usage day of a hub. The hub's name is hex-encoded: it comes
	 * from configuration and may hold any character.
	 */
	public Path spill(LocalDate day, String hub, int fileIndex) {
		return spillDir(day, hub).resolve("f" + fileIndex + ".bin");
	}

	/**
	 * Where loading leaves one input file's records of a usage day that another published folder already accounted
	 * for: they are not charged again, but tell the day's late usage from re-exports.
	 */
	public Path priorSpill(LocalDate day, String hub, int fileIndex) {
		return spillDir(day, hub).resolve("p" + fileIndex + ".bin");
	}

	/**
	 * @return whether a file of a {@link #spillDir} holds records to charge ({@link #spill}), not records other
	 * folders accounted for ({@link #priorSpill})
	 */
	public static boolean isSpillToCharge(Path file) {
		return file.getFileName().toString().startsWith("f");
	}

	public Path spillDir(LocalDate day, String hub) {
		return work().resolve("spill").resolve(day.toString())
			.resolve(HexFormat.of().formatHex(hub.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * @return where each usage day leaves its chargeback rows ({@code DayRows}), a data file and an index per day and
	 * hub
	 */
	public Path dayRowsDir() {
		return work().resolve(CHARGEBACK);
	}

	/**
	 * @return the name of one hub's usage day in {@link #dayRowsDir}: names sort day after day, hub after hub, the
	 * order of a chargeback file's rows
	 */
	public static String dayRowsName(LocalDate day, String hub) {
		return day + "_" + HexFormat.of().formatHex(hub.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * @return the hub whose usage day a file of {@link #dayRowsDir} holds
	 */
	public static String hubOfDayRows(Path file) {
		String name = file.getFileName().toString();
		String hex = name.substring(name.indexOf('_') + 1, name.lastIndexOf('.'));
		return new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_8);
	}

	/**
	 * The rate card as the run started: every step of the run, and a restart, prices with this copy.
	 */
	public Path rateCard() {
		return work().resolve("rate-card.csv");
	}

	/**
	 * @return where {@code --reconcile} publishes a range's reconciliation: beside the published folders, not in one
	 * (a range may span several, and a published folder stays as its manifest says)
	 */
	public static Path reconciliationDir(Path outputDir, LocalDate from, LocalDate to) {
		return outputDir.resolve(RECONCILIATIONS).resolve(rangeName(from, to));
	}

	/**
	 * The customer names file as the run started: every step of the run, and a restart, names with this copy.
	 */
	public Path customerNames() {
		return work().resolve("customer-names.csv");
	}

	public Path history() {
		return historyRoot(this.outputDir).resolve(this.rangeName);
	}

	/**
	 * @return the folder that keeps the replaced runs of every range, one folder per range
	 */
	public static Path historyRoot(Path outputDir) {
		return outputDir.resolve(HISTORY);
	}

}

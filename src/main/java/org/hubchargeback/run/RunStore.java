package org.hubchargeback.run;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import org.hubchargeback.ledger.SkippedInputs;
import org.hubchargeback.run.StagedUsage.Outcome;
import org.hubchargeback.run.StagedUsage.Rejected;
import org.hubchargeback.usage.InputFile;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * Every SQL statement on the job's own tables (see {@code db/migration}). Rows belong to one run, the job
 * instance, so a restart finds what the failed execution committed. Usage records themselves are not here: they are
 * summed in files (see {@link AggregateDayTasklet}); the tables hold their totals and the rejected rows.
 */
@Component
public class RunStore {

	/**
	 * The rejected records of a run, in reading order.
	 */
	public static final String REJECTED_SQL = "SELECT r.HUB, f.DISPLAY_NAME, r.LINE, r.FIELD, r.REASON, r.RAW_LINE"
			+ " FROM HC_REJECTED r JOIN HC_INPUT_FILE f ON f.RUN_ID = r.RUN_ID AND f.FILE_IDX = r.FILE_IDX"
			+ " WHERE r.RUN_ID = ? ORDER BY r.SEQ";

	private static final String CHARGED = "OUTCOME IN ('REGISTERED', 'DEFAULT')";

	private final JdbcTemplate jdbc;

	private volatile @Nullable Boolean h2;

	public RunStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	// preparing

	public void savePrepared(long runId, List<RunHub> hubs, List<InputFile> files, List<String> modified,
			List<Long> sizes) {
		deleteRun(runId);
		for (RunHub hub : hubs) {
			this.jdbc.update("INSERT INTO HC_RUN_HUB (RUN_ID, HUB, SNAPSHOT_ID, WARNING, DEFAULT_SUBSCRIPTION_ID, CULTURE,"
					+ " REGISTRATION_SOURCE, REGISTRATION_SHA256, CUSTOMER_SUBSCRIPTIONS, USER_SUBSCRIPTIONS_SOURCE,"
					+ " USER_SUBSCRIPTIONS_SHA256, USER_SUBSCRIPTIONS) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", runId,
					hub.name(), hub.snapshot().id(), (hub.warning() != null) ? hub.warning() : "",
					hub.snapshot().defaultSubscriptionId(), hub.culture().name(), hub.snapshot().source(),
					hub.snapshot().sha256(), hub.snapshot().customerSubscriptionsByTenant().size(),
					hub.userSubscriptions().source(), hub.userSubscriptions().sha256(),
					hub.userSubscriptions().tenantsBySubscription().size());
		}
		for (int i = 0; i < files.size(); i++) {
			InputFile file = files.get(i);
			this.jdbc.update("INSERT INTO HC_INPUT_FILE (RUN_ID, FILE_IDX, HUB, PATH, DISPLAY_NAME, MODIFIED, BYTES)"
					+ " VALUES (?, ?, ?, ?, ?, ?, ?)", runId, file.index(), file.hub(), file.path().toString(),
					file.displayName(), modified.get(i), sizes.get(i));
		}
	}

	public List<InputFile> inputFiles(long runId) {
		return inputFileRows(runId).stream().map(InputFileRow::file).toList();
	}

	/**
	 * Records that the run does not read a file (see {@link SkippedInputs}), and what it counts for it instead.
	 */
	public void skipInputFile(long runId, int fileIndex, SkippedInputs.Skip skip) {
		this.jdbc.update("UPDATE HC_INPUT_FILE SET SKIPPED_RECORDS = ?, SKIPPED_SHA256 = ?, SKIPPED_FIRST_DAY = ?,"
				+ " SKIPPED_LAST_DAY = ? WHERE RUN_ID = ? AND FILE_IDX = ?", skip.records(), skip.sha256(),
				skip.firstDay(), skip.lastDay(), runId, fileIndex);
	}

	/**
	 * @return the input files the load step reads at once: all but those skipped
	 */
	public List<InputFile> filesToRead(long runId) {
		return inputFileRows(runId).stream().filter((row) -> row.skipped() == null).map(InputFileRow::file).toList();
	}

	/**
	 * @return the hubs' usage days whose records of some input file the run charged (or counted, or rejected)
	 */
	public List<HubDay> chargedDays(long runId) {
		return this.jdbc.query("SELECT DISTINCT HUB, USAGE_DATE FROM HC_RUN_ACCOUNTED WHERE RUN_ID = ?"
				+ " ORDER BY HUB, USAGE_DATE", (rs, i) -> new HubDay(rs.getString(1), rs.getObject(2, LocalDate.class)),
				runId);
	}

	public record HubDay(String hub, LocalDate day) {
	}

	/**
	 * @return input file path to its index
	 */
	public Map<String, Integer> inputFilePaths(long runId) {
		Map<String, Integer> paths = new TreeMap<>();
		inputFiles(runId).forEach((file) -> paths.put(file.path().toString(), file.index()));
		return paths;
	}

	/**
	 * @return input file index to the name rejections and reports show
	 */
	public Map<Integer, String> inputFileNames(long runId) {
		Map<Integer, String> names = new TreeMap<>();
		inputFiles(runId).forEach((file) -> names.put(file.index(), file.displayName()));
		return names;
	}

	/**
	 * @return the run's input files in reading order, with their sizes when the run was prepared
	 */
	public List<InputFileRow> inputFileRows(long runId) {
		return this.jdbc.query("SELECT FILE_IDX, HUB, PATH, DISPLAY_NAME, BYTES, MODIFIED, SKIPPED_RECORDS,"
				+ " SKIPPED_SHA256, SKIPPED_FIRST_DAY, SKIPPED_LAST_DAY FROM HC_INPUT_FILE WHERE RUN_ID = ?"
				+ " ORDER BY FILE_IDX",
				(rs, i) -> new InputFileRow(
						new InputFile(rs.getInt(1), rs.getString(2), Path.of(rs.getString(3)), rs.getString(4)),
						rs.getLong(5), rs.getString(6),
						(rs.getObject(7) == null) ? null : new SkippedInputs.Skip(rs.getLong(7), rs.getString(8),
								rs.getObject(9, LocalDate.class), rs.getObject(10, LocalDate.class))),
				runId);
	}

	/**
	 * An input file as the run was prepared with it.
	 *
	 * @param bytes its size then
	 * @param modified its last-modified time then
	 * @param skipped what the run counts for it instead of reading it, or null: the run reads it
	 */
	public record InputFileRow(InputFile file, long bytes, String modified, SkippedInputs.@Nullable Skip skipped) {
	}

	/**
	 * @return input file path to its {@link RunInputs#fingerprint} when the run was prepared
	 */
	public Map<String, String> inputFileFingerprints(long runId) {
		Map<String, String> fingerprints = new TreeMap<>();
		this.jdbc.query("SELECT PATH, BYTES, MODIFIED FROM HC_INPUT_FILE WHERE RUN_ID = ?",
				(RowCallbackHandler) (rs) -> fingerprints.put(rs.getString(1),
						RunInputs.fingerprint(rs.getLong(2), rs.getString(3))),
				runId);
		return fingerprints;
	}

	/**
	 * @return the run's hubs, by name
	 */
	public List<PreparedHub> runHubs(long runId) {
		return this.jdbc.query("SELECT h.HUB, h.SNAPSHOT_ID, h.WARNING, h.DEFAULT_SUBSCRIPTION_ID, h.CULTURE,"
				+ " h.REGISTRATION_SOURCE, h.REGISTRATION_SHA256, h.CUSTOMER_SUBSCRIPTIONS,"
				+ " h.USER_SUBSCRIPTIONS_SOURCE, h.USER_SUBSCRIPTIONS_SHA256, h.USER_SUBSCRIPTIONS, s.CLOUD_ID"
				+ " FROM HC_RUN_HUB h LEFT JOIN HC_REGISTRATION_SNAPSHOT s ON s.SNAPSHOT_ID = h.SNAPSHOT_ID"
				+ " WHERE h.RUN_ID = ? ORDER BY h.HUB",
				(rs, i) -> new PreparedHub(rs.getString(1), rs.getLong(2),
						rs.getString(3).isEmpty() ? null : rs.getString(3), rs.getString(4), rs.getString(5),
						rs.getString(6), rs.getString(7), rs.getInt(8), rs.getString(9), rs.getString(10),
						rs.getInt(11), rs.getString(12)),
				runId);
	}

	/**
	 * A hub as a run was prepared with it ({@link #savePrepared}): what the manifest shows of it, and what a restart
	 * checks and charges with.
	 *
	 * @param snapshotId the registration snapshot the run charges with
	 * @param warning why that snapshot is an older one, or null
	 * @param culture the culture its exports are parsed with
	 * @param registrationSha256 the snapshot's SHA-256
	 * @param customerSubscriptions the snapshot's customer subscriptions
	 * @param userSubscriptionsSha256 the SHA-256 of the user-subscription file, which must not change before a restart
	 * @param userSubscriptions the subscriptions that file lists
	 * @param cloudId the registered stamp's CloudId, as the registration resource in Azure says it; null for a
	 * registration file
	 */
	public record PreparedHub(String name, long snapshotId, @Nullable String warning, String defaultSubscriptionId,
			String culture, String registrationSource, String registrationSha256, int customerSubscriptions,
			String userSubscriptionsSource, String userSubscriptionsSha256, int userSubscriptions,
			@Nullable String cloudId) {

		/**
		 * @return how a chargeback row names the registration snapshot it was charged with
		 */
		public String snapshotFingerprint() {
			return this.registrationSha256.substring(0, 12);
		}

	}

	public PreparedHub runHub(long runId, String hub) {
		return runHubs(runId).stream()
			.filter((prepared) -> prepared.name().equals(hub))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("hub " + hub + " is not in run " + runId));
	}

	/**
	 * @return hub to the SHA-256 of the user subscriptions the run was prepared with
	 */
	public Map<String, String> userSubscriptionHashes(long runId) {
		Map<String, String> hashes = new TreeMap<>();
		this.jdbc.query("SELECT HUB, USER_SUBSCRIPTIONS_SHA256 FROM HC_RUN_HUB WHERE RUN_ID = ?",
				(RowCallbackHandler) (rs) -> hashes.put(rs.getString(1), rs.getString(2)), runId);
		return hashes;
	}

	/**
	 * @return the warnings recorded for the run's hubs (registration snapshots used in place of a fresh read)
	 */
	public List<String> warnings(long runId) {
		return this.jdbc.queryForList("SELECT WARNING FROM HC_RUN_HUB WHERE RUN_ID = ? AND WARNING <> '' ORDER BY HUB",
				String.class, runId);
	}

	// loading

	/**
	 * @param bucket the usage day that found the rows rejected ({@link AggregateDayTasklet#bucket}), or empty when
	 * loading rejected them
	 */
	public void insertRejected(long runId, List<Rejected> rows, String bucket) {
		if (rows.isEmpty()) {
			return;
		}
		List<Object[]> args = new ArrayList<>();
		for (Rejected r : rows) {
			args.add(new Object[] { runId, r.seq(), r.fileIndex(), r.line(), r.hub(), r.field(), r.reason(),
					r.rawLine(), bucket });
		}
		this.jdbc.batchUpdate("INSERT INTO HC_REJECTED (RUN_ID, SEQ, FILE_IDX, LINE, HUB, FIELD, REASON, RAW_LINE,"
				+ " BUCKET) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", args);
	}

	public void deleteRejected(long runId, String bucket) {
		this.jdbc.update("DELETE FROM HC_REJECTED WHERE RUN_ID = ? AND BUCKET = ?", runId, bucket);
	}

	/**
	 * Counts records dated outside the run's range: read, valid, not charged.
	 */
	public void addOutOfRange(long runId, InputFile file, String meterId, long records, BigDecimal quantity) {
		this.jdbc.update("INSERT INTO HC_TOTAL (RUN_ID, BUCKET, HUB, METER_ID, OUTCOME, RECORDS, QUANTITY, LINES)"
				+ " VALUES (?, ?, ?, ?, ?, ?, ?, 0)", runId, "file:" + file.index(), file.hub(), meterId,
				Outcome.OUT_OF_RANGE.name(), records, quantity);
	}

	/**
	 * @param records input file index to records read from it
	 * @return per input file: display name, records, rejected records, and its first rejections
	 */
	public List<FileRejections> rejectionsPerFile(long runId, Map<Integer, Long> records) {
		Map<Integer, List<String>> examples = new TreeMap<>();
		this.jdbc.query("SELECT FILE_IDX, LINE, FIELD, REASON FROM HC_REJECTED WHERE RUN_ID = ? ORDER BY SEQ",
				(RowCallbackHandler) (rs) -> {
					List<String> list = examples.computeIfAbsent(rs.getInt(1), (k) -> new ArrayList<>());
					list.add("line " + rs.getLong(2) + " " + rs.getString(3) + ": " + rs.getString(4));
				}, runId);
		List<FileRejections> files = new ArrayList<>();
		for (InputFile file : inputFiles(runId)) {
			List<String> rejected = examples.getOrDefault(file.index(), List.of());
			files.add(new FileRejections(file.displayName(), records.getOrDefault(file.index(), 0L), rejected.size(),
					rejected.subList(0, Math.min(3, rejected.size()))));
		}
		return files;
	}

	public record FileRejections(String file, long records, long rejected, List<String> examples) {
	}

	// writing

	/**
	 * @param from the run's first day
	 * @param to its last day
	 * @return what the run charged and counted, summed in one pass over its totals
	 */
	public RunTotals totals(long runId, LocalDate from, LocalDate to) {
		RunTotals.Builder totals = RunTotals.builder(from, to, sums());
		String query = "SELECT HUB, USAGE_DATE, TENANT_ID, HUB_SUBSCRIPTION_ID, METER_ID, CHARGED_SUBSCRIPTION_ID,"
				+ " CHARGE_REASON, DEFAULT_REASON, OUTCOME, RECORDS, QUANTITY, LINES, COST, COST_EXACT, FIRST_START,"
				+ " LAST_END FROM HC_TOTAL WHERE RUN_ID = ?";
		RowCallbackHandler row = (rs) -> totals.add(new RunTotals.Row(rs.getString(1),
				rs.getObject(2, LocalDate.class), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
				rs.getString(7), rs.getString(8), rs.getString(9), rs.getLong(10), rs.getBigDecimal(11),
				rs.getLong(12), rs.getBigDecimal(13), rs.getBigDecimal(14),
				instant(rs.getObject(15, LocalDateTime.class)), instant(rs.getObject(16, LocalDateTime.class))));
		if (h2()) {
			// H2 holds a whole result before handing out its first row, in a temporary file past MAX_MEMORY_ROWS
			// (20,000 with a 512 MB heap): streamed, the 80,000 totals of 5M records read in about half the time.
			// Set and reset on the one connection, which goes back to the pool as it came.
			this.jdbc.execute((ConnectionCallback<Boolean>) (connection) -> {
				try (Statement lazy = connection.createStatement()) {
					lazy.execute("SET LAZY_QUERY_EXECUTION TRUE");
					try (PreparedStatement statement = connection.prepareStatement(query)) {
						statement.setLong(1, runId);
						try (ResultSet rs = statement.executeQuery()) {
							while (rs.next()) {
								row.processRow(rs);
							}
						}
					}
					finally {
						lazy.execute("SET LAZY_QUERY_EXECUTION FALSE");
					}
				}
				return true;
			});
		}
		else {
			this.jdbc.query(query, row, runId);
		}
		this.jdbc.query("SELECT HUB, COUNT(*) FROM HC_REJECTED WHERE RUN_ID = ? GROUP BY HUB",
				(RowCallbackHandler) (rs) -> totals.rejected(rs.getString(1), rs.getLong(2)), runId);
		return totals.build();
	}

	/**
	 * @return the subscriptions the run charged, in order: a chargeback file each
	 */
	public List<String> chargedSubscriptions(long runId) {
		return this.jdbc.queryForList("SELECT DISTINCT CHARGED_SUBSCRIPTION_ID FROM HC_TOTAL WHERE RUN_ID = ? AND "
				+ CHARGED + " ORDER BY CHARGED_SUBSCRIPTION_ID", String.class, runId);
	}

	/**
	 * What the chargeback files' rows cost, for the step writing them: one query for the figures it needs, where
	 * {@link #totals} would sum everything in each of its partitions. Publishing checks the written files against
	 * {@link RunTotals#chargebackFileCosts()}.
	 *
	 * @return charged subscription to what its chargeback file's rows cost, as the usage days priced them
	 */
	public Map<String, RunTotals.FileCost> chargebackFileCosts(long runId) {
		Map<String, RunTotals.FileCost> files = new TreeMap<>();
		this.jdbc.query("SELECT CHARGED_SUBSCRIPTION_ID, SUM(COST), SUM(COST_EXACT), MAX(USAGE_DATE),"
				+ " SUM(CASE WHEN COST IS NULL THEN LINES ELSE 0 END), SUM(CASE WHEN COST IS NULL THEN QUANTITY END)"
				+ " FROM HC_TOTAL WHERE RUN_ID = ? AND " + CHARGED + " GROUP BY CHARGED_SUBSCRIPTION_ID",
				(RowCallbackHandler) (rs) -> files.put(rs.getString(1),
						new RunTotals.FileCost(zeroIfNull(rs.getBigDecimal(2)), zeroIfNull(rs.getBigDecimal(3)),
								rs.getObject(4, LocalDate.class), rs.getLong(5), zeroIfNull(rs.getBigDecimal(6)))),
				runId);
		return files;
	}

	private static BigDecimal zeroIfNull(@Nullable BigDecimal value) {
		return (value != null) ? value : BigDecimal.ZERO;
	}

	/**
	 * How the database's SUM gives a sum's scale: H2's DECFLOAT without trailing zeros, PostgreSQL's NUMERIC with
	 * the largest scale of what it adds (as Java's own addition does).
	 */
	private UnaryOperator<BigDecimal> sums() {
		return h2() ? (sum) -> (sum.signum() == 0) ? BigDecimal.ZERO : sum.stripTrailingZeros()
				: UnaryOperator.identity();
	}

	private boolean h2() {
		Boolean h2 = this.h2;
		if (h2 == null) {
			h2 = "H2".equals(this.jdbc.execute((ConnectionCallback<String>) (connection) -> connection.getMetaData()
				.getDatabaseProductName()));
			this.h2 = h2;
		}
		return h2;
	}

	private static @Nullable Instant instant(@Nullable LocalDateTime utc) {
		return (utc != null) ? utc.toInstant(ZoneOffset.UTC) : null;
	}

	// cleaning up

	private static final List<String> STAGING_TABLES = List.of("HC_TOTAL", "HC_REJECTED", "HC_INPUT_FILE",
			"HC_RUN_HUB", "HC_RUN_LEDGER", "HC_RUN_ACCOUNTED");

	public void deleteRun(long runId) {
		for (String table : STAGING_TABLES) {
			this.jdbc.update("DELETE FROM " + table + " WHERE RUN_ID = ?", runId);
		}
	}

	/**
	 * @return the runs that have staged rows
	 */
	public List<Long> stagedRuns() {
		return this.jdbc.queryForList("SELECT DISTINCT RUN_ID FROM HC_RUN_HUB ORDER BY RUN_ID", Long.class);
	}

	/**
	 * Empties the staging tables at once. Deleting a million staged rows one by one takes minutes; this takes none.
	 * Only for when no run that may still be restarted has rows in them.
	 */
	public void truncate() {
		for (String table : STAGING_TABLES) {
			this.jdbc.execute("TRUNCATE TABLE " + table);
		}
	}

}

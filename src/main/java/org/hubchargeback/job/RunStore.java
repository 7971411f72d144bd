package org.hubchargeback.job;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.hubchargeback.job.StagedUsage.Accepted;
import org.hubchargeback.job.StagedUsage.Outcome;
import org.hubchargeback.job.StagedUsage.Rejected;
import org.hubchargeback.usage.InputFile;
import org.hubchargeback.usage.UsageRecord;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * Every SQL statement on the job's own tables (see {@code schema-h2.sql}). Rows belong to one run, the job
 * instance, so a restart finds what the failed execution committed.
 */
@Component
public class RunStore {

	/**
	 * The grain of a chargeback row: usage day, hub, tenant, hub subscription, resource, meter (and why charged).
	 */
	static final String CHARGEBACK_GROUP = "USAGE_DATE, HUB, TENANT_ID, HUB_SUBSCRIPTION_ID, RESOURCE_KEY, METER_ID,"
			+ " CHARGE_REASON, DEFAULT_REASON";

	/**
	 * One subscription's chargeback rows, in file order.
	 */
	static final String CHARGEBACK_SQL = "SELECT USAGE_DATE, HUB, TENANT_ID, HUB_SUBSCRIPTION_ID, MIN(RESOURCE_URI),"
			+ " METER_ID, CHARGE_REASON, DEFAULT_REASON, SUM(QUANTITY), COUNT(*), MIN(USAGE_START), MAX(USAGE_END)"
			+ " FROM HC_USAGE WHERE RUN_ID = ? AND CHARGED_SUBSCRIPTION_ID = ? AND OUTCOME IN ('REGISTERED', 'DEFAULT')"
			+ " GROUP BY " + CHARGEBACK_GROUP + " ORDER BY " + CHARGEBACK_GROUP;

	/**
	 * The rejected records of a run, in reading order.
	 */
	static final String REJECTED_SQL = "SELECT r.HUB, f.DISPLAY_NAME, r.LINE, r.FIELD, r.REASON, r.RAW_LINE"
			+ " FROM HC_REJECTED r JOIN HC_INPUT_FILE f ON f.RUN_ID = r.RUN_ID AND f.FILE_IDX = r.FILE_IDX"
			+ " WHERE r.RUN_ID = ? ORDER BY r.SEQ";

	private final JdbcTemplate jdbc;

	public RunStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	// preparing

	public void savePrepared(long runId, List<RunHub> hubs, List<InputFile> files, List<String> sha256s,
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
			this.jdbc.update("INSERT INTO HC_INPUT_FILE (RUN_ID, FILE_IDX, HUB, PATH, DISPLAY_NAME, SHA256, BYTES)"
					+ " VALUES (?, ?, ?, ?, ?, ?, ?)", runId, file.index(), file.hub(), file.path().toString(),
					file.displayName(), sha256s.get(i), sizes.get(i));
		}
	}

	public List<InputFile> inputFiles(long runId) {
		return this.jdbc.query("SELECT FILE_IDX, HUB, PATH, DISPLAY_NAME FROM HC_INPUT_FILE WHERE RUN_ID = ?"
				+ " ORDER BY FILE_IDX", (rs, i) -> new InputFile(rs.getInt(1), rs.getString(2), Path.of(rs.getString(3)),
						rs.getString(4)), runId);
	}

	/**
	 * @return input file display name to its SHA-256 as read when the run was prepared
	 */
	public Map<String, String> inputFileHashes(long runId) {
		Map<String, String> hashes = new TreeMap<>();
		this.jdbc.query("SELECT PATH, SHA256 FROM HC_INPUT_FILE WHERE RUN_ID = ?",
				(RowCallbackHandler) (rs) -> hashes.put(rs.getString(1), rs.getString(2)), runId);
		return hashes;
	}

	public List<Map<String, Object>> runHubs(long runId) {
		return this.jdbc.queryForList("SELECT * FROM HC_RUN_HUB WHERE RUN_ID = ? ORDER BY HUB", runId);
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

	public void insert(long runId, List<? extends StagedUsage> items) {
		List<Object[]> accepted = new ArrayList<>();
		List<Object[]> rejected = new ArrayList<>();
		for (StagedUsage item : items) {
			if (item instanceof Accepted a) {
				UsageRecord r = a.record();
				accepted.add(new Object[] { runId, a.seq(), a.fileIndex(), a.line(), r.hub(), utc(r.usageStart()),
						utc(r.usageEnd()), r.usageDate(), r.hubSubscriptionId(), nullToEmpty(a.resolution().tenantId()),
						r.meterId(), r.quantity(), r.resourceUri(), r.resourceUri().toLowerCase(Locale.ROOT), r.location(),
						a.resolution().chargedSubscriptionId(), a.resolution().reason().name(),
						(a.resolution().defaultReason() != null) ? a.resolution().defaultReason().name() : "",
						a.outcome().name() });
			}
			else if (item instanceof Rejected r) {
				rejected.add(new Object[] { runId, r.seq(), r.fileIndex(), r.line(), r.hub(), r.field(), r.reason(),
						r.rawLine() });
			}
		}
		if (!accepted.isEmpty()) {
			this.jdbc.batchUpdate("INSERT INTO HC_USAGE (RUN_ID, SEQ, FILE_IDX, LINE, HUB, USAGE_START, USAGE_END,"
					+ " USAGE_DATE, HUB_SUBSCRIPTION_ID, TENANT_ID, METER_ID, QUANTITY, RESOURCE_URI, RESOURCE_KEY, LOCATION,"
					+ " CHARGED_SUBSCRIPTION_ID, CHARGE_REASON, DEFAULT_REASON, OUTCOME)"
					+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", accepted);
		}
		if (!rejected.isEmpty()) {
			this.jdbc.batchUpdate("INSERT INTO HC_REJECTED (RUN_ID, SEQ, FILE_IDX, LINE, HUB, FIELD, REASON, RAW_LINE)"
					+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rejected);
		}
	}

	// de-duplicating

	/**
	 * Later occurrences of a usage record already read (same hub, subscription, meter, bucket and resource), with the
	 * first occurrence's quantity and place: the next {@code limit} after {@code afterSeq}, in reading order. Each row
	 * is looked up through the HC_USAGE_KEY index, so memory stays flat however many rows the run has.
	 */
	public List<Repeat> repeats(long runId, long afterSeq, int limit) {
		String sameRecord = "f.RUN_ID = u.RUN_ID AND f.HUB = u.HUB AND f.HUB_SUBSCRIPTION_ID = u.HUB_SUBSCRIPTION_ID"
				+ " AND f.METER_ID = u.METER_ID AND f.USAGE_START = u.USAGE_START AND f.USAGE_END = u.USAGE_END"
				+ " AND f.RESOURCE_KEY = u.RESOURCE_KEY AND f.OUTCOME IN ('REGISTERED', 'DEFAULT', 'DUPLICATE')";
		return this.jdbc.query("SELECT u.SEQ, u.FILE_IDX, u.LINE, u.HUB, u.QUANTITY, first.QUANTITY, i.DISPLAY_NAME,"
				+ " first.LINE, u.USAGE_START, u.USAGE_END, u.HUB_SUBSCRIPTION_ID, u.TENANT_ID, u.METER_ID,"
				+ " u.RESOURCE_URI FROM HC_USAGE u JOIN HC_USAGE first ON first.RUN_ID = u.RUN_ID AND first.SEQ ="
				+ " (SELECT MIN(f.SEQ) FROM HC_USAGE f WHERE " + sameRecord + ") JOIN HC_INPUT_FILE i"
				+ " ON i.RUN_ID = first.RUN_ID AND i.FILE_IDX = first.FILE_IDX WHERE u.RUN_ID = ?"
				+ " AND u.OUTCOME IN ('REGISTERED', 'DEFAULT') AND u.SEQ > ? AND first.SEQ < u.SEQ"
				+ " ORDER BY u.SEQ LIMIT ?",
				(rs, n) -> new Repeat(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getString(4), rs.getBigDecimal(5),
						rs.getBigDecimal(6), rs.getString(7), rs.getLong(8),
						String.join(",", instant(rs, 9), instant(rs, 10), rs.getString(11), rs.getString(12),
								rs.getString(13), rs.getBigDecimal(5).toPlainString(), rs.getString(14))),
				runId, afterSeq, limit);
	}

	public void markDuplicate(long runId, long seq) {
		this.jdbc.update("UPDATE HC_USAGE SET OUTCOME = ? WHERE RUN_ID = ? AND SEQ = ?", Outcome.DUPLICATE.name(),
				runId, seq);
	}

	public void moveToRejected(long runId, Repeat repeat, String field, String reason) {
		this.jdbc.update("DELETE FROM HC_USAGE WHERE RUN_ID = ? AND SEQ = ?", runId, repeat.seq());
		insert(runId, List.of(new Rejected(repeat.seq(), repeat.fileIndex(), repeat.line(), repeat.hub(), field, reason,
				repeat.record())));
	}

	/**
	 * A record read again after its first occurrence.
	 *
	 * @param record the repeated record in canonical column order, for the rejected-records file
	 */
	public record Repeat(long seq, int fileIndex, long line, String hub, BigDecimal quantity, BigDecimal firstQuantity,
			String firstFile, long firstLine, String record) {
	}

	/**
	 * @return per input file: display name, records, rejected records, and its first rejections
	 */
	public List<FileRejections> rejectionsPerFile(long runId) {
		Map<Integer, Long> records = recordsPerFile(runId);
		Map<Integer, List<String>> examples = new TreeMap<>();
		this.jdbc.query("SELECT FILE_IDX, LINE, FIELD, REASON FROM HC_REJECTED WHERE RUN_ID = ? ORDER BY SEQ",
				(RowCallbackHandler) (rs) -> {
					List<String> list = examples.computeIfAbsent(rs.getInt(1), (k) -> new ArrayList<>());
					list.add("line " + rs.getLong(2) + " " + rs.getString(3) + ": " + rs.getString(4));
				}, runId);
		List<FileRejections> files = new ArrayList<>();
		for (Map<String, Object> file : inputFileRows(runId)) {
			int index = ((Number) file.get("FILE_IDX")).intValue();
			List<String> rejected = examples.getOrDefault(index, List.of());
			files.add(new FileRejections((String) file.get("DISPLAY_NAME"), records.getOrDefault(index, 0L),
					rejected.size(), rejected.subList(0, Math.min(3, rejected.size()))));
		}
		return files;
	}

	public record FileRejections(String file, long records, long rejected, List<String> examples) {
	}

	// writing

	public List<String> chargedSubscriptions(long runId) {
		return this.jdbc.queryForList("SELECT DISTINCT CHARGED_SUBSCRIPTION_ID FROM HC_USAGE WHERE RUN_ID = ?"
				+ " AND OUTCOME IN ('REGISTERED', 'DEFAULT') ORDER BY CHARGED_SUBSCRIPTION_ID", String.class, runId);
	}

	/**
	 * Usage that fell to a default subscription, per hub, reason, tenant, hub subscription and meter.
	 */
	public void defaultUsage(long runId, RowCallbackHandler handler) {
		this.jdbc.query("SELECT HUB, DEFAULT_REASON, TENANT_ID, HUB_SUBSCRIPTION_ID, METER_ID, CHARGED_SUBSCRIPTION_ID,"
				+ " COUNT(*), SUM(QUANTITY), MIN(USAGE_START), MAX(USAGE_END) FROM HC_USAGE WHERE RUN_ID = ?"
				+ " AND OUTCOME = 'DEFAULT' GROUP BY HUB, DEFAULT_REASON, TENANT_ID, HUB_SUBSCRIPTION_ID, METER_ID,"
				+ " CHARGED_SUBSCRIPTION_ID ORDER BY HUB, DEFAULT_REASON, TENANT_ID, HUB_SUBSCRIPTION_ID, METER_ID",
				handler, runId);
	}

	/**
	 * Charged usage per subscription, reason, meter and hub.
	 */
	public void chargedTotals(long runId, RowCallbackHandler handler) {
		this.jdbc.query("SELECT CHARGED_SUBSCRIPTION_ID, CHARGE_REASON, METER_ID, HUB, SUM(QUANTITY), COUNT(*),"
				+ " MIN(USAGE_DATE), MAX(USAGE_DATE) FROM HC_USAGE WHERE RUN_ID = ? AND OUTCOME IN ('REGISTERED', 'DEFAULT')"
				+ " GROUP BY CHARGED_SUBSCRIPTION_ID, CHARGE_REASON, METER_ID, HUB"
				+ " ORDER BY CHARGED_SUBSCRIPTION_ID, CHARGE_REASON, METER_ID, HUB", handler, runId);
	}

	// control totals

	/**
	 * @return hub to outcome (including REJECTED) to record count
	 */
	public Map<String, Map<String, Long>> outcomeCounts(long runId) {
		Map<String, Map<String, Long>> counts = new TreeMap<>();
		RowCallbackHandler add = (rs) -> counts.computeIfAbsent(rs.getString(1), (k) -> new TreeMap<>())
			.merge(rs.getString(2), rs.getLong(3), Long::sum);
		this.jdbc.query("SELECT HUB, OUTCOME, COUNT(*) FROM HC_USAGE WHERE RUN_ID = ? GROUP BY HUB, OUTCOME", add,
				runId);
		this.jdbc.query("SELECT HUB, 'REJECTED', COUNT(*) FROM HC_REJECTED WHERE RUN_ID = ? GROUP BY HUB", add, runId);
		return counts;
	}

	/**
	 * @return hub to meter to outcome to summed quantity, for valid records
	 */
	public Map<String, Map<String, Map<String, BigDecimal>>> outcomeQuantities(long runId) {
		Map<String, Map<String, Map<String, BigDecimal>>> sums = new TreeMap<>();
		this.jdbc.query("SELECT HUB, METER_ID, OUTCOME, SUM(QUANTITY) FROM HC_USAGE WHERE RUN_ID = ?"
				+ " GROUP BY HUB, METER_ID, OUTCOME",
				(RowCallbackHandler) (rs) -> sums.computeIfAbsent(rs.getString(1), (k) -> new TreeMap<>())
					.computeIfAbsent(rs.getString(2), (k) -> new TreeMap<>())
					.put(rs.getString(3), rs.getBigDecimal(4)),
				runId);
		return sums;
	}

	/**
	 * @return [rows the subscription's chargeback file should have, their summed quantity]; grouped one subscription
	 * at a time, so memory is bounded by one file's rows
	 */
	public Object[] expectedChargebackFile(long runId, String subscription) {
		return this.jdbc.queryForObject("SELECT COUNT(*), SUM(Q) FROM (SELECT SUM(QUANTITY) AS Q FROM HC_USAGE"
				+ " WHERE RUN_ID = ? AND CHARGED_SUBSCRIPTION_ID = ? AND OUTCOME IN ('REGISTERED', 'DEFAULT')"
				+ " GROUP BY " + CHARGEBACK_GROUP + ")",
				(rs, n) -> new Object[] { rs.getLong(1), (rs.getBigDecimal(2) != null) ? rs.getBigDecimal(2)
						: BigDecimal.ZERO }, runId, subscription);
	}

	/**
	 * @return input file index to records staged from it (valid or rejected)
	 */
	public Map<Integer, Long> recordsPerFile(long runId) {
		Map<Integer, Long> counts = new TreeMap<>();
		RowCallbackHandler add = (rs) -> counts.merge(rs.getInt(1), rs.getLong(2), Long::sum);
		this.jdbc.query("SELECT FILE_IDX, COUNT(*) FROM HC_USAGE WHERE RUN_ID = ? GROUP BY FILE_IDX", add, runId);
		this.jdbc.query("SELECT FILE_IDX, COUNT(*) FROM HC_REJECTED WHERE RUN_ID = ? GROUP BY FILE_IDX", add, runId);
		return counts;
	}

	public List<Map<String, Object>> inputFileRows(long runId) {
		return this.jdbc.queryForList("SELECT FILE_IDX, HUB, PATH, DISPLAY_NAME, SHA256, BYTES FROM HC_INPUT_FILE"
				+ " WHERE RUN_ID = ? ORDER BY FILE_IDX", runId);
	}

	// cleaning up

	private static final List<String> STAGING_TABLES = List.of("HC_USAGE", "HC_REJECTED", "HC_INPUT_FILE",
			"HC_RUN_HUB");

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

	static LocalDateTime utc(java.time.Instant instant) {
		return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	static String instant(ResultSet rs, int column) throws SQLException {
		return rs.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC).toString();
	}

	private static String nullToEmpty(String value) {
		return (value != null) ? value : "";
	}

}

package org.hubchargeback.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * Every SQL statement on the ledger's tables (see {@code db/migration/{vendor}/V*__ledger.sql}). A published folder's
 * rows are replaced whole when it is published, in the publishing step's transaction.
 */
@Component
public class LedgerStore {

	private final JdbcTemplate jdbc;

	public LedgerStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Takes a run's view of what the other published folders charge, for its hubs.
	 *
	 * @param folder the run's own folder: a rerun replaces it, so its rows are not "elsewhere"
	 */
	public void snapshot(long runId, String folder, List<String> hubs) {
		this.jdbc.update("DELETE FROM HC_RUN_LEDGER WHERE RUN_ID = ?", runId);
		for (String hub : hubs) {
			this.jdbc.update("INSERT INTO HC_RUN_LEDGER (RUN_ID, HUB, USAGE_DATE, FOLDER, PATH, SHA256, FIRST_RUN_ID,"
					+ " OWN) SELECT ?, HUB, USAGE_DATE, FOLDER, '', '', RUN_ID, FALSE FROM HC_LEDGER_DAY"
					+ " WHERE HUB = ? AND FOLDER <> ? AND LATE = FALSE", runId, hub, folder);
			this.jdbc.update("INSERT INTO HC_RUN_LEDGER (RUN_ID, HUB, USAGE_DATE, FOLDER, PATH, SHA256, FIRST_RUN_ID,"
					+ " OWN) SELECT ?, HUB, USAGE_DATE, FOLDER, PATH, SHA256, FIRST_RUN_ID, FOLDER = ?"
					+ " FROM HC_LEDGER_FILE WHERE HUB = ?", runId, folder, hub);
		}
	}

	public RunLedger view(long runId) {
		return new RunLedger(this.jdbc.query(
				"SELECT HUB, USAGE_DATE, FOLDER, PATH, SHA256, FIRST_RUN_ID, OWN FROM HC_RUN_LEDGER WHERE RUN_ID = ?",
				(rs, i) -> new RunLedger.Entry(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getString(3),
						rs.getString(4), rs.getString(5), rs.getLong(6), rs.getBoolean(7)),
				runId));
	}

	/**
	 * Records what a published folder charges: each hub's days of its range (none left out, an empty day too),
	 * late usage of other days, the files it accounted for, and every input file it read.
	 */
	public void publish(Publication publication) {
		String folder = publication.folder();
		// a rerun keeps the place its folder had in each day's order of accounting
		Map<List<Object>, Long> firstRunIds = new HashMap<>();
		this.jdbc.query("SELECT HUB, USAGE_DATE, MIN(FIRST_RUN_ID) FROM HC_LEDGER_FILE WHERE FOLDER = ?"
				+ " GROUP BY HUB, USAGE_DATE", (RowCallbackHandler) (rs) -> firstRunIds
					.put(List.of(rs.getString(1), rs.getObject(2, LocalDate.class)), rs.getLong(3)), folder);
		this.jdbc.update("DELETE FROM HC_LEDGER_DAY WHERE FOLDER = ?", folder);
		this.jdbc.update("DELETE FROM HC_LEDGER_FILE WHERE FOLDER = ?", folder);
		List<Object[]> days = new ArrayList<>();
		for (String hub : publication.hubs()) {
			Map<LocalDate, DayCharge> byDay = publication.charged().getOrDefault(hub, Map.of());
			for (LocalDate day = publication.from(); !day.isAfter(publication.to()); day = day.plusDays(1)) {
				DayCharge sum = byDay.getOrDefault(day, DayCharge.NONE);
				days.add(new Object[] { hub, day, folder, publication.run(), publication.runId(), false, sum.records(),
						sum.defaultRecords(), sum.quantity() });
			}
			byDay.forEach((day, sum) -> {
				if (day.isBefore(publication.from()) || day.isAfter(publication.to())) {
					days.add(new Object[] { hub, day, folder, publication.run(), publication.runId(), true,
							sum.records(), sum.defaultRecords(), sum.quantity() });
				}
			});
		}
		this.jdbc.batchUpdate("INSERT INTO HC_LEDGER_DAY (HUB, USAGE_DATE, FOLDER, RUN, RUN_ID, LATE, RECORDS,"
				+ " DEFAULT_RECORDS, QUANTITY) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", days);
		Map<Integer, Input> inputs = new HashMap<>();
		publication.inputs().forEach((input) -> inputs.put(input.fileIndex(), input));
		List<Object[]> files = new ArrayList<>();
		this.jdbc.query("SELECT DISTINCT HUB, USAGE_DATE, FILE_IDX FROM HC_RUN_ACCOUNTED WHERE RUN_ID = ?",
				(RowCallbackHandler) (rs) -> {
					Input input = inputs.get(rs.getInt(3));
					if (input == null) {
						throw new IllegalStateException("input file " + rs.getInt(3) + " is not in run "
								+ publication.runId());
					}
					LocalDate day = rs.getObject(2, LocalDate.class);
					files.add(new Object[] { rs.getString(1), day, folder, input.path(), input.sha256(),
							firstRunIds.getOrDefault(List.of(rs.getString(1), day), publication.runId()) });
				}, publication.runId());
		this.jdbc.batchUpdate("INSERT INTO HC_LEDGER_FILE (HUB, USAGE_DATE, FOLDER, PATH, SHA256, FIRST_RUN_ID)"
				+ " VALUES (?, ?, ?, ?, ?, ?)", files);
		for (Input input : publication.inputs()) {
			int updated = this.jdbc.update("UPDATE HC_LEDGER_INPUT SET HUB = ?, BYTES = ?, MODIFIED = ?, SHA256 = ?,"
					+ " RECORDS = ?, FIRST_USAGE_DATE = ?, LAST_USAGE_DATE = ?, LAST_FOLDER = ? WHERE PATH = ?",
					input.hub(), input.bytes(), input.modified(), input.sha256(), input.records(), input.firstDay(),
					input.lastDay(), folder, input.path());
			if (updated == 0) {
				this.jdbc.update("INSERT INTO HC_LEDGER_INPUT (PATH, HUB, BYTES, MODIFIED, SHA256, RECORDS,"
						+ " FIRST_USAGE_DATE, LAST_USAGE_DATE, FIRST_FOLDER, LAST_FOLDER)"
						+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", input.path(), input.hub(), input.bytes(),
						input.modified(), input.sha256(), input.records(), input.firstDay(), input.lastDay(), folder,
						folder);
			}
		}
	}

	/**
	 * @return path to what the ledger recorded of each input file of the hubs a published run read
	 */
	public Map<String, SkippedInputs.Known> knownInputs(List<String> hubs) {
		Map<String, SkippedInputs.Known> known = new HashMap<>();
		for (String hub : hubs) {
			this.jdbc.query("SELECT PATH, HUB, BYTES, MODIFIED, SHA256, RECORDS, FIRST_USAGE_DATE, LAST_USAGE_DATE"
					+ " FROM HC_LEDGER_INPUT WHERE HUB = ?",
					(RowCallbackHandler) (rs) -> known.put(rs.getString(1),
							new SkippedInputs.Known(rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
									rs.getLong(6), rs.getObject(7, LocalDate.class),
									rs.getObject(8, LocalDate.class))),
					hub);
		}
		return known;
	}

	/**
	 * @return the records of a hub's latest {@code count} usage days before {@code before}, as the folders whose ranges
	 * hold them charged them (late usage aside)
	 */
	public List<RecentDay> recentDays(String hub, LocalDate before, int count) {
		return this.jdbc.query("SELECT RECORDS, DEFAULT_RECORDS FROM HC_LEDGER_DAY WHERE HUB = ? AND USAGE_DATE < ?"
				+ " AND LATE = FALSE ORDER BY USAGE_DATE DESC LIMIT ?",
				(rs, i) -> new RecentDay(rs.getLong(1), rs.getLong(2)), hub, before, count);
	}

	/**
	 * @return the latest usage day with records that any published folder charges of a hub, or null
	 */
	public @Nullable LocalDate lastDay(String hub) {
		return this.jdbc.queryForObject("SELECT MAX(USAGE_DATE) FROM HC_LEDGER_DAY WHERE HUB = ? AND RECORDS > 0",
				LocalDate.class, hub);
	}

	/**
	 * A published day of a hub: its records, and those of them charged to its default subscription.
	 */
	public record RecentDay(long records, long defaultRecords) {
	}

	/**
	 * @return every hub's charged usage days from {@code from} to {@code to} (either may be null: open), each with
	 * the folders that charge it, the folder of its range first
	 */
	public List<LedgerDay> days(@Nullable LocalDate from, @Nullable LocalDate to) {
		return this.jdbc.query("SELECT HUB, USAGE_DATE, FOLDER, RUN, LATE, RECORDS, QUANTITY FROM HC_LEDGER_DAY"
				+ " WHERE USAGE_DATE >= ? AND USAGE_DATE <= ? ORDER BY HUB, USAGE_DATE, LATE, FOLDER",
				(rs, i) -> new LedgerDay(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getString(3),
						rs.getLong(4), rs.getBoolean(5), rs.getLong(6), rs.getBigDecimal(7)),
				(from != null) ? from : LocalDate.of(1, 1, 1), (to != null) ? to : LocalDate.of(9999, 12, 31));
	}

	/**
	 * What one folder charges of one hub's usage day.
	 *
	 * @param late whether the folder charged late usage of a day outside its range
	 */
	public record LedgerDay(String hub, LocalDate day, String folder, long run, boolean late, long records,
			BigDecimal quantity) {
	}

	/**
	 * A folder being published by run {@code run} (job instance {@code runId}) of the range {@code from..to}.
	 *
	 * @param charged hub to usage day to what the folder charges of it (days outside the range: late usage)
	 */
	public record Publication(String folder, long run, long runId, LocalDate from, LocalDate to, List<String> hubs,
			List<Input> inputs, Map<String, Map<LocalDate, DayCharge>> charged) {
	}

	/**
	 * An input file as the publishing run read it.
	 *
	 * @param modified its last-modified time when the run was prepared
	 * @param firstDay its first usage day, or null when it holds no valid record
	 */
	public record Input(int fileIndex, String path, String hub, long bytes, String modified, String sha256,
			long records, @Nullable LocalDate firstDay, @Nullable LocalDate lastDay) {
	}

	/**
	 * What a folder charged of one hub's usage day.
	 *
	 * @param defaultRecords of the records, those charged to the hub's default subscription
	 */
	public record DayCharge(long records, long defaultRecords, BigDecimal quantity) {

		static final DayCharge NONE = new DayCharge(0, 0, BigDecimal.ZERO);

	}

}

package org.hubchargeback.charging;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hubchargeback.resolution.ChargeReason;
import org.hubchargeback.run.RunStore;
import org.hubchargeback.run.StagedUsage.Outcome;
import org.hubchargeback.run.StagedUsage.Rejected;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What a usage day charged, as the run's totals ({@code HC_TOTAL}) and rejections: the one writer of a day's rows.
 * The reports and the publishing checks read them back through {@link RunStore}.
 */
@Component
public class DayTotalsStore {

	private final JdbcTemplate jdbc;

	private final RunStore store;

	public DayTotalsStore(JdbcTemplate jdbc, RunStore store) {
		this.jdbc = jdbc;
		this.store = store;
	}

	/**
	 * Replaces a usage day's rows: what it charged, the duplicates it found, the conflicting repeats it rejected and the
	 * input files it charged records of.
	 * Called in the day's step transaction, so a re-run day replaces its rows whole.
	 */
	public void replaceDay(long runId, String bucket, LocalDate day, String hub, Map<TotalKey, Sum> charged,
			Map<TotalKey, Sum> duplicates, List<Rejected> conflicts, List<Integer> accountedFiles) {
		this.jdbc.update("DELETE FROM HC_TOTAL WHERE RUN_ID = ? AND BUCKET = ?", runId, bucket);
		List<Object[]> args = new ArrayList<>();
		charged.forEach((k, sum) -> args.add(totalRow(runId, bucket, day, hub, k, outcome(k), sum, sum.lines())));
		duplicates.forEach((k, sum) -> args.add(totalRow(runId, bucket, day, hub, k, Outcome.DUPLICATE, sum, 0)));
		this.jdbc.batchUpdate("INSERT INTO HC_TOTAL (RUN_ID, BUCKET, USAGE_DATE, HUB, TENANT_ID, HUB_SUBSCRIPTION_ID,"
				+ " METER_ID, CHARGED_SUBSCRIPTION_ID, CHARGE_REASON, DEFAULT_REASON, OUTCOME, RECORDS, QUANTITY,"
				+ " LINES, COST, COST_EXACT, FIRST_START, LAST_END)"
				+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", args);
		this.store.deleteRejected(runId, bucket);
		this.store.insertRejected(runId, conflicts, bucket);
		// the files whose records of the day this run accounted for: the ledger's, once the run is published
		this.jdbc.update("DELETE FROM HC_RUN_ACCOUNTED WHERE RUN_ID = ? AND BUCKET = ?", runId, bucket);
		this.jdbc.batchUpdate("INSERT INTO HC_RUN_ACCOUNTED (RUN_ID, BUCKET, HUB, USAGE_DATE, FILE_IDX)"
				+ " VALUES (?, ?, ?, ?, ?)",
				accountedFiles.stream().map((file) -> new Object[] { runId, bucket, hub, day, file }).toList());
	}

	private static Object[] totalRow(long runId, String bucket, LocalDate day, String hub, TotalKey k,
			Outcome outcome, Sum sum, long lines) {
		return new Object[] { runId, bucket, day, hub, k.tenantId(), k.hubSubscriptionId(), k.meterId(),
				k.chargedSubscriptionId(), k.reason().name(),
				(k.defaultReason() != null) ? k.defaultReason().name() : "", outcome.name(), sum.records(),
				sum.quantity(), lines, (lines > 0) ? sum.cost() : null, (lines > 0) ? sum.costExact() : null,
				utc(sum.firstStart()), utc(sum.lastEnd()) };
	}

	private static Outcome outcome(TotalKey k) {
		return (k.reason() == ChargeReason.REGISTERED) ? Outcome.REGISTERED : Outcome.DEFAULT;
	}

	private static LocalDateTime utc(Instant instant) {
		return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}

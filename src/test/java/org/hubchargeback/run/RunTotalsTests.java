package org.hubchargeback.run;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import org.flywaydb.core.Flyway;
import org.hubchargeback.run.RunTotals.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A run's totals summed in one pass: the same figures, in the same order and scale, as the aggregate queries over
 * {@code HC_TOTAL} they replaced (kept here as the reference).
 */
class RunTotalsTests {

	static final LocalDate FROM = LocalDate.parse("2026-10-01");

	static final LocalDate TO = LocalDate.parse("2026-10-03");

	static final UnaryOperator<BigDecimal> H2 = (sum) -> (sum.signum() == 0) ? BigDecimal.ZERO
			: sum.stripTrailingZeros();

	static final String CHARGED = "OUTCOME IN ('REGISTERED', 'DEFAULT')";

	@Test
	void countsEveryOutcomeAndChargesOnlyRegisteredAndDefaultUsage() {
		RunTotals totals = RunTotals.builder(FROM, TO, H2)
			.add(charged("hub-a", "2026-10-01", "sub-1", "REGISTERED", "vm", "2.50", 3, "1.25"))
			.add(charged("hub-a", "2026-10-02", "sub-1", "REGISTERED", "vm", "1.50", 2, null))
			.add(new Row("hub-a", null, null, null, "vm", null, null, null, "OUT_OF_RANGE", 4, new BigDecimal("9"), 0,
					null, null, null, null))
			.add(duplicate("hub-a", "2026-10-01", "vm", "0.5"))
			.rejected("hub-a", 2)
			.rejected("hub-b", 1)
			.build();

		assertThat(totals.outcomeCounts()).isEqualTo(Map.of("hub-a",
				Map.of("REGISTERED", 5L, "OUT_OF_RANGE", 4L, "DUPLICATE", 1L, "REJECTED", 2L), "hub-b",
				Map.of("REJECTED", 1L)));
		assertThat(totals.outcomeQuantities().get("hub-a").get("vm")).containsOnly(
				Map.entry("REGISTERED", new BigDecimal("4")), Map.entry("OUT_OF_RANGE", new BigDecimal("9")),
				Map.entry("DUPLICATE", new BigDecimal("0.5")));
		assertThat(totals.chargedSubscriptions()).containsExactly("sub-1");
		RunTotals.ChargedTotal vm = totals.chargedTotals().get(0);
		// H2's sums have no trailing zeros: 2.50 + 1.50 is 4
		assertThat(vm.quantity()).isEqualTo(new BigDecimal("4"));
		assertThat(vm.cost()).isEqualTo(new BigDecimal("1.25"));
		assertThat(vm.unpricedQuantity()).isEqualTo(new BigDecimal("1.5"));
		assertThat(vm.firstDay()).isEqualTo(FROM);
		assertThat(vm.lastDay()).isEqualTo(FROM.plusDays(1));
		assertThat(totals.missingPrices()).singleElement()
			.satisfies((missing) -> assertThat(missing.firstDay()).isEqualTo(FROM.plusDays(1)));
	}

	@Test
	void sumsKeepTheLargestScaleWhereTheDatabaseDoes() {
		RunTotals totals = RunTotals.builder(FROM, TO, UnaryOperator.identity())
			.add(charged("hub-a", "2026-10-01", "sub-1", "REGISTERED", "vm", "2.50", 1, "1.10"))
			.add(charged("hub-a", "2026-10-01", "sub-1", "REGISTERED", "vm", "1.500", 1, "0.90"))
			.build();

		assertThat(totals.chargedTotals().get(0).quantity()).hasToString("4.000");
		assertThat(totals.chargedTotals().get(0).cost()).hasToString("2.00");
		// nothing unpriced: zero, as COALESCE(SUM(...), 0) gave
		assertThat(totals.chargedTotals().get(0).unpricedQuantity()).isSameAs(BigDecimal.ZERO);
	}

	@Test
	void usageOfDaysOutsideTheRangeIsLateAndNotPartOfTheRangesDays() {
		RunTotals totals = RunTotals.builder(FROM, TO, H2)
			.add(charged("hub-a", "2026-10-02", "sub-1", "REGISTERED", "vm", "1", 1, null))
			.add(charged("hub-a", "2026-09-30", "sub-1", "REGISTERED", "vm", "2", 5, null))
			.add(charged("hub-b", "2026-10-04", "sub-2", "DEFAULT", "vm", "3", 7, null))
			.build();

		assertThat(totals.lateUsage()).extracting(RunTotals.LateUsage::hub, RunTotals.LateUsage::day,
				RunTotals.LateUsage::records)
			.containsExactly(org.assertj.core.api.Assertions.tuple("hub-a", LocalDate.parse("2026-09-30"), 5L),
					org.assertj.core.api.Assertions.tuple("hub-b", LocalDate.parse("2026-10-04"), 7L));
		assertThat(totals.hubUsage()).containsOnlyKeys("hub-a");
		assertThat(totals.hubUsage().get("hub-a").days()).containsExactly(LocalDate.parse("2026-10-02"));
		assertThat(totals.chargedRecordsPerDay()).isEqualTo(Map.of("hub-a", Map.of(LocalDate.parse("2026-10-02"), 1L)));
		assertThat(totals.defaultRecords()).isEqualTo(Map.of("hub-a", 0L));
		// the ledger records late days too
		assertThat(totals.hubDays().get("hub-b")).containsOnlyKeys(LocalDate.parse("2026-10-04"));
	}

	@Test
	void aChargedTotalWithoutItsSubscriptionIsRefused() {
		Row row = new Row("hub-a", FROM, "", "", "vm", null, "REGISTERED", "", "REGISTERED", 1, BigDecimal.ONE, 1, null,
				null, Instant.EPOCH, Instant.EPOCH);

		assertThatIllegalStateException().isThrownBy(() -> RunTotals.builder(FROM, TO, H2).add(row))
			.withMessageContaining("charged subscription");
	}

	/**
	 * Random rows in the job's own H2 tables: every figure as the queries gave it, to the scale and the order.
	 */
	@ParameterizedTest
	@ValueSource(longs = { 1, 2, 3 })
	void oneSumOfTheRowsGivesWhatTheAggregateQueriesGave(long seed) {
		// results past 100 rows are held on disk, as a large run's are in the job's heap: the totals are streamed
		DriverManagerDataSource dataSource = new DriverManagerDataSource(
				"jdbc:h2:mem:run-totals-" + seed + ";DB_CLOSE_DELAY=-1;MAX_MEMORY_ROWS=100", "sa", "");
		Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/migration/h2")
			.baselineOnMigrate(true)
			.baselineVersion("0")
			.load()
			.migrate();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		long runId = 7;
		insertRandomRows(jdbc, runId, new Random(seed));
		// another run's rows are not this run's
		insertRandomRows(jdbc, runId + 1, new Random(seed + 100));

		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM HC_TOTAL WHERE RUN_ID = ?", Integer.class, runId))
			.isGreaterThan(100);

		RunTotals totals = new RunStore(jdbc).totals(runId, FROM, TO);

		assertThat(totals.outcomeCounts()).isEqualTo(Reference.outcomeCounts(jdbc, runId));
		assertThat(totals.outcomeQuantities()).isEqualTo(Reference.outcomeQuantities(jdbc, runId));
		assertThat(totals.chargedSubscriptions()).isEqualTo(jdbc.queryForList("SELECT DISTINCT"
				+ " CHARGED_SUBSCRIPTION_ID FROM HC_TOTAL WHERE RUN_ID = ? AND " + CHARGED
				+ " ORDER BY CHARGED_SUBSCRIPTION_ID", String.class, runId));
		assertThat(totals.chargedTotals()).isEqualTo(Reference.chargedTotals(jdbc, runId));
		assertThat(totals.defaultUsage()).isEqualTo(Reference.defaultUsage(jdbc, runId));
		assertThat(totals.dayTotals()).isEqualTo(jdbc.query("SELECT USAGE_DATE, SUM(RECORDS), SUM(COST) FROM HC_TOTAL"
				+ " WHERE RUN_ID = ? AND " + CHARGED + " GROUP BY USAGE_DATE ORDER BY USAGE_DATE",
				(rs, i) -> new RunTotals.DayTotal(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getBigDecimal(3)),
				runId));
		assertThat(totals.hubUsage()).isEqualTo(Reference.hubUsage(jdbc, runId));
		assertThat(totals.chargedRecordsPerDay()).isEqualTo(Reference.chargedRecordsPerDay(jdbc, runId));
		assertThat(totals.defaultRecords()).isEqualTo(Reference.defaultRecords(jdbc, runId, totals));
		assertThat(totals.expectedChargebackFiles()).isEqualTo(Reference.expectedFiles(jdbc, runId));
		assertThat(totals.chargebackFileCosts()).isEqualTo(Reference.fileCosts(jdbc, runId));
		assertThat(totals.missingPrices()).isEqualTo(Reference.missingPrices(jdbc, runId));
		assertThat(totals.lateUsage()).isEqualTo(Reference.lateUsage(jdbc, runId));
		assertThat(totals.lateUsage()).isNotEmpty();
		assertThat(totals.missingPrices()).isNotEmpty();
		assertThat(totals.defaultUsage()).isNotEmpty();
	}

	private static void insertRandomRows(JdbcTemplate jdbc, long runId, Random random) {
		String[] hubs = { "hub-b", "hub-a", "hub-c" };
		String[] subscriptions = { "c0000000-0000-4000-8000-000000000002", "a0000000-0000-4000-8000-000000000001",
				"dd000000-0000-4000-8000-0000000000dd" };
		String[] meters = { "fab6eb84-500b-4a09-a8ca-7358f8bbaea5", "b9ff3cd0-28aa-4762-84bb-fe5bbaf6ce8b",
				"09f8879e-87e9-4305-a572-4b7bf6d85b0d" };
		String[] tenants = { "", "7e000000-0000-4000-8000-000000000001", "7e000000-0000-4000-8000-000000000002" };
		String[] quantities = { "1.50", "2.5", "0", "0.000", "100", "1E+3", "12.345678901234567890", "0.1" };
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < 400; i++) {
			String hub = hubs[random.nextInt(hubs.length)];
			String meter = meters[random.nextInt(meters.length)];
			BigDecimal quantity = new BigDecimal(quantities[random.nextInt(quantities.length)]);
			int kind = random.nextInt(10);
			if (kind == 0) {
				rows.add(new Object[] { runId, "file:1", null, hub, null, null, meter, null, null, null, "OUT_OF_RANGE",
						1 + random.nextInt(5), quantity, 0, null, null, null, null });
				continue;
			}
			LocalDate day = FROM.plusDays(random.nextInt(6) - 1);
			boolean registered = kind < 6;
			String outcome = (kind == 9) ? "DUPLICATE" : registered ? "REGISTERED" : "DEFAULT";
			String subscription = registered ? subscriptions[random.nextInt(2)] : subscriptions[2];
			String defaultReason = registered ? ""
					: random.nextBoolean() ? "TENANT_NOT_REGISTERED" : "SUBSCRIPTION_WITHOUT_TENANT";
			boolean priced = random.nextInt(4) > 0;
			BigDecimal cost = priced ? quantity.multiply(new BigDecimal("0.0123")).setScale(2, java.math.RoundingMode.HALF_EVEN)
					: null;
			BigDecimal costExact = priced ? quantity.multiply(new BigDecimal("0.0123")) : null;
			LocalDateTime start = day.atStartOfDay().plusHours(random.nextInt(23));
			rows.add(new Object[] { runId, "day:" + day + ":" + hub, day, hub, tenants[random.nextInt(tenants.length)],
					"5e000000-0000-4000-8000-00000000000" + random.nextInt(3), meter, subscription,
					registered ? "REGISTERED" : "DEFAULT", defaultReason, outcome, 1 + random.nextInt(24), quantity,
					outcome.equals("DUPLICATE") ? 0 : 1, cost, costExact, start, start.plusHours(1) });
		}
		jdbc.batchUpdate("INSERT INTO HC_TOTAL (RUN_ID, BUCKET, USAGE_DATE, HUB, TENANT_ID, HUB_SUBSCRIPTION_ID,"
				+ " METER_ID, CHARGED_SUBSCRIPTION_ID, CHARGE_REASON, DEFAULT_REASON, OUTCOME, RECORDS, QUANTITY,"
				+ " LINES, COST, COST_EXACT, FIRST_START, LAST_END)"
				+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
		jdbc.update("INSERT INTO HC_INPUT_FILE (RUN_ID, FILE_IDX, HUB, PATH, DISPLAY_NAME, MODIFIED, BYTES)"
				+ " VALUES (?, 1, 'hub-a', 'x.csv', 'x.csv', '', 0)", runId);
		for (int seq = 0; seq < 3; seq++) {
			jdbc.update("INSERT INTO HC_REJECTED (RUN_ID, SEQ, FILE_IDX, LINE, HUB, FIELD, REASON, RAW_LINE, BUCKET)"
					+ " VALUES (?, ?, 1, ?, ?, 'Quantity', 'bad', '', 'file:1')", runId, seq, seq + 2, hubs[seq % 2]);
		}
	}

	private static Row charged(String hub, String day, String subscription, String reason, String meter,
			String quantity, long records, String cost) {
		LocalDate date = LocalDate.parse(day);
		Instant start = date.atStartOfDay().toInstant(ZoneOffset.UTC);
		return new Row(hub, date, "t", "s", meter, subscription, reason,
				"DEFAULT".equals(reason) ? "TENANT_NOT_REGISTERED" : "", reason, records, new BigDecimal(quantity), 1,
				(cost != null) ? new BigDecimal(cost) : null, (cost != null) ? new BigDecimal(cost) : null, start,
				start.plusSeconds(3600));
	}

	private static Row duplicate(String hub, String day, String meter, String quantity) {
		return new Row(hub, LocalDate.parse(day), "t", "s", meter, "sub-1", "REGISTERED", "", "DUPLICATE", 1,
				new BigDecimal(quantity), 0, null, null, Instant.EPOCH, Instant.EPOCH);
	}

	/**
	 * The queries each figure came from before it was summed in one pass.
	 */
	static final class Reference {

		static Map<String, Map<String, Long>> outcomeCounts(JdbcTemplate jdbc, long runId) {
			Map<String, Map<String, Long>> counts = new TreeMap<>();
			RowCallbackHandler add = (rs) -> counts.computeIfAbsent(rs.getString(1), (k) -> new TreeMap<>())
				.merge(rs.getString(2), rs.getLong(3), Long::sum);
			jdbc.query("SELECT HUB, OUTCOME, SUM(RECORDS) FROM HC_TOTAL WHERE RUN_ID = ? GROUP BY HUB, OUTCOME", add,
					runId);
			jdbc.query("SELECT HUB, 'REJECTED', COUNT(*) FROM HC_REJECTED WHERE RUN_ID = ? GROUP BY HUB", add, runId);
			return counts;
		}

		static Map<String, Map<String, Map<String, BigDecimal>>> outcomeQuantities(JdbcTemplate jdbc, long runId) {
			Map<String, Map<String, Map<String, BigDecimal>>> sums = new TreeMap<>();
			jdbc.query("SELECT HUB, METER_ID, OUTCOME, SUM(QUANTITY) FROM HC_TOTAL WHERE RUN_ID = ?"
					+ " GROUP BY HUB, METER_ID, OUTCOME",
					(RowCallbackHandler) (rs) -> sums.computeIfAbsent(rs.getString(1), (k) -> new TreeMap<>())
						.computeIfAbsent(rs.getString(2), (k) -> new TreeMap<>())
						.put(rs.getString(3), rs.getBigDecimal(4)),
					runId);
			return sums;
		}

		static List<RunTotals.ChargedTotal> chargedTotals(JdbcTemplate jdbc, long runId) {
			return jdbc.query("SELECT CHARGED_SUBSCRIPTION_ID, CHARGE_REASON, METER_ID, HUB, SUM(QUANTITY),"
					+ " SUM(RECORDS), MIN(USAGE_DATE), MAX(USAGE_DATE), SUM(COST),"
					+ " COALESCE(SUM(CASE WHEN COST IS NULL THEN QUANTITY END), 0) FROM HC_TOTAL WHERE RUN_ID = ? AND "
					+ CHARGED + " GROUP BY CHARGED_SUBSCRIPTION_ID, CHARGE_REASON, METER_ID, HUB"
					+ " ORDER BY CHARGED_SUBSCRIPTION_ID, CHARGE_REASON, METER_ID, HUB",
					(rs, i) -> new RunTotals.ChargedTotal(rs.getString(1), rs.getString(2), rs.getString(3),
							rs.getString(4), rs.getBigDecimal(5), rs.getLong(6), rs.getObject(7, LocalDate.class),
							rs.getObject(8, LocalDate.class), rs.getBigDecimal(9), rs.getBigDecimal(10)),
					runId);
		}

		static List<RunTotals.DefaultUsage> defaultUsage(JdbcTemplate jdbc, long runId) {
			return jdbc.query("SELECT HUB, DEFAULT_REASON, TENANT_ID, HUB_SUBSCRIPTION_ID, METER_ID,"
					+ " CHARGED_SUBSCRIPTION_ID, SUM(RECORDS), SUM(QUANTITY), MIN(FIRST_START), MAX(LAST_END),"
					+ " SUM(COST) FROM HC_TOTAL WHERE RUN_ID = ? AND OUTCOME = 'DEFAULT' GROUP BY HUB, DEFAULT_REASON,"
					+ " TENANT_ID, HUB_SUBSCRIPTION_ID, METER_ID, CHARGED_SUBSCRIPTION_ID ORDER BY HUB,"
					+ " DEFAULT_REASON, TENANT_ID, HUB_SUBSCRIPTION_ID, METER_ID",
					(rs, i) -> new RunTotals.DefaultUsage(rs.getString(1), rs.getString(2), rs.getString(3),
							rs.getString(4), rs.getString(5), rs.getString(6), rs.getLong(7), rs.getBigDecimal(8),
							rs.getObject(9, LocalDateTime.class).toInstant(ZoneOffset.UTC),
							rs.getObject(10, LocalDateTime.class).toInstant(ZoneOffset.UTC), rs.getBigDecimal(11)),
					runId);
		}

		static Map<String, RunTotals.HubUsage> hubUsage(JdbcTemplate jdbc, long runId) {
			Map<String, RunTotals.HubUsage> usage = new TreeMap<>();
			jdbc.query("SELECT HUB, USAGE_DATE, SUM(RECORDS), SUM(CASE WHEN DEFAULT_REASON ="
					+ " 'SUBSCRIPTION_WITHOUT_TENANT' THEN RECORDS ELSE 0 END), MAX(LAST_END) FROM HC_TOTAL"
					+ " WHERE RUN_ID = ? AND " + CHARGED + " AND USAGE_DATE BETWEEN ? AND ? GROUP BY HUB, USAGE_DATE",
					(RowCallbackHandler) (rs) -> usage.merge(rs.getString(1),
							new RunTotals.HubUsage(rs.getLong(3), rs.getLong(4),
									new TreeSet<>(Set.of(rs.getObject(2, LocalDate.class))),
									rs.getObject(5, LocalDateTime.class).toInstant(ZoneOffset.UTC)),
							(a, b) -> {
								Set<LocalDate> days = new TreeSet<>(a.days());
								days.addAll(b.days());
								return new RunTotals.HubUsage(a.chargedRecords() + b.chargedRecords(),
										a.withoutTenantRecords() + b.withoutTenantRecords(), days,
										(b.lastUsageEnd().isAfter(a.lastUsageEnd())) ? b.lastUsageEnd()
												: a.lastUsageEnd());
							}),
					runId, FROM, TO);
			return usage;
		}

		static Map<String, Map<LocalDate, Long>> chargedRecordsPerDay(JdbcTemplate jdbc, long runId) {
			Map<String, Map<LocalDate, Long>> perDay = new TreeMap<>();
			jdbc.query("SELECT HUB, USAGE_DATE, SUM(RECORDS) FROM HC_TOTAL WHERE RUN_ID = ? AND " + CHARGED
					+ " AND USAGE_DATE BETWEEN ? AND ? GROUP BY HUB, USAGE_DATE",
					(RowCallbackHandler) (rs) -> perDay.computeIfAbsent(rs.getString(1), (k) -> new TreeMap<>())
						.put(rs.getObject(2, LocalDate.class), rs.getLong(3)),
					runId, FROM, TO);
			return perDay;
		}

		/**
		 * The query left out a hub with no default records in the range; the one pass says 0 (read as 0 either way).
		 */
		static Map<String, Long> defaultRecords(JdbcTemplate jdbc, long runId, RunTotals totals) {
			Map<String, Long> records = new TreeMap<>();
			totals.hubUsage().keySet().forEach((hub) -> records.put(hub, 0L));
			jdbc.query("SELECT HUB, SUM(RECORDS) FROM HC_TOTAL WHERE RUN_ID = ? AND OUTCOME = 'DEFAULT'"
					+ " AND USAGE_DATE BETWEEN ? AND ? GROUP BY HUB",
					(RowCallbackHandler) (rs) -> records.put(rs.getString(1), rs.getLong(2)), runId, FROM, TO);
			return records;
		}

		static Map<String, RunTotals.ExpectedFile> expectedFiles(JdbcTemplate jdbc, long runId) {
			Map<String, RunTotals.ExpectedFile> files = new TreeMap<>();
			jdbc.query("SELECT CHARGED_SUBSCRIPTION_ID, SUM(LINES), SUM(QUANTITY) FROM HC_TOTAL WHERE RUN_ID = ? AND "
					+ CHARGED + " GROUP BY CHARGED_SUBSCRIPTION_ID", (RowCallbackHandler) (rs) -> files
						.put(rs.getString(1), new RunTotals.ExpectedFile(rs.getLong(2), rs.getBigDecimal(3))),
					runId);
			return files;
		}

		static Map<String, RunTotals.FileCost> fileCosts(JdbcTemplate jdbc, long runId) {
			Map<String, RunTotals.FileCost> files = new TreeMap<>();
			jdbc.query("SELECT CHARGED_SUBSCRIPTION_ID, SUM(COST), SUM(COST_EXACT), MAX(USAGE_DATE),"
					+ " SUM(CASE WHEN COST IS NULL THEN LINES ELSE 0 END), SUM(CASE WHEN COST IS NULL THEN QUANTITY END)"
					+ " FROM HC_TOTAL WHERE RUN_ID = ? AND " + CHARGED + " GROUP BY CHARGED_SUBSCRIPTION_ID",
					(RowCallbackHandler) (rs) -> files.put(rs.getString(1),
							new RunTotals.FileCost(zeroIfNull(rs.getBigDecimal(2)), zeroIfNull(rs.getBigDecimal(3)),
									rs.getObject(4, LocalDate.class), rs.getLong(5),
									zeroIfNull(rs.getBigDecimal(6)))),
					runId);
			return files;
		}

		static List<RunTotals.MissingPrice> missingPrices(JdbcTemplate jdbc, long runId) {
			return jdbc.query("SELECT METER_ID, CHARGED_SUBSCRIPTION_ID, MIN(USAGE_DATE), MAX(USAGE_DATE), SUM(LINES),"
					+ " SUM(QUANTITY), SUM(RECORDS) FROM HC_TOTAL WHERE RUN_ID = ? AND " + CHARGED
					+ " AND COST IS NULL GROUP BY METER_ID, CHARGED_SUBSCRIPTION_ID"
					+ " ORDER BY METER_ID, CHARGED_SUBSCRIPTION_ID",
					(rs, i) -> new RunTotals.MissingPrice(rs.getString(1), rs.getString(2),
							rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class), rs.getLong(5),
							rs.getBigDecimal(6), rs.getLong(7)),
					runId);
		}

		static List<RunTotals.LateUsage> lateUsage(JdbcTemplate jdbc, long runId) {
			return jdbc.query("SELECT HUB, USAGE_DATE, CHARGED_SUBSCRIPTION_ID, CHARGE_REASON, METER_ID,"
					+ " SUM(RECORDS), SUM(QUANTITY), SUM(COST) FROM HC_TOTAL WHERE RUN_ID = ? AND " + CHARGED
					+ " AND (USAGE_DATE < ? OR USAGE_DATE > ?)"
					+ " GROUP BY HUB, USAGE_DATE, CHARGED_SUBSCRIPTION_ID, CHARGE_REASON, METER_ID"
					+ " ORDER BY HUB, USAGE_DATE, CHARGED_SUBSCRIPTION_ID, CHARGE_REASON, METER_ID",
					(rs, i) -> new RunTotals.LateUsage(rs.getString(1), rs.getObject(2, LocalDate.class),
							rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6), rs.getBigDecimal(7),
							rs.getBigDecimal(8)),
					runId, FROM, TO);
		}

		private static BigDecimal zeroIfNull(BigDecimal value) {
			return (value != null) ? value : BigDecimal.ZERO;
		}

	}

}

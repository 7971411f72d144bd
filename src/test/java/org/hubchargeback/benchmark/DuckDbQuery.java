package org.hubchargeback.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a data engineer would pick instead: DuckDB reading the same exports and summing the quantity per (day,
 * subscription, meter) with one GROUP BY. Needs the {@code benchmark} Maven profile (the DuckDB JDBC driver).
 */
public final class DuckDbQuery {

	private DuckDbQuery() {
	}

	/**
	 * Whether the installation has exports of a layout (a glob matching no file is an error to DuckDB).
	 */
	private static boolean exist(String dir, String prefix) throws IOException {
		try (Stream<Path> files = Files.walk(Path.of(dir))) {
			return files.anyMatch((p) -> p.getFileName().toString().startsWith(prefix)
					&& p.getParent().getFileName().toString().equals("usage"));
		}
	}

	public static void main(String[] args) throws SQLException, IOException {
		String dir = args[0];
		List<String> sources = new ArrayList<>();
		if (exist(dir, "usage-")) {
			sources.add("SELECT CAST(CAST(UsageStartTime AS TIMESTAMP) AS DATE) AS day, SubscriptionId AS subscription,"
					+ " MeterId AS meter, Quantity AS quantity FROM read_csv('" + dir + "/*/usage/usage-*.csv',"
					+ " all_varchar = true, header = true)");
		}
		if (exist(dir, "UsageSummary")) {
			sources.add("SELECT CAST(strptime(UsageStartTime, '%m/%d/%Y %I:%M:%S %p') AS DATE) AS day, subscription,"
					+ " MeterId AS meter, Quantity AS quantity FROM read_csv('" + dir + "/*/usage/UsageSummary*.csv',"
					+ " all_varchar = true, header = true)");
		}
		String sql = "SELECT COUNT(*) AS groups, SUM(n) AS records FROM (SELECT day, subscription, meter, COUNT(*) AS n,"
				+ " SUM(TRY_CAST(quantity AS DECIMAL(38, 10))) AS quantity FROM (" + String.join(" UNION ALL ", sources)
				+ ") GROUP BY day, subscription, meter)";
		try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
				Statement statement = connection.createStatement()) {
			statement.execute("SET memory_limit = '512MB'");
			statement.execute("SET threads = 2");
			try (ResultSet rs = statement.executeQuery(sql)) {
				rs.next();
				System.out.println("duckdb: " + rs.getLong(2) + " rows, " + rs.getLong(1)
						+ " (day, subscription, meter) sums");
			}
		}
	}

}

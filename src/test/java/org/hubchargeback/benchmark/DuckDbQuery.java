package org.hubchargeback.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What a data engineer would pick instead: DuckDB reading the same exports and summing the quantity per (day,
 * subscription, meter) with one GROUP BY. Needs the {@code benchmark} Maven profile (the DuckDB JDBC driver).
 */
public final class DuckDbQuery {

	private DuckDbQuery() {
	}

	public static void main(String[] args) throws SQLException {
		String dir = args[0];
		String sql = "SELECT COUNT(*) AS groups, SUM(n) AS records FROM (SELECT day, subscription, meter, COUNT(*) AS n,"
				+ " SUM(TRY_CAST(quantity AS DECIMAL(38, 10))) AS quantity FROM ("
				+ " SELECT CAST(CAST(UsageStartTime AS TIMESTAMP) AS DATE) AS day, SubscriptionId AS subscription,"
				+ " MeterId AS meter, Quantity AS quantity FROM read_csv('" + dir + "/*/usage/usage-*.csv',"
				+ " all_varchar = true, header = true)"
				+ " UNION ALL SELECT CAST(strptime(UsageStartTime, '%m/%d/%Y %I:%M:%S %p') AS DATE), subscription,"
				+ " MeterId, Quantity FROM read_csv('" + dir + "/*/usage/UsageSummary-*.csv', all_varchar = true,"
				+ " header = true)) GROUP BY day, subscription, meter)";
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

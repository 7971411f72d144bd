package org.hubchargeback.run;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.hubchargeback.OneHub;
import org.hubchargeback.Workspace;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hubchargeback.OneHub.BASE_VM;
import static org.hubchargeback.OneHub.DEFAULT;
import static org.hubchargeback.OneHub.LOCAL;

/**
 * An H2 job database made before Flyway, by the schema script every start used to run, is migrated to the tables of
 * a new database and keeps its registration snapshots.
 */
class SchemaMigrationTests {

	@TempDir
	Path dir;

	@ParameterizedTest
	@ValueSource(strings = { "558c10f", "7f6432f" })
	void databaseMadeBeforeFlywayGetsTheTablesOfANewOneAndKeepsItsSnapshots(String version) throws SQLException {
		// given a job database as that version left it: Spring Batch's tables, the job's of the time, a snapshot
		Workspace old = workspace("old");
		try (Connection connection = old.connect()) {
			ScriptUtils.executeSqlScript(connection,
					new ClassPathResource("org/springframework/batch/core/schema-h2.sql"));
			ScriptUtils.executeSqlScript(connection,
					new ClassPathResource("org/hubchargeback/run/schema-h2-" + version + ".sql"));
			connection.createStatement()
				.execute("INSERT INTO HC_REGISTRATION_SNAPSHOT (HUB, SOURCE, API_VERSION, FETCHED_AT, SHA256,"
						+ " DEFAULT_SUBSCRIPTION_ID) VALUES ('east', 'old.json', 'file',"
						+ " TIMESTAMP '2026-11-01 00:00:00', REPEAT('0', 64), '" + DEFAULT + "')");
		}
		Workspace fresh = workspace("new");

		// when
		assertThat(old.run("--from=2026-11-16").exitCode()).isZero();
		assertThat(fresh.run("--from=2026-11-16").exitCode()).isZero();

		// then
		assertThat(rows(old, "SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, IS_NULLABLE, COLUMN_DEFAULT"
				+ " FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME LIKE 'HC\\_%' ORDER BY 1, 2"))
			.isEqualTo(rows(fresh, "SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, IS_NULLABLE, COLUMN_DEFAULT"
					+ " FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME LIKE 'HC\\_%' ORDER BY 1, 2"))
			.contains("HC_TOTAL COST DECFLOAT YES null", "HC_INPUT_FILE MODIFIED CHARACTER VARYING NO ''");
		String indexes = "SELECT TABLE_NAME, INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE INDEX_NAME LIKE 'HC\\_%'"
				+ " ORDER BY 1, 2";
		assertThat(rows(old, indexes)).isEqualTo(rows(fresh, indexes));
		assertThat(rows(old, "SELECT SNAPSHOT_ID, SOURCE FROM HC_REGISTRATION_SNAPSHOT ORDER BY 1")).first()
			.isEqualTo("1 old.json");
		assertThat(rows(old, "SELECT \"version\", \"type\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL"
				+ " ORDER BY \"installed_rank\"")).containsExactly("0 BASELINE", "1 SQL", "2 SQL", "20 SQL", "21 SQL", "22 SQL");
		// a snapshot stored before the registration resource's cloudId and billing model were kept is read as it was
		assertThat(old.run("--list-snapshots").stdout()).contains("\n1,east,2026-11-01T00:00:00Z,file,0,");
	}

	private Workspace workspace(String name) {
		Workspace workspace = OneHub.workspace(this.dir.resolve(name));
		workspace.write("east/usage/a.csv", "UsageStartTime,UsageEndTime,SubscriptionId,MeterId,Quantity,ResourceUri\n"
				+ String.join(",", "2026-11-16T00:00:00Z", "2026-11-16T01:00:00Z", LOCAL, BASE_VM, "1",
						"/subscriptions/" + LOCAL + "/r") + "\n");
		return workspace;
	}

	/**
	 * @return each row's columns joined by spaces
	 */
	private static List<String> rows(Workspace workspace, String sql) throws SQLException {
		List<String> rows = new ArrayList<>();
		try (Connection connection = workspace.connect();
				ResultSet rs = connection.createStatement().executeQuery(sql)) {
			while (rs.next()) {
				List<String> columns = new ArrayList<>();
				for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
					columns.add(String.valueOf(rs.getString(i)));
				}
				rows.add(String.join(" ", columns));
			}
		}
		return rows;
	}

}

package org.hubchargeback;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A PostgreSQL schema of its own for one test, made before it and dropped after it, so that tests on the shared
 * server start empty and leave nothing behind. Register it with {@code @RegisterExtension}, or {@link #create} it in
 * a try-with-resources block.
 * <p>
 * The server is {@code HUB_CHARGEBACK_TEST_DB_URL} ({@code jdbc:postgresql://127.0.0.1:5432/test} by default, user
 * {@code HUB_CHARGEBACK_TEST_DB_USER}, default {@code postgres}, password {@code HUB_CHARGEBACK_TEST_DB_PASSWORD}).
 * When it cannot be reached the test is skipped, unless {@code CI=true}: CI has PostgreSQL, and a test that skips there
 * would hide a broken server.
 */
public final class PostgresSchema implements BeforeEachCallback, AfterEachCallback, AutoCloseable {

	static final String SERVER = env("HUB_CHARGEBACK_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");

	static final String USER = env("HUB_CHARGEBACK_TEST_DB_USER", "postgres");

	static final String PASSWORD = env("HUB_CHARGEBACK_TEST_DB_PASSWORD", "");

	private String name;

	public static PostgresSchema create() {
		PostgresSchema schema = new PostgresSchema();
		schema.open();
		return schema;
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		open();
	}

	@Override
	public void afterEach(ExtensionContext context) {
		close();
	}

	private void open() {
		String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		String server = withOption(SERVER, "connectTimeout=5");
		try (Connection connection = DriverManager.getConnection(server, USER, PASSWORD);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA " + name);
		}
		catch (SQLException ex) {
			String reason = "PostgreSQL is unreachable at " + SERVER + " (" + ex.getMessage() + ")";
			if ("true".equals(System.getenv("CI"))) {
				throw new IllegalStateException(reason + "; CI=true needs it", ex);
			}
			Assumptions.abort(reason);
		}
		this.name = name;
	}

	/**
	 * @return the JDBC URL of the schema: its tables are the only ones the connection sees
	 */
	public String url() {
		return withOption(SERVER, "currentSchema=" + this.name);
	}

	/**
	 * @return the command-line arguments that run the application on this schema
	 */
	public List<String> args() {
		return List.of("--spring.profiles.active=postgres", "--spring.datasource.url=" + url(),
				"--spring.datasource.username=" + USER, "--spring.datasource.password=" + PASSWORD);
	}

	public Connection connect() throws SQLException {
		return DriverManager.getConnection(url(), USER, PASSWORD);
	}

	/**
	 * @return a data source that opens a new connection to the schema at each call
	 */
	public DataSource dataSource() {
		return new DriverManagerDataSource(url(), USER, PASSWORD);
	}

	@Override
	public void close() {
		if (this.name == null) {
			return;
		}
		try (Connection connection = DriverManager.getConnection(SERVER, USER, PASSWORD);
				Statement statement = connection.createStatement()) {
			statement.execute("DROP SCHEMA " + this.name + " CASCADE");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot drop schema " + this.name + ": " + ex.getMessage(), ex);
		}
		this.name = null;
	}

	private static String withOption(String url, String option) {
		return url + (url.contains("?") ? "&" : "?") + option;
	}

	private static String env(String name, String otherwise) {
		String value = System.getenv(name);
		return (value != null && !value.isEmpty()) ? value : otherwise;
	}

}

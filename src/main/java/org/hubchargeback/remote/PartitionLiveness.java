package org.hubchargeback.remote;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.hubchargeback.config.InvalidConfigurationException;

/**
 * Whether the worker running a partition is alive. A worker holds a PostgreSQL advisory lock keyed by the partition's
 * step execution for as long as it runs it, on a connection of its own; the database frees the lock when that
 * connection closes, so a worker that was killed or whose machine died (once PostgreSQL notices the connection is
 * dead) no longer holds it. A partition marked STARTED whose lock is free has lost its worker. This is the
 * {@link org.hubchargeback.run.RunLock} idea per partition, and why scale-out needs PostgreSQL.
 */
public class PartitionLiveness {

	/**
	 * Keeps our keys apart from other advisory locks in the database (Flyway's, say): "HC" in the top bits.
	 */
	private static final long KEY_PREFIX = 0x4843L << 48;

	private final DataSource dataSource;

	public PartitionLiveness(DataSource dataSource) {
		this.dataSource = dataSource;
		try (Connection connection = dataSource.getConnection()) {
			String database = connection.getMetaData().getDatabaseProductName();
			if (!database.equals("PostgreSQL")) {
				throw new InvalidConfigurationException("remote partitioning (hub-chargeback.remote.enabled or"
						+ " --worker) needs the job database shared by the manager and its workers, in PostgreSQL:"
						+ " run every process with the postgres profile (--spring.profiles.active=postgres and"
						+ " HUB_CHARGEBACK_DB_URL), not the embedded " + database + " database");
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot reach the job database: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Takes the partition's lock for the caller's lifetime of the returned connection, waiting while the manager
	 * briefly holds it to look.
	 */
	public Held hold(long stepExecutionId) {
		try {
			Connection connection = this.dataSource.getConnection();
			try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
				lock.setLong(1, key(stepExecutionId));
				lock.execute();
			}
			catch (SQLException ex) {
				connection.close();
				throw ex;
			}
			return new Held(connection, stepExecutionId);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot lock partition " + stepExecutionId + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Runs {@code ifAbandoned} when no worker holds the partition's lock, holding it meanwhile so that no worker can
	 * take the partition up while it runs.
	 * @return whether the lock was free
	 */
	public boolean ifAbandoned(long stepExecutionId, Runnable ifAbandoned) {
		try (Connection connection = this.dataSource.getConnection()) {
			try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
				lock.setLong(1, key(stepExecutionId));
				try (ResultSet row = lock.executeQuery()) {
					if (!row.next() || !row.getBoolean(1)) {
						return false;
					}
				}
			}
			try {
				ifAbandoned.run();
			}
			finally {
				unlock(connection, stepExecutionId);
			}
			return true;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot check partition " + stepExecutionId + ": " + ex.getMessage(), ex);
		}
	}

	private static void unlock(Connection connection, long stepExecutionId) throws SQLException {
		try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
			unlock.setLong(1, key(stepExecutionId));
			unlock.execute();
		}
	}

	private static long key(long stepExecutionId) {
		return KEY_PREFIX | stepExecutionId;
	}

	/**
	 * A partition's lock, held until closed.
	 */
	public static final class Held implements AutoCloseable {

		private final Connection connection;

		private final long stepExecutionId;

		private Held(Connection connection, long stepExecutionId) {
			this.connection = connection;
			this.stepExecutionId = stepExecutionId;
		}

		@Override
		public void close() {
			try (Connection connection = this.connection) {
				unlock(connection, this.stepExecutionId);
			}
			catch (SQLException ex) {
				// closing the connection frees the lock anyway
			}
		}

	}

}

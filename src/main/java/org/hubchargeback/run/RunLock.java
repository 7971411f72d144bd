package org.hubchargeback.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import org.hubchargeback.config.HubChargebackProperties;
import org.hubchargeback.config.InvalidConfigurationException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * One chargeback process at a time per job database. The lock is a row lock held by an open transaction on a
 * connection of its own: it needs no clean-up after a crash (the database drops it with the connection), unlike a lock
 * file. While a process holds it, an execution still marked as running in the job repository can only be a crashed
 * one.
 */
@Component
public class RunLock {

	private final DataSource dataSource;

	private final Duration wait;

	private final Clock clock;

	private @Nullable Connection held;

	@Autowired
	public RunLock(DataSource dataSource, HubChargebackProperties properties) {
		// the wait is real time: the configured clock stands still when --as-of fixes it
		this(dataSource, properties.lockWait(), Clock.systemUTC());
	}

	/**
	 * @param wait how long {@link #acquire} waits for another process to let go
	 */
	RunLock(DataSource dataSource, Duration wait, Clock clock) {
		this.dataSource = dataSource;
		this.wait = wait;
		this.clock = clock;
	}

	/**
	 * Takes the lock, waiting up to {@code hub-chargeback.lock-wait}.
	 * @throws InvalidConfigurationException when another process keeps it
	 */
	public synchronized void acquire() {
		if (this.held != null) {
			return;
		}
		Instant deadline = Instant.now(this.clock).plus(this.wait);
		try {
			Connection connection = this.dataSource.getConnection();
			if (connection.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
				// the lock is a transaction left open for the whole run: a server that ends idle transactions
				// (idle_in_transaction_session_timeout) would end it, and let a second run in
				try (Statement settings = connection.createStatement()) {
					settings.execute("SET idle_in_transaction_session_timeout = 0");
				}
			}
			connection.setAutoCommit(false);
			while (true) {
				try (PreparedStatement lock = connection
					.prepareStatement("SELECT NAME FROM HC_RUN_LOCK WHERE NAME = 'chargeback' FOR UPDATE NOWAIT");
						ResultSet row = lock.executeQuery()) {
					if (!row.next()) {
						connection.close();
						throw new IllegalStateException("the HC_RUN_LOCK row is missing");
					}
					this.held = connection;
					return;
				}
				catch (SQLException busy) {
					connection.rollback();
					if (!Instant.now(this.clock).isBefore(deadline)) {
						connection.close();
						throw new InvalidConfigurationException("another hub-chargeback run is using this job database;"
								+ " waited " + this.wait + " (hub-chargeback.lock-wait) for it to finish");
					}
					Thread.sleep(500);
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot take the run lock: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InvalidConfigurationException("interrupted while waiting for another run to finish");
		}
	}

	public synchronized void release() {
		if (this.held != null) {
			try (Connection connection = this.held) {
				connection.rollback();
			}
			catch (SQLException ex) {
				// closing the connection releases the lock anyway
			}
			this.held = null;
		}
	}

}

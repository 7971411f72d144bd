package org.hubchargeback.run;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import org.hubchargeback.config.InvalidConfigurationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The run lock as a shared job database sees it (several machines, one database): a second holder waits, then
 * refuses with a clear message; a released lock is taken at once.
 */
class RunLockTests {

	DataSource dataSource;

	@BeforeEach
	void database() {
		this.dataSource = dataSource();
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		jdbc.execute("CREATE TABLE HC_RUN_LOCK (NAME VARCHAR(50) NOT NULL PRIMARY KEY)");
		jdbc.execute("INSERT INTO HC_RUN_LOCK (NAME) VALUES ('chargeback')");
	}

	/**
	 * A new connection at each call, as two processes have: H2 here, PostgreSQL in {@link RunLockPostgresTests}.
	 */
	DataSource dataSource() {
		return new DriverManagerDataSource("jdbc:h2:mem:runlock;DB_CLOSE_DELAY=-1", "sa", "");
	}

	@AfterEach
	void drop() {
		new JdbcTemplate(this.dataSource).execute("DROP TABLE HC_RUN_LOCK");
	}

	@Test
	void aSecondRunWaitsThenRefusesWhileTheFirstHoldsTheLock() {
		// given
		RunLock first = new RunLock(this.dataSource, Duration.ofSeconds(1), Clock.systemUTC());
		RunLock second = new RunLock(this.dataSource, Duration.ofSeconds(1), Clock.systemUTC());
		first.acquire();

		// when
		long started = System.nanoTime();
		assertThatThrownBy(second::acquire)
			// then
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessageContaining("another hub-chargeback run is using this job database")
			.hasMessageContaining("waited PT1S");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));

		// and when the first lets go, the second gets it
		first.release();
		second.acquire();
		second.release();
	}

}

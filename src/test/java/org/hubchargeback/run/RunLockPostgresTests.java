package org.hubchargeback.run;

import javax.sql.DataSource;

import org.hubchargeback.PostgresSchema;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link RunLockTests} on PostgreSQL: two connections, as two machines sharing the job database have.
 */
class RunLockPostgresTests extends RunLockTests {

	@RegisterExtension
	final PostgresSchema postgres = new PostgresSchema();

	@Override
	DataSource dataSource() {
		return this.postgres.dataSource();
	}

}

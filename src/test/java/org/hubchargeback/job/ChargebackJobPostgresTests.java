package org.hubchargeback.job;

import org.hubchargeback.PostgresSchema;
import org.hubchargeback.Workspace;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link ChargebackJobTests} with the job database in PostgreSQL (the postgres profile), in a schema of its own per
 * test: the same runs must publish the same files.
 */
class ChargebackJobPostgresTests extends ChargebackJobTests {

	@RegisterExtension
	final PostgresSchema postgres = new PostgresSchema();

	@Override
	Workspace workspace() {
		return super.workspace().postgres(this.postgres);
	}

}

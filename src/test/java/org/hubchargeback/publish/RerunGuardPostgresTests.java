package org.hubchargeback.publish;

import org.hubchargeback.PostgresSchema;
import org.hubchargeback.Workspace;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link RerunGuardTests} with the job database in PostgreSQL, in a schema of its own per test.
 */
class RerunGuardPostgresTests extends RerunGuardTests {

	@RegisterExtension
	final PostgresSchema postgres = new PostgresSchema();

	@Override
	Workspace workspace() {
		return super.workspace().postgres(this.postgres);
	}

	/**
	 * A shared database lets a second process in; the run lock makes it wait {@code lock-wait}, then refuse.
	 */
	@Override
	String secondProcessRefused() {
		return "another hub-chargeback run is using this job database; waited PT2S (hub-chargeback.lock-wait)";
	}

}

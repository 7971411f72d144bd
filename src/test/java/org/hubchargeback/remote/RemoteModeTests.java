package org.hubchargeback.remote;

import java.nio.file.Path;

import org.hubchargeback.Workspace;
import org.hubchargeback.Workspace.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Remote mode is refused on the embedded H2 database: the workers could not see it.
 */
class RemoteModeTests {

	@TempDir
	Path dir;

	@Test
	void managerOnTheEmbeddedDatabaseIsRefusedBeforeAnythingRuns() {
		// given
		Workspace workspace = new Workspace(this.dir).config(Path.of("sample-data/hub-chargeback.yml"));

		// when
		Result result = workspace.run("--from=2026-11-16", "--hub-chargeback.remote.enabled=true");

		// then
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.stderr()).contains("needs the job database shared by the manager and its workers",
				"--spring.profiles.active=postgres");
		assertThat(workspace.range("2026-11-16", "2026-11-16")).doesNotExist();
	}

	@Test
	void workerOnTheEmbeddedDatabaseIsRefused() {
		// given
		Workspace workspace = new Workspace(this.dir).config(Path.of("sample-data/hub-chargeback.yml"));

		// when
		Result result = workspace.run("--worker");

		// then
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.stderr()).contains("not the embedded H2 database");
	}

}

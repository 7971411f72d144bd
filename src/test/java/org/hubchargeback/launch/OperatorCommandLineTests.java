package org.hubchargeback.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.hubchargeback.OneHub;
import org.hubchargeback.Workspace;
import org.hubchargeback.Workspace.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hubchargeback.OneHub.BASE_VM;
import static org.hubchargeback.OneHub.LOCAL;

/**
 * What an operator types and reads around the runs: the version, a mistyped option, and how many replaced runs
 * {@code .history} keeps.
 */
class OperatorCommandLineTests {

	@TempDir
	Path dir;

	Workspace workspace;

	@BeforeEach
	void oneHubWithADayOfUsage() {
		this.workspace = OneHub.workspace(this.dir);
		this.workspace.write("east/usage/a.csv",
				"UsageStartTime,UsageEndTime,SubscriptionId,MeterId,Quantity,ResourceUri\n"
						+ "2026-11-16T10:00:00Z,2026-11-16T11:00:00Z," + LOCAL + "," + BASE_VM + ",1,/subscriptions/"
						+ LOCAL + "/r\n");
	}

	@Test
	void versionPrintsTheBuildsVersionWithoutTouchingTheJobDatabase() {
		// when
		Result result = this.workspace.run("--version");

		// then
		assertThat(result.exitCode()).isZero();
		assertThat(result.stdout()).matches("hub-chargeback \\d+\\.\\d+\\.\\d+\\S*\\R");
		assertThat(result.stderr()).isEmpty();
		assertThat(this.workspace.root().resolve("data")).doesNotExist();
	}

	@Test
	void anUnknownOptionIsNamedAndNothingRuns() {
		// when
		Result result = this.workspace.run("--form=2026-11-16");

		// then
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.stderr().strip()).isEqualTo("hub-chargeback: unknown option --form (did you mean --from?)");
		assertThat(this.workspace.out()).doesNotExist();
	}

	@Test
	void historyKeepsTheNewestReplacedRunsAfterEachPublishAndNeverThePublishedOne() throws IOException {
		// given
		this.workspace.settings("  history:\n    keep-runs: 1\n");

		// when the range is published three times
		for (int i = 0; i < 3; i++) {
			assertThat(this.workspace.run("--from=2026-11-16").exitCode()).isZero();
		}
		Result dryRun = this.workspace.run("--from=2026-11-16", "--dry-run");

		// then run 3 is published, run 2 is kept and run 1 is gone; the dry run removed nothing
		assertThat(dryRun.exitCode()).isZero();
		Path range = this.workspace.range("2026-11-16", "2026-11-16");
		assertThat(Workspace.json(range.resolve("manifest.json")).path("run").path("run").asLong()).isEqualTo(3);
		List<Path> kept = folders(this.workspace.out().resolve(".history/2026-11-16_2026-11-16"));
		assertThat(kept).hasSize(1);
		assertThat(Workspace.json(kept.get(0).resolve("manifest.json")).path("run").path("run").asLong())
			.isEqualTo(2);
	}

	@Test
	void aNegativeRetentionStopsTheApplicationNamingTheSetting() {
		// given
		this.workspace.settings("  history:\n    keep-days: -3\n");

		// when
		Result result = this.workspace.run("--from=2026-11-16");

		// then
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.stderr()).contains("hub-chargeback: cannot start: hub-chargeback.history.keep-days: -3 is"
				+ " negative");
	}

	static List<Path> folders(Path dir) throws IOException {
		try (Stream<Path> children = Files.list(dir)) {
			return children.sorted().toList();
		}
	}

}

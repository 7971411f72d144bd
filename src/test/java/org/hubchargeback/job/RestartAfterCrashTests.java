package org.hubchargeback.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.hubchargeback.ChildProcess;
import org.hubchargeback.PostgresSchema;
import org.hubchargeback.Workspace;
import org.hubchargeback.run.HaltPoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run killed with {@code kill -9} while loading, while writing chargeback files and while publishing is restarted
 * by the same command and publishes the same bytes as a run nobody interrupted; the published folder is never
 * partial. A run stopped by SIGTERM is restarted the same way.
 */
class RestartAfterCrashTests {

	static final String[] RANGE = { "--from=2026-11-16", "--to=2026-11-18" };

	@TempDir
	Path dir;

	@ParameterizedTest
	@ValueSource(strings = { HaltPoints.LOADING, HaltPoints.WRITING_CHARGEBACKS, HaltPoints.PUBLISHING })
	void killedRunRestartsAndPublishesWhatAnUninterruptedRunPublishes(String haltPoint) throws Exception {
		killAndRestart(haltPoint, List.of());
	}

	/**
	 * On PostgreSQL the killed process's run lock and uncommitted chunk go with its connection; the restarted run
	 * publishes the bytes an uninterrupted run publishes with the embedded H2 database.
	 */
	@Test
	void killedRunOnPostgresRestartsAndPublishesWhatAnUninterruptedRunOnH2Publishes() throws Exception {
		try (PostgresSchema postgres = PostgresSchema.create()) {
			killAndRestart(HaltPoints.LOADING, postgres.args());
		}
	}

	/**
	 * SIGTERM (systemd stopping the unit) ends a run with a line saying how to resume it, and leaves it restartable:
	 * the same command restarts it and publishes what an uninterrupted run publishes.
	 */
	@Test
	void runStoppedBySigtermSaysSoAndTheSameCommandResumesIt() throws Exception {
		// given an uninterrupted reference run
		Path reference = installation("reference");
		Path stopped = installation("stopped");
		assertThat(run(reference, List.of())).isZero();

		// when a run is sent SIGTERM while loading, then the same command runs again
		ChildProcess victim = ChildProcess.start(stopped,
				args(List.of(), "--hub-chargeback.debug.halt-at=" + HaltPoints.LOADING));
		victim.awaitFile(stopped.resolve("halt-marker"));
		int stopExit = victim.stop();
		ChildProcess restart = ChildProcess.start(stopped, args(List.of()));
		int exit = restart.waitFor();

		// then
		assertThat(stopExit).as(victim.output()).isEqualTo(143);
		assertThat(victim.output()).contains("hub-chargeback: 2026-11-16..2026-11-18 run 1 stopped by SIGTERM: run the"
				+ " same command again to resume it where it stopped");
		assertThat(exit).as(restart.output()).isZero();
		assertThat(restart.output()).contains("recovering it", "run 1 COMPLETED");
		Map<String, String> expected = outputs(reference);
		Map<String, String> actual = outputs(stopped);
		assertThat(actual.keySet()).isEqualTo(expected.keySet());
		expected.forEach((file, text) -> assertThat(actual.get(file)).as(file).isEqualTo(text));
	}

	/**
	 * A killed run whose work folder someone deleted cannot resume (the records it loaded are gone): the same command
	 * abandons it, says why, and charges the range afresh as run 2.
	 */
	@Test
	void killedRunWhoseWorkFolderIsGoneIsAbandonedAndTheRangeRunsAfresh() throws Exception {
		// given a run killed while loading, and its work folder deleted
		Path reference = installation("reference");
		Path crashed = installation("crashed");
		assertThat(run(reference, List.of())).isZero();
		ChildProcess victim = ChildProcess.start(crashed,
				args(List.of(), "--hub-chargeback.debug.halt-at=" + HaltPoints.LOADING));
		victim.killWhen(crashed.resolve("halt-marker"));
		List<Path> work;
		try (Stream<Path> staged = Files.list(crashed.resolve("out/.staging"))) {
			work = staged.filter((folder) -> folder.getFileName().toString().endsWith(".work")).toList();
		}
		assertThat(work).hasSize(1);
		FileSystemUtils.deleteRecursively(work.get(0));

		// when
		ChildProcess restart = ChildProcess.start(crashed, args(List.of()));
		int exit = restart.waitFor();

		// then
		assertThat(exit).as(restart.output()).isZero();
		assertThat(restart.output()).contains("hub-chargeback: run 1 of 2026-11-16..2026-11-18 cannot resume: its work"
				+ " folder ", " is gone; it is abandoned and run 2 starts afresh", "run 2 COMPLETED");
		Map<String, String> expected = outputs(reference);
		Map<String, String> actual = outputs(crashed);
		assertThat(actual.keySet()).isEqualTo(expected.keySet());
		// the manifest and summary.html name the run number
		expected.forEach((file, text) -> {
			if (file.endsWith(".csv")) {
				assertThat(actual.get(file)).as(file).isEqualTo(text);
			}
		});
	}

	/**
	 * A run that charges late-reported usage of a day another published folder charges (and counts a re-export of
	 * one of its records as a duplicate) is restarted after {@code kill -9} to the same bytes as well.
	 */
	@ParameterizedTest
	@ValueSource(strings = { HaltPoints.LOADING, HaltPoints.WRITING_CHARGEBACKS, HaltPoints.PUBLISHING })
	void killedRunChargingLateUsageRestartsAndPublishesWhatAnUninterruptedRunPublishes(String haltPoint)
			throws Exception {
		// given 16..17 published from the sample data, then an export with late usage of the 17th and a re-export
		String[] published = { "--from=2026-11-16", "--to=2026-11-17" };
		String[] late = { "--from=2026-11-18", "--to=2026-11-18" };
		Path reference = installation("reference");
		Path crashed = installation("crashed");
		for (Path root : List.of(reference, crashed)) {
			assertThat(run(root, List.of(), published)).isZero();
			Files.writeString(root.resolve("sample-data/hub-b/usage/usage-2026-11-19.csv"), LATE_EXPORT);
		}
		boolean rerun = haltPoint.equals(HaltPoints.PUBLISHING);
		if (rerun) {
			assertThat(run(reference, List.of(), late)).isZero();
			assertThat(run(crashed, List.of(), late)).isZero();
		}
		assertThat(run(reference, List.of(), late)).isZero();

		// when the run is killed at the halt point, then the same command runs again
		ChildProcess victim = ChildProcess.start(crashed,
				argsOf(List.of(), late, "--hub-chargeback.debug.halt-at=" + haltPoint));
		victim.killWhen(crashed.resolve("halt-marker"));
		ChildProcess restart = ChildProcess.start(crashed, argsOf(List.of(), late));
		int exit = restart.waitFor();

		// then
		assertThat(exit).as(restart.output()).isZero();
		assertThat(restart.output()).contains("recovering it", "are late-reported usage of earlier days");
		Map<String, String> expected = Workspace.publishedFiles(reference.resolve("out/2026-11-18_2026-11-18"));
		Map<String, String> actual = Workspace.publishedFiles(crashed.resolve("out/2026-11-18_2026-11-18"));
		assertThat(expected).containsKey("late-usage.csv");
		assertThat(actual.keySet()).isEqualTo(expected.keySet());
		expected.forEach((file, text) -> assertThat(actual.get(file)).as(file).isEqualTo(text));
	}

	static final String LATE_EXPORT = "UsageStartTime,UsageEndTime,SubscriptionId,TenantId,MeterId,Quantity,"
			+ "ResourceUri,Location,Tags\n"
			// late: an hour of the 17th no export of the 17th held
			+ "2026-11-17T05:00:00Z,2026-11-17T06:00:00Z,8c4d3df5-889f-434c-ba1c-22f23fd7cb1b,"
			+ "931f33f5-525b-4613-a5a7-d0e28115dd9a,FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5,4,/subscriptions/"
			+ "8c4d3df5-889f-434c-ba1c-22f23fd7cb1b/resourceGroups/ctso-dr/providers/Microsoft.Compute/"
			+ "virtualMachines/ctso-dr99,local,\n"
			// re-exported: the first record of the sample's hub-b export, charged by 16..17 already
			+ "2026-11-16T00:00:00Z,2026-11-16T01:00:00Z,8c4d3df5-889f-434c-ba1c-22f23fd7cb1b,"
			+ "931f33f5-525b-4613-a5a7-d0e28115dd9a,FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5,2,/subscriptions/"
			+ "8c4d3df5-889f-434c-ba1c-22f23fd7cb1b/resourceGroups/ctso-dr/providers/Microsoft.Compute/"
			+ "virtualMachines/ctso-dr01,local,\n";

	/**
	 * @param database the arguments that put the killed run on its job database (the reference run uses H2)
	 */
	private void killAndRestart(String haltPoint, List<String> database) throws Exception {
		// given the sample data, and (for publishing, which only moves a folder aside on a rerun) a published run 1
		Path reference = installation("reference");
		Path crashed = installation("crashed");
		boolean rerun = haltPoint.equals(HaltPoints.PUBLISHING);
		if (rerun) {
			assertThat(run(reference, List.of())).isZero();
			assertThat(run(crashed, database)).isZero();
		}
		assertThat(run(reference, List.of())).isZero();

		// when the run is killed at the halt point, then the same command runs again
		ChildProcess victim = ChildProcess.start(crashed,
				args(database, "--hub-chargeback.debug.halt-at=" + haltPoint));
		victim.killWhen(crashed.resolve("halt-marker"));
		assertPublishedFolderIsWholeOrAbsent(crashed);
		ChildProcess restart = ChildProcess.start(crashed, args(database));
		int exit = restart.waitFor();

		// then
		assertThat(exit).as(restart.output()).isZero();
		assertThat(restart.output()).contains("recovering it", "run " + (rerun ? 2 : 1) + " COMPLETED");
		Map<String, String> expected = outputs(reference);
		Map<String, String> actual = outputs(crashed);
		assertThat(actual.keySet()).isEqualTo(expected.keySet());
		expected.forEach((file, text) -> assertThat(actual.get(file)).as(file).isEqualTo(text));
		if (rerun) {
			assertThat(crashed.resolve("out/.history/2026-11-16_2026-11-18/run1/summary.csv")).exists();
		}
	}

	private Path installation(String name) throws IOException {
		Path root = Files.createDirectories(this.dir.resolve(name));
		FileSystemUtils.copyRecursively(Path.of("sample-data"), root.resolve("sample-data"));
		return root;
	}

	private static int run(Path root, List<String> database) {
		return run(root, database, RANGE);
	}

	private static int run(Path root, List<String> database, String[] range) {
		ChildProcess child = ChildProcess.start(root, argsOf(database, range));
		int exit = child.waitFor();
		assertThat(exit).as(child.output()).isZero();
		return exit;
	}

	private static String[] args(List<String> database, String... more) {
		return argsOf(database, RANGE, more);
	}

	private static String[] argsOf(List<String> database, String[] range, String... more) {
		String[] args = Stream.concat(Stream.of("--spring.config.additional-location=file:sample-data/hub-chargeback.yml",
				"--output-dir=out", "--data-dir=./data", "--hub-chargeback.chunk-size=10"), Stream.of(range))
			.toArray(String[]::new);
		return Stream.of(Stream.of(args), database.stream(), Stream.of(more))
			.flatMap((s) -> s)
			.toArray(String[]::new);
	}

	/**
	 * Every published file's content, with the manifest's generation time left out.
	 */
	private static Map<String, String> outputs(Path root) {
		Map<String, String> files = Workspace.publishedFiles(root.resolve("out/2026-11-16_2026-11-18"));
		assertThat(files).containsKeys("manifest.json", "summary.csv", "rejected-records.csv",
				"unregistered-tenants.csv");
		return files;
	}

	/**
	 * The published path holds a complete version (every file the manifest lists, with its hash) or nothing.
	 */
	private static void assertPublishedFolderIsWholeOrAbsent(Path root) throws Exception {
		Path published = root.resolve("out/2026-11-16_2026-11-18");
		if (!Files.exists(published)) {
			return;
		}
		JsonNode manifest = Workspace.json(published.resolve("manifest.json"));
		MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
		for (JsonNode output : manifest.path("outputFiles")) {
			byte[] bytes = Files.readAllBytes(published.resolve(output.path("path").asString()));
			assertThat(HexFormat.of().formatHex(sha256.digest(bytes))).isEqualTo(output.path("sha256").asString());
		}
	}

}

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
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run killed with {@code kill -9} while loading, while writing chargeback files and while publishing is restarted
 * by the same command and publishes the same bytes as a run nobody interrupted; the published folder is never
 * partial. A run stopped by SIGTERM is restarted the same way.
 * <p>
 * The cases run two at a time (each is marked {@code CONCURRENT}; the class is not, so no other class runs beside
 * it): each case's runs are child JVMs in folders of their own, so this JVM only waits on them, and two of them keep
 * both cores busy.
 */
class RestartAfterCrashTests {

	static final String[] RANGE = { "--from=2026-11-16", "--to=2026-11-18" };

	@TempDir
	Path dir;

	/**
	 * The uninterrupted runs the cases compare with, run once for the class rather than once a case: every case's
	 * reference is the same command on the same sample data, so it publishes the same bytes whichever case runs it.
	 */
	@TempDir
	static Path references;

	private static Map<String, String> rangeRun1;

	private static Map<String, String> rangeRun2;

	private static Map<String, String> lateRun1;

	private static Map<String, String> lateRun2;

	@ParameterizedTest
	@Execution(ExecutionMode.CONCURRENT)
	@ValueSource(strings = { HaltPoints.LOADING, HaltPoints.WRITING_CHARGEBACKS, HaltPoints.PUBLISHING })
	void killedRunRestartsAndPublishesWhatAnUninterruptedRunPublishes(String haltPoint) throws Exception {
		killAndRestart(haltPoint, List.of());
	}

	/**
	 * On PostgreSQL the killed process's run lock and uncommitted chunk go with its connection; the restarted run
	 * publishes the bytes an uninterrupted run publishes with the embedded H2 database.
	 */
	@Test
	@Execution(ExecutionMode.CONCURRENT)
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
	@Execution(ExecutionMode.CONCURRENT)
	void runStoppedBySigtermSaysSoAndTheSameCommandResumesIt() throws Exception {
		// given an installation (the uninterrupted reference run is run once for the class, see reference)
		Path stopped = installation("stopped");

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
		Map<String, String> expected = reference(1);
		Map<String, String> actual = outputs(stopped);
		assertThat(actual.keySet()).isEqualTo(expected.keySet());
		expected.forEach((file, text) -> assertThat(actual.get(file)).as(file).isEqualTo(text));
	}

	/**
	 * A killed run whose work folder someone deleted cannot resume (the records it loaded are gone): the same command
	 * abandons it, says why, and charges the range afresh as run 2.
	 */
	@Test
	@Execution(ExecutionMode.CONCURRENT)
	void killedRunWhoseWorkFolderIsGoneIsAbandonedAndTheRangeRunsAfresh() throws Exception {
		// given a run killed while loading, and its work folder deleted
		Path crashed = installation("crashed");
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
		Map<String, String> expected = reference(1);
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
	@Execution(ExecutionMode.CONCURRENT)
	@ValueSource(strings = { HaltPoints.LOADING, HaltPoints.WRITING_CHARGEBACKS, HaltPoints.PUBLISHING })
	void killedRunChargingLateUsageRestartsAndPublishesWhatAnUninterruptedRunPublishes(String haltPoint)
			throws Exception {
		// given 16..17 published from the sample data, then an export with late usage of the 17th and a re-export
		Path crashed = installation("crashed");
		assertThat(run(crashed, List.of(), PUBLISHED)).isZero();
		Files.writeString(crashed.resolve(LATE_EXPORT_FILE), LATE_EXPORT);
		boolean rerun = haltPoint.equals(HaltPoints.PUBLISHING);
		if (rerun) {
			assertThat(run(crashed, List.of(), LATE)).isZero();
		}

		// when the run is killed at the halt point, then the same command runs again
		ChildProcess victim = ChildProcess.start(crashed,
				argsOf(List.of(), LATE, "--hub-chargeback.debug.halt-at=" + haltPoint));
		victim.killWhen(crashed.resolve("halt-marker"));
		ChildProcess restart = ChildProcess.start(crashed, argsOf(List.of(), LATE));
		int exit = restart.waitFor();

		// then
		assertThat(exit).as(restart.output()).isZero();
		assertThat(restart.output()).contains("recovering it", "are late-reported usage of earlier days");
		Map<String, String> expected = lateReference(rerun ? 2 : 1);
		Map<String, String> actual = Workspace.publishedFiles(crashed.resolve("out/2026-11-18_2026-11-18"));
		assertThat(expected).containsKey("late-usage.csv");
		assertThat(actual.keySet()).isEqualTo(expected.keySet());
		expected.forEach((file, text) -> assertThat(actual.get(file)).as(file).isEqualTo(text));
	}

	/**
	 * The late-usage cases: 16..17 published from the sample data, then the 18th charged with {@link #LATE_EXPORT}.
	 */
	static final String[] PUBLISHED = { "--from=2026-11-16", "--to=2026-11-17" };

	static final String[] LATE = { "--from=2026-11-18", "--to=2026-11-18" };

	static final String LATE_EXPORT_FILE = "sample-data/hub-b/usage/usage-2026-11-19.csv";

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
		boolean rerun = haltPoint.equals(HaltPoints.PUBLISHING);
		Path crashed = installation("crashed");
		if (rerun) {
			assertThat(run(crashed, database)).isZero();
		}

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
		Map<String, String> expected = reference(rerun ? 2 : 1);
		Map<String, String> actual = outputs(crashed);
		assertThat(actual.keySet()).isEqualTo(expected.keySet());
		expected.forEach((file, text) -> assertThat(actual.get(file)).as(file).isEqualTo(text));
		if (rerun) {
			assertThat(crashed.resolve("out/.history/2026-11-16_2026-11-18/run1/summary.csv")).exists();
		}
	}

	/**
	 * What an uninterrupted run of {@link #RANGE} on the embedded H2 database publishes as its run 1, or as run 2 (a
	 * rerun of the same command, which a crash while publishing needs: publishing only moves a folder aside on a rerun).
	 */
	private static Map<String, String> reference(int run) throws IOException {
		synchronized (RANGE) {
			if (rangeRun1 == null) {
				Path reference = installation(references, "reference");
				assertThat(run(reference, List.of())).isZero();
				rangeRun1 = outputs(reference);
				assertThat(run(reference, List.of())).isZero();
				rangeRun2 = outputs(reference);
			}
			return (run == 1) ? rangeRun1 : rangeRun2;
		}
	}

	/**
	 * What an uninterrupted run of {@link #LATE} publishes after {@link #PUBLISHED}, as run 1 or run 2.
	 */
	private static Map<String, String> lateReference(int run) throws IOException {
		synchronized (LATE) {
			if (lateRun1 == null) {
				Path reference = installation(references, "reference-late");
				assertThat(run(reference, List.of(), PUBLISHED)).isZero();
				Files.writeString(reference.resolve(LATE_EXPORT_FILE), LATE_EXPORT);
				assertThat(run(reference, List.of(), LATE)).isZero();
				lateRun1 = Workspace.publishedFiles(reference.resolve("out/2026-11-18_2026-11-18"));
				assertThat(run(reference, List.of(), LATE)).isZero();
				lateRun2 = Workspace.publishedFiles(reference.resolve("out/2026-11-18_2026-11-18"));
			}
			return (run == 1) ? lateRun1 : lateRun2;
		}
	}

	private Path installation(String name) throws IOException {
		return installation(this.dir, name);
	}

	private static Path installation(Path parent, String name) throws IOException {
		Path root = Files.createDirectories(parent.resolve(name));
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

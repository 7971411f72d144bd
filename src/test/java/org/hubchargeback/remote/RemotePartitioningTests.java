package org.hubchargeback.remote;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hubchargeback.ChildProcess;
import org.hubchargeback.PostgresSchema;
import org.hubchargeback.Workspace;
import org.hubchargeback.run.HaltPoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scale-out on loopback: a manager and two worker JVMs on one PostgreSQL schema and one RabbitMQ queue of the test's
 * own. A worker killed with {@code kill -9} in the middle of a partition fails the run; the same manager command,
 * with a fresh worker, restarts it and publishes byte for byte what a single-machine run publishes. Skipped when
 * PostgreSQL or RabbitMQ (127.0.0.1:5672, or {@code HUB_CHARGEBACK_TEST_RABBITMQ_HOST}) cannot be reached, unless
 * {@code CI=true}.
 */
class RemotePartitioningTests {

	static final String RABBITMQ = env("HUB_CHARGEBACK_TEST_RABBITMQ_HOST", "127.0.0.1");

	@RegisterExtension
	final PostgresSchema postgres = new PostgresSchema();

	final String queue = "hub-chargeback.test-" + UUID.randomUUID();

	final List<ChildProcess> children = new ArrayList<>();

	@TempDir
	Path dir;

	@BeforeEach
	void rabbitmqIsReachable() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(RABBITMQ, 5672), 5000);
		}
		catch (IOException ex) {
			String reason = "RabbitMQ is unreachable at " + RABBITMQ + ":5672 (" + ex.getMessage() + ")";
			if ("true".equals(System.getenv("CI"))) {
				throw new IllegalStateException(reason + "; CI=true needs it", ex);
			}
			Assumptions.abort(reason);
		}
	}

	@AfterEach
	void stopChildrenAndDeleteQueue() {
		this.children.forEach(ChildProcess::kill);
		CachingConnectionFactory connections = new CachingConnectionFactory(RABBITMQ, 5672);
		try {
			new RabbitAdmin(connections).deleteQueue(this.queue);
		}
		finally {
			connections.destroy();
		}
	}

	@Test
	void workerKilledMidPartitionFailsTheRunAndTheRestartPublishesWhatOneMachinePublishes() throws Exception {
		// given a single-machine run of the sample data for reference (it runs beside the rest: it shares nothing with
		// it), and a worker that stops dead while loading
		Path reference = installation("reference");
		ChildProcess single = start(reference, args());
		Path shared = installation("shared");
		ChildProcess doomed = worker(shared, "--hub-chargeback.threads=1",
				"--hub-chargeback.debug.halt-at=" + HaltPoints.LOADING);

		// when the manager runs, the second worker joins once the first has halted, and the first is killed
		ChildProcess manager = start(shared, manager());
		doomed.awaitOutput("Running partition loadFile:");
		while (!Files.exists(shared.resolve("halt-marker"))) {
			Thread.sleep(50);
		}
		ChildProcess survivor = worker(shared);
		doomed.kill();
		int failed = manager.waitFor();

		// then the run fails, naming the lost worker, and the other partitions were run by the survivor
		assertThat(failed).as(manager.output()).isEqualTo(1);
		assertThat(manager.output()).contains("run 1 FAILED", "lost its worker");
		assertThat(survivor.output()).contains("Running partition loadFile:");

		// when the same manager command runs again, with a fresh worker beside the survivor
		ChildProcess restart = start(shared, manager());
		ChildProcess fresh = worker(shared);
		int exit = restart.waitFor();

		// then only the unfinished partitions ran again, and the published files are the single machine's
		assertThat(exit).as(restart.output()).isZero();
		assertThat(single.waitFor()).as(single.output()).isZero();
		assertThat(restart.output()).contains("Restarting run 1", "run 1 COMPLETED");
		Map<String, String> expected = outputs(reference);
		Map<String, String> actual = outputs(shared);
		assertThat(actual.keySet()).isEqualTo(expected.keySet());
		expected.forEach((file, text) -> assertThat(actual.get(file)).as(file).isEqualTo(text));
		assertThat(loadFilePartitionsRun(survivor) + loadFilePartitionsRun(fresh)).isEqualTo(3);

		// and a worker stops cleanly on SIGTERM
		survivor.stop();
		assertThat(survivor.output()).doesNotContain("Exception");
	}

	/**
	 * Partitions of the three sample files run on the survivor and the fresh worker: two in the failed run, the killed
	 * one again in the restart.
	 */
	private static long loadFilePartitionsRun(ChildProcess worker) {
		return worker.output().lines().filter((line) -> line.contains("Partition loadFile:")).count();
	}

	private ChildProcess worker(Path root, String... more) {
		List<String> args = new ArrayList<>(List.of(args()));
		args.addAll(this.postgres.args());
		args.addAll(List.of("--worker", "--hub-chargeback.remote.queue=" + this.queue));
		args.addAll(List.of(more));
		ChildProcess worker = start(root, args.toArray(String[]::new));
		worker.awaitOutput("worker waiting for partitions");
		return worker;
	}

	private String[] manager() {
		List<String> args = new ArrayList<>(List.of(args()));
		args.addAll(this.postgres.args());
		args.addAll(List.of("--hub-chargeback.remote.enabled=true", "--hub-chargeback.remote.queue=" + this.queue,
				"--hub-chargeback.remote.poll-interval=PT0.2S"));
		return args.toArray(String[]::new);
	}

	private ChildProcess start(Path root, String... args) {
		ChildProcess child = ChildProcess.start(root, args);
		this.children.add(child);
		return child;
	}

	private Path installation(String name) throws IOException {
		Path root = Files.createDirectories(this.dir.resolve(name));
		FileSystemUtils.copyRecursively(Path.of("sample-data"), root.resolve("sample-data"));
		return root;
	}

	private static String[] args() {
		return new String[] { "--spring.config.additional-location=file:sample-data/hub-chargeback.yml",
				"--output-dir=out", "--data-dir=./data", "--hub-chargeback.chunk-size=10", "--from=2026-11-16",
				"--to=2026-11-18" };
	}

	/**
	 * Every published file's content, with the manifest's generation time left out.
	 */
	private static Map<String, String> outputs(Path root) {
		Map<String, String> files = Workspace.publishedFiles(root.resolve("out/2026-11-16_2026-11-18"));
		assertThat(files).containsKeys("manifest.json", "summary.csv", "rejected-records.csv");
		return files;
	}

	private static String env(String name, String otherwise) {
		String value = System.getenv(name);
		return (value != null && !value.isEmpty()) ? value : otherwise;
	}

}

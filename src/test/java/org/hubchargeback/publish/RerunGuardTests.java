package org.hubchargeback.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.hubchargeback.ChildProcess;
import org.hubchargeback.Workspace;
import org.hubchargeback.Workspace.Result;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hubchargeback.OneHub.BASE_VM;
import static org.hubchargeback.OneHub.CSP;
import static org.hubchargeback.OneHub.DEFAULT;
import static org.hubchargeback.OneHub.LOCAL;
import static org.hubchargeback.OneHub.TENANT;
import static org.hubchargeback.Workspace.csv;

/**
 * Replacing a published range: the restatement finance reads, the guard against replacing it with much less, the
 * dry run, one run at a time, and a full or read-only disk that leaves the published range as it was.
 */
class RerunGuardTests {

	static final String IP = "f271a8a3-88c4-4d93-956a-063e1d2fa80b";

	static final String HEADER = "UsageStartTime,UsageEndTime,SubscriptionId,MeterId,Quantity,ResourceUri\n";

	@TempDir
	Path dir;

	Workspace workspace;

	@BeforeEach
	void published() {
		this.workspace = workspace().hub("east", DEFAULT, "en-US", Map.of(TENANT, CSP), Map.of(LOCAL, TENANT));
		export("a.csv", 10, "4", BASE_VM);
		export("b.csv", 10, "1", IP);
		assertThat(run().exitCode()).isZero();
	}

	/**
	 * The installation the tests run, with the embedded H2 job database; {@link RerunGuardPostgresTests} runs them on
	 * PostgreSQL.
	 */
	Workspace workspace() {
		return new Workspace(this.dir);
	}

	void export(String name, int hours, String quantity, String meter) {
		StringBuilder rows = new StringBuilder(HEADER);
		for (int hour = 0; hour < hours; hour++) {
			rows.append(String.format("2026-11-16T%02d:00:00Z,2026-11-16T%02d:00:00Z,%s,%s,%s,/subscriptions/%s/r%n",
					hour, hour + 1, LOCAL, meter, quantity, LOCAL));
		}
		this.workspace.write("east/usage/" + name, rows.toString());
	}

	Result run(String... more) {
		String[] args = new String[more.length + 1];
		args[0] = "--from=2026-11-16";
		System.arraycopy(more, 0, args, 1, more.length);
		return this.workspace.run(args);
	}

	Path range() {
		return this.workspace.range("2026-11-16", "2026-11-16");
	}

	String vmQuantity() {
		return csv(range().resolve("summary.csv")).stream()
			.filter((r) -> r.get("MeterId").equals(BASE_VM))
			.findFirst()
			.orElseThrow()
			.get("Quantity");
	}

	@Test
	void rerunWritesARestatementOfWhatChanged() {
		// given one more hour of VM usage
		export("a.csv", 11, "4", BASE_VM);

		// when
		Result rerun = run();

		// then
		assertThat(rerun.exitCode()).isZero();
		assertThat(rerun.stdout()).contains("restated total: 1 of 1 subscription(s) changed",
				"restated " + CSP + ": Virtual core hours 40 -> 44");
		assertThat(csv(range().resolve("restatement.csv")))
			.extracting((r) -> String.join(" ", r.get("ChargedSubscriptionId"), r.get("MeterName"), r.get("OldQuantity"),
					r.get("NewQuantity"), r.get("Difference")))
			.containsExactly(CSP + " Static IP Address Usage 10 10 0", CSP + " Base VM Size Hours 40 44 4");
		assertThat(this.dir.resolve("out/.history/2026-11-16_2026-11-16/run1/restatement.csv")).doesNotExist();
	}

	@Test
	void rerunThatWouldShrinkTheRangeByMoreThanHalfIsRefusedUntilForced() throws IOException {
		// given the VM export went missing: the total falls from 50 to 10
		Files.delete(this.dir.resolve("east/usage/a.csv"));

		// when
		Result refused = run();
		Result dryRun = run("--dry-run");
		Result forced = run("--force");

		// then
		assertThat(refused.exitCode()).isEqualTo(1);
		assertThat(refused.stderr()).contains("would shrink the published total quantity of 2026-11-16_2026-11-16 by 80%")
			.contains("--force");
		assertThat(dryRun.exitCode()).isZero();
		assertThat(dryRun.stdout()).contains("dry run: nothing published",
				"without --dry-run this rerun would be refused: this rerun would shrink");
		assertThat(forced.exitCode()).isZero();
		// the dry run completed run 2 without publishing, so the forced run is run 3
		assertThat(forced.stdout()).contains("run 3 COMPLETED")
			.contains("restated " + CSP + ": Virtual core hours 40 -> 0");
		assertThat(csv(range().resolve("summary.csv"))).extracting((r) -> r.get("MeterId")).containsExactly(IP);
	}

	@Test
	void dryRunPrintsTheRestatementAndPublishesNothing() throws IOException {
		// given
		export("a.csv", 5, "4", BASE_VM);
		String before = Files.readString(range().resolve("manifest.json"));

		// when
		Result dryRun = run("--dry-run");

		// then
		assertThat(dryRun.exitCode()).isZero();
		assertThat(dryRun.stdout()).contains("run 2 COMPLETED", "dry run: nothing published",
				"restated " + CSP + ": Virtual core hours 40 -> 20");
		assertThat(Files.readString(range().resolve("manifest.json"))).isEqualTo(before);
		assertThat(vmQuantity()).isEqualTo("40");
		assertThat(this.dir.resolve("out/.staging")).isEmptyDirectory();
	}

	@Test
	void aRunThatFindsNoInputAtAllIsRefusedUnlessForced() throws IOException {
		// given
		Files.delete(this.dir.resolve("east/usage/a.csv"));
		Files.delete(this.dir.resolve("east/usage/b.csv"));

		// when
		Result refused = run();
		Result forced = run("--force");

		// then
		assertThat(refused.exitCode()).isEqualTo(1);
		assertThat(refused.stderr()).contains("no input records at all for 2026-11-16_2026-11-16");
		// forced, it publishes the empty range, and still says the hub has no usage (issue 15)
		assertThat(forced.exitCode()).isEqualTo(3);
		assertThat(forced.stderr()).contains("WARNING: Hub east: no usage at all in 2026-11-16..2026-11-16");
		assertThat(range().resolve("chargeback")).isEmptyDirectory();
	}

	@Test
	void aSecondProcessOnTheSameJobDatabaseIsRefusedWithAClearMessage() {
		// given a run that is busy (halted while loading), in a process of its own
		Path config = this.dir.resolve("hub-chargeback.yml");
		List<String> args = new ArrayList<>(List.of("--spring.config.additional-location=file:" + config,
				"--output-dir=" + this.dir.resolve("out"), "--data-dir=" + this.dir.resolve("data"),
				"--hub-chargeback.chunk-size=2", "--from=2026-11-16", "--hub-chargeback.debug.halt-at=loading"));
		args.addAll(this.workspace.databaseArgs());
		ChildProcess busy = ChildProcess.start(this.dir, args.toArray(String[]::new));
		try {
			waitFor(this.dir.resolve("halt-marker"));

			// when (a shared database lets it in, to wait for the run lock)
			Result second = run("--hub-chargeback.lock-wait=PT2S");

			// then
			assertThat(second.exitCode()).isEqualTo(2);
			assertThat(second.stderr()).contains(secondProcessRefused());
		}
		finally {
			busy.killWhen(this.dir.resolve("halt-marker"));
		}
		// and once it is gone, the same command recovers the interrupted run
		Result after = run();
		assertThat(after.exitCode()).isZero();
		assertThat(after.stdout()).contains("run 2 COMPLETED");
	}

	/**
	 * @return what a second process is told: H2 lets one process open its file
	 */
	String secondProcessRefused() {
		return "another hub-chargeback process is using the job database";
	}

	@Test
	void aFullDiskFailsTheRunAndLeavesThePublishedRangeAsItWas() throws Exception {
		// given a staging area on a 16 KiB file system, and a rerun with far more output
		Path staging = Files.createDirectories(this.dir.resolve("out/.staging"));
		Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", staging.toString())
			.redirectErrorStream(true)
			.start();
		Assumptions.assumeTrue(mount.waitFor(10, TimeUnit.SECONDS) && mount.exitValue() == 0,
				"needs permission to mount a small tmpfs (root)");
		try {
			StringBuilder rows = new StringBuilder(HEADER);
			for (int resource = 0; resource < 400; resource++) {
				rows.append(String.format("2026-11-16T05:00:00Z,2026-11-16T06:00:00Z,%s,%s,1,/subscriptions/%s/vm%d%n",
						LOCAL, BASE_VM, LOCAL, resource));
			}
			this.workspace.write("east/usage/more.csv", rows.toString());
			String before = Files.readString(range().resolve("manifest.json"));

			// when
			Result full = run();

			// then
			assertThat(full.exitCode()).isEqualTo(1);
			assertThat(full.stderr()).contains("run 2 FAILED: step loadFile:file:")
				.contains("is the output file system full?");
			assertThat(Files.readString(range().resolve("manifest.json"))).isEqualTo(before);
			assertThat(vmQuantity()).isEqualTo("40");
			assertThat(csv(range().resolve("chargeback/" + CSP + ".csv"))).hasSize(2);
		}
		finally {
			new ProcessBuilder("umount", staging.toString()).start().waitFor(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void anOutputFolderThatCannotBeWrittenFailsTheRunAndLeavesThePublishedRangeAsItWas() throws IOException {
		// given the staging area is not a folder (read-only or wrong mount point alike: nothing can be written)
		Files.delete(this.dir.resolve("out/.staging"));
		Files.writeString(this.dir.resolve("out/.staging"), "in the way");
		export("a.csv", 11, "4", BASE_VM);

		// when
		Result result = run();

		// then
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.stderr()).contains("run 2 FAILED").contains(".staging");
		assertThat(vmQuantity()).isEqualTo("40");
	}

	static void waitFor(Path marker) {
		for (int i = 0; i < 1200 && !Files.exists(marker); i++) {
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		assertThat(marker).exists();
	}

}

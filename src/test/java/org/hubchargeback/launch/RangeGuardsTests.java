package org.hubchargeback.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
 * What may be charged: only days that have ended, and every day in one published folder only. A range that breaks
 * either is refused before anything runs, saying which command would work; the nightly run leaves the days a range
 * run by hand holds.
 */
class RangeGuardsTests {

	@TempDir
	Path dir;

	Workspace workspace;

	@BeforeEach
	void usageFromThe15thToThe19th() {
		this.workspace = OneHub.workspace(this.dir);
		StringBuilder rows = new StringBuilder(
				"UsageStartTime,UsageEndTime,SubscriptionId,MeterId,Quantity,ResourceUri\n");
		for (int day = 15; day <= 19; day++) {
			rows.append(String.format("2026-11-%02dT10:00:00Z,2026-11-%02dT11:00:00Z,%s,%s,1,/subscriptions/%s/r%n",
					day, day, LOCAL, BASE_VM, LOCAL));
		}
		this.workspace.write("east/usage/a.csv", rows.toString());
	}

	List<String> published() throws IOException {
		try (Stream<Path> folders = Files.list(this.workspace.out())) {
			return folders.map((folder) -> folder.getFileName().toString())
				.filter((name) -> !name.startsWith("."))
				.sorted()
				.toList();
		}
	}

	@Test
	void aRangeWithADayThatHasNotEndedIsRefusedAndADryRunToo() {
		// given it is 05:00 UTC on the 18th: with the lag of 6 h the 17th is not complete yet
		String asOf = "--as-of=2026-11-18T05:00:00Z";

		// when
		Result run = this.workspace.run("--from=2026-11-16", "--to=2026-11-17", asOf);
		Result dryRun = this.workspace.run("--from=2026-11-16", "--to=2026-11-17", "--dry-run", asOf);

		// then
		assertThat(run.exitCode()).isEqualTo(2);
		assertThat(run.stderr().strip()).isEqualTo("hub-chargeback: 2026-11-17 has not ended yet (with the nightly"
				+ " lag of PT6H the last complete day is 2026-11-16 at 2026-11-18T05:00:00Z): charge up to --to"
				+ " 2026-11-16");
		assertThat(dryRun.exitCode()).isEqualTo(2);
		assertThat(dryRun.stderr().strip()).isEqualTo(run.stderr().strip());
		assertThat(this.workspace.out().resolve(".staging")).doesNotExist();
	}

	@Test
	void todayIsNeverChargedOnTheRealClock() {
		// given
		LocalDate today = LocalDate.now(ZoneOffset.UTC);

		// when
		Result result = this.workspace.run("--from=" + today);

		// then
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.stderr()).contains("hub-chargeback: " + today + " has not ended yet (with the nightly lag"
				+ " of PT6H the last complete day is ");
	}

	@Test
	void asOfInTheFutureIsRefusedBeforeAnythingStarts() {
		// when
		Result result = this.workspace.run("--nightly", "--as-of=2999-01-01T00:00:00Z");

		// then
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.stderr()).contains("hub-chargeback: cannot start: --as-of 2999-01-01T00:00:00Z is in the"
				+ " future (it is ");
		assertThat(this.workspace.out()).doesNotExist();
	}

	@Test
	void asOfWinsOverTheClockSettingAndGoesOnlyWithARun() {
		// when
		Result nightly = this.workspace.run("--nightly", "--hub-chargeback.clock=2026-11-17T07:00:00Z",
				"--as-of=2026-11-18T07:00:00Z");
		Result listing = this.workspace.run("--list-snapshots", "--as-of=2026-11-18T07:00:00Z");

		// then the 17th is charged, not the 16th
		assertThat(nightly.exitCode()).isZero();
		assertThat(nightly.stdout()).contains("hub-chargeback: 2026-11-17 run 1 COMPLETED");
		assertThat(listing.exitCode()).isEqualTo(2);
		assertThat(listing.stderr().strip()).isEqualTo("hub-chargeback: --as-of goes with --nightly or --from");
	}

	@Test
	void aRangeOverTwoNightlyFoldersIsRefusedNamingBoth() throws IOException {
		// given two nights charged
		assertThat(this.workspace.run("--nightly", "--as-of=2026-11-17T07:00:00Z").exitCode()).isZero();
		assertThat(this.workspace.run("--nightly", "--as-of=2026-11-18T07:00:00Z").exitCode()).isZero();

		// when
		Result result = this.workspace.run("--from=2026-11-16", "--to=2026-11-17");

		// then
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.stderr().strip()).isEqualTo("""
				hub-chargeback: 2026-11-16..2026-11-17 overlaps the published folders 2026-11-16_2026-11-16 (run 1), \
				2026-11-17_2026-11-17 (run 1) in %s: running it would charge the days they share a second time
				hub-chargeback: to charge those folders again, rerun each as it is: --from 2026-11-16 --to 2026-11-16; \
				--from 2026-11-17 --to 2026-11-17
				hub-chargeback: every day of 2026-11-16..2026-11-17 is published already"""
			.formatted(this.workspace.out()));
		assertThat(published()).containsExactly("2026-11-16_2026-11-16", "2026-11-17_2026-11-17");
	}

	@Test
	void aRangeThatOverlapsAPublishedOneIsToldWhichDaysAreLeftAndADryRunOfItPublishesNothing() throws IOException {
		// given
		assertThat(this.workspace.run("--from=2026-11-16", "--to=2026-11-17").exitCode()).isZero();

		// when
		Result refused = this.workspace.run("--from=2026-11-17", "--to=2026-11-18");
		Result dryRun = this.workspace.run("--from=2026-11-17", "--to=2026-11-18", "--dry-run");
		Result rest = this.workspace.run("--from=2026-11-18", "--to=2026-11-18");
		Result rerun = this.workspace.run("--from=2026-11-16", "--to=2026-11-17");

		// then
		String overlap = "2026-11-17..2026-11-18 overlaps the published folder 2026-11-16_2026-11-17 (run 1) in "
				+ this.workspace.out() + ": running it would charge the days they share a second time";
		assertThat(refused.exitCode()).isEqualTo(2);
		assertThat(refused.stderr().strip()).isEqualTo("hub-chargeback: " + overlap + "\n"
				+ "hub-chargeback: to charge that folder again, rerun it as it is: --from 2026-11-16 --to 2026-11-17\n"
				+ "hub-chargeback: to charge only the days no folder holds: --from 2026-11-18 --to 2026-11-18");
		assertThat(dryRun.exitCode()).isZero();
		assertThat(dryRun.stdout()).contains("hub-chargeback: 2026-11-17..2026-11-18 run 1 COMPLETED",
				"hub-chargeback: dry run: nothing published\n"
						+ "hub-chargeback: without --dry-run this run would be refused: " + overlap + "\n"
						+ "hub-chargeback: to charge that folder again, rerun it as it is: --from 2026-11-16 --to"
						+ " 2026-11-17\n"
						+ "hub-chargeback: to charge only the days no folder holds: --from 2026-11-18 --to 2026-11-18");
		assertThat(rest.exitCode()).isZero();
		assertThat(rerun.exitCode()).isZero();
		assertThat(rerun.stdout()).contains("2026-11-16..2026-11-17 run 2 COMPLETED");
		assertThat(published()).containsExactly("2026-11-16_2026-11-17", "2026-11-18_2026-11-18");
	}

	@Test
	void nightlyLeavesTheDaysOfARangeRunByHandAndChargesTheRest() throws IOException {
		// given the 15th charged by the nightly run, then the 16th and 17th by hand
		assertThat(this.workspace.run("--nightly", "--as-of=2026-11-16T07:00:00Z").exitCode()).isZero();
		assertThat(this.workspace.run("--from=2026-11-16", "--to=2026-11-17").exitCode()).isZero();

		// when the next nightly run comes on the 20th
		Result nightly = this.workspace.run("--nightly", "--as-of=2026-11-20T07:00:00Z");

		// then
		assertThat(nightly.exitCode()).isZero();
		assertThat(nightly.stdout()).contains("hub-chargeback: 2026-11-18 run 1 COMPLETED",
				"hub-chargeback: 2026-11-19 run 1 COMPLETED",
				"2026-11-16 is published in 2026-11-16_2026-11-17 already; the nightly run leaves it")
			.doesNotContain("2026-11-16 run", "2026-11-17 run");
		assertThat(published()).containsExactly("2026-11-15_2026-11-15", "2026-11-16_2026-11-17",
				"2026-11-18_2026-11-18", "2026-11-19_2026-11-19");
	}

	@Test
	void nightlyWithEveryCompleteDayPublishedByHandChargesNothing() throws IOException {
		// given
		assertThat(this.workspace.run("--from=2026-11-15", "--to=2026-11-17").exitCode()).isZero();

		// when the first nightly run comes on the 18th
		Result nightly = this.workspace.run("--nightly", "--as-of=2026-11-18T07:00:00Z");

		// then
		assertThat(nightly.exitCode()).isZero();
		assertThat(nightly.stdout()).contains("hub-chargeback: nightly: every complete day is already charged");
		assertThat(published()).containsExactly("2026-11-15_2026-11-17");
	}

}

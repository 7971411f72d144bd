package org.hubchargeback.ledger;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SkippedInputsTests {

	static final String PATH = "/exports/east/2026-11-16.csv";

	static final String MODIFIED = "2026-11-17T05:00:00Z";

	static final LocalDate DAY = LocalDate.parse("2026-11-16");

	static final LocalDate NIGHT = LocalDate.parse("2026-11-20");

	static final SkippedInputs.Known KNOWN = new SkippedInputs.Known("east", 1000, MODIFIED, "ab12", 24, DAY, DAY);

	/** day 16 charged by its own folder, which accounted for the file's records of it */
	static final List<RunLedger.Entry> ACCOUNTED_ENTRIES = List.of(
			new RunLedger.Entry("east", DAY, "2026-11-16_2026-11-16", "", "", 1, false),
			new RunLedger.Entry("east", DAY, "2026-11-16_2026-11-16", PATH, "ab12", 1, false));

	static final RunLedger ACCOUNTED = new RunLedger(ACCOUNTED_ENTRIES);

	@Test
	void anUnchangedFileOfADayAnotherFolderAccountedForIsSkippedWithWhatThatRunCounted() {
		// when
		SkippedInputs.Skip skip = SkippedInputs.skip("east", PATH, 1000, MODIFIED, KNOWN, ACCOUNTED, NIGHT, NIGHT);

		// then
		assertThat(skip).isEqualTo(new SkippedInputs.Skip(24, "ab12", DAY, DAY));
	}

	@Test
	void anUnchangedFileOfADayNoFolderChargesIsSkipped() {
		// when its records are out of range, for a later run
		SkippedInputs.Skip skip = SkippedInputs.skip("east", PATH, 1000, MODIFIED, KNOWN, RunLedger.EMPTY, NIGHT,
				NIGHT);

		// then
		assertThat(skip).isNotNull();
	}

	@Test
	void aFileNeverReadOrChangedSinceIsRead() {
		// then
		assertThat(SkippedInputs.skip("east", PATH, 1000, MODIFIED, null, ACCOUNTED, NIGHT, NIGHT)).isNull();
		assertThat(SkippedInputs.skip("east", PATH, 1001, MODIFIED, KNOWN, ACCOUNTED, NIGHT, NIGHT)).isNull();
		assertThat(SkippedInputs.skip("east", PATH, 1000, "2026-11-18T05:00:00Z", KNOWN, ACCOUNTED, NIGHT, NIGHT))
			.isNull();
		assertThat(SkippedInputs.skip("west", PATH, 1000, MODIFIED, KNOWN, ACCOUNTED, NIGHT, NIGHT)).isNull();
		// a ledger row from before modification times were recorded
		SkippedInputs.Known untimed = new SkippedInputs.Known("east", 1000, "", "ab12", 24, DAY, DAY);
		assertThat(SkippedInputs.skip("east", PATH, 1000, "", untimed, ACCOUNTED, NIGHT, NIGHT)).isNull();
	}

	@Test
	void aFileWithUsageOfTheRangeIsRead() {
		// then
		assertThat(SkippedInputs.skip("east", PATH, 1000, MODIFIED, KNOWN, ACCOUNTED, DAY, NIGHT)).isNull();
		assertThat(SkippedInputs.skip("east", PATH, 1000, MODIFIED, KNOWN, ACCOUNTED, DAY.minusDays(3), DAY))
			.isNull();
	}

	@Test
	void aFileWithNoValidRecordIsRead() {
		// given its rows were all rejected: a run that skips it would not report them
		SkippedInputs.Known rejected = new SkippedInputs.Known("east", 1000, MODIFIED, "ab12", 3, null, null);

		// then
		assertThat(SkippedInputs.skip("east", PATH, 1000, MODIFIED, rejected, ACCOUNTED, NIGHT, NIGHT)).isNull();
	}

	@Test
	void aFileWhoseRecordsOfAChargedDayNoFolderAccountedForIsRead() {
		// given day 16 charged by a folder that did not account for this file (it arrived later): its records of
		// the day may be late usage
		RunLedger notAccounted = new RunLedger(
				List.of(new RunLedger.Entry("east", DAY, "2026-11-16_2026-11-16", "", "", 1, false),
						new RunLedger.Entry("east", DAY, "2026-11-16_2026-11-16", "/exports/east/other.csv", "cd",
								1, false)));

		// then
		assertThat(SkippedInputs.skip("east", PATH, 1000, MODIFIED, KNOWN, notAccounted, NIGHT, NIGHT)).isNull();
	}

	@Test
	void aFileOnlyTheRunsOwnFolderAccountedForIsRead() {
		// given the run's own folder charged the file's records of day 16 as late usage: a rerun replaces that folder,
		// so it must charge them again
		RunLedger own = new RunLedger(List.of(new RunLedger.Entry("east", DAY, "2026-11-16_2026-11-16", "", "", 1,
				false), new RunLedger.Entry("east", DAY, "2026-11-20_2026-11-20", PATH, "ab12", 2, true)));

		// then
		assertThat(SkippedInputs.skip("east", PATH, 1000, MODIFIED, KNOWN, own, NIGHT, NIGHT)).isNull();
	}

	@Test
	void aFileSpanningSeveralDaysIsSkippedOnlyWhenEveryDayIsSettled() {
		// given a file of days 15 and 16, of which only 16 is charged and accounted for
		SkippedInputs.Known twoDays = new SkippedInputs.Known("east", 1000, MODIFIED, "ab12", 48, DAY.minusDays(1),
				DAY);

		// then day 15 is charged by nobody: its records are out of range either way
		assertThat(SkippedInputs.skip("east", PATH, 1000, MODIFIED, twoDays, ACCOUNTED, NIGHT, NIGHT)).isNotNull();
		// and once a folder charges day 15 without this file, the file is read
		RunLedger day15 = new RunLedger(List.of(ACCOUNTED_ENTRIES.get(0), ACCOUNTED_ENTRIES.get(1),
				new RunLedger.Entry("east", DAY.minusDays(1), "2026-11-15_2026-11-15", "", "", 3, false)));
		assertThat(SkippedInputs.skip("east", PATH, 1000, MODIFIED, twoDays, day15, NIGHT, NIGHT)).isNull();
	}

}

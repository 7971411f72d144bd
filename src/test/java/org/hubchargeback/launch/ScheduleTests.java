package org.hubchargeback.launch;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A UTC day is complete once it has ended and the nightly lag has passed; no other day may be charged.
 */
class ScheduleTests {

	private static final Duration LAG = Duration.ofHours(6);

	private static LocalDate day(int day) {
		return LocalDate.of(2026, 11, day);
	}

	@Test
	void aDayIsCompleteOnceTheLagHasPassedSinceItEnded() {
		// given the moments around 06:00 UTC on the 30th
		Schedule before = new Schedule(Instant.parse("2026-11-30T05:59:59Z"), LAG);
		Schedule after = new Schedule(Instant.parse("2026-11-30T06:00:00Z"), LAG);
		Schedule noLag = new Schedule(Instant.parse("2026-11-30T00:00:00Z"), Duration.ZERO);

		// then
		assertThat(before.lastCompleteDay()).isEqualTo(day(28));
		assertThat(after.lastCompleteDay()).isEqualTo(day(29));
		assertThat(noLag.lastCompleteDay()).isEqualTo(day(29));
		assertThat(after.completeAt(day(29))).isEqualTo(Instant.parse("2026-11-30T06:00:00Z"));
	}

	@Test
	void aRangeUpToTheLastCompleteDayMayRun() {
		// given
		Schedule schedule = new Schedule(Instant.parse("2026-11-30T07:00:00Z"), LAG);

		// then
		assertThatNoException().isThrownBy(() -> schedule.refuseIncomplete(day(1), day(29)));
	}

	@Test
	void aRangeEndingOnADayThatHasNotEndedIsRefusedWithTheToThatWouldRun() {
		// given
		Schedule schedule = new Schedule(Instant.parse("2026-11-30T07:00:00.123456Z"), LAG);

		// when, then the first day that has not ended is named
		assertThatThrownBy(() -> schedule.refuseIncomplete(day(16), day(30))).isInstanceOf(RunRefusedException.class)
			.hasMessage("2026-11-30 has not ended yet (with the nightly lag of PT6H the last complete day is 2026-11-29"
					+ " at 2026-11-30T07:00:00Z): charge up to --to 2026-11-29");
		assertThatThrownBy(() -> schedule.refuseIncomplete(day(16), LocalDate.of(2026, 12, 31)))
			.hasMessageStartingWith("2026-11-30 has not ended yet (")
			.hasMessageEndingWith(": charge up to --to 2026-11-29");
	}

	@Test
	void aRangeThatStartsAfterTheLastCompleteDayIsToldWhenItCanRun() {
		// given
		Schedule schedule = new Schedule(Instant.parse("2026-11-30T05:00:00Z"), LAG);

		// when, then
		assertThatThrownBy(() -> schedule.refuseIncomplete(day(29), LocalDate.of(2026, 12, 1)))
			.hasMessage("2026-11-29 has not ended yet (with the nightly lag of PT6H the last complete day is 2026-11-28"
					+ " at 2026-11-30T05:00:00Z): charge --from 2026-11-29 --to 2026-12-01 from 2026-12-02T06:00:00Z"
					+ " on");
	}

	@Test
	void nightlyIsForTheLastCompleteDayAtFirstThenEveryDaySinceTheLastNightlyOne() {
		// given
		Schedule schedule = new Schedule(Instant.parse("2026-11-20T07:00:00Z"), LAG);

		// then
		assertThat(schedule.nightlyDays(null)).containsExactly(day(19));
		assertThat(schedule.nightlyDays(day(16))).containsExactly(day(17), day(18), day(19));
		assertThat(schedule.nightlyDays(day(19))).isEmpty();
		assertThat(new Schedule(Instant.parse("2026-11-20T05:00:00Z"), LAG).nightlyDays(day(16)))
			.containsExactly(day(17), day(18));
	}

}

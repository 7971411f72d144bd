package org.hubchargeback.publish;

import java.time.Instant;
import java.util.List;

import org.hubchargeback.config.InvalidConfigurationException;
import org.hubchargeback.publish.HistoryRetention.Run;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which replaced runs of one range {@code .history} keeps: a run counts as replaced when the next newer run was
 * published.
 */
class HistoryRetentionTests {

	static final Instant NOW = Instant.parse("2026-12-31T12:00:00Z");

	// runs 1 to 4 replaced; run 5 is the published folder, published on the 30th
	static final List<Run> REPLACED = List.of(run(2, "2026-11-10"), run(1, "2026-11-01"), run(4, "2026-12-20"),
			run(3, "2026-11-20"));

	static final Instant CURRENT = Instant.parse("2026-12-30T00:00:00Z");

	static Run run(long run, String day) {
		return new Run("run" + (100 + run), run, Instant.parse(day + "T00:00:00Z"));
	}

	@Test
	void noLimitKeepsEveryReplacedRun() {
		// given
		HistoryRetention retention = new HistoryRetention(0, 0);

		// when / then
		assertThat(retention.keepsEverything()).isTrue();
		assertThat(retention.toRemove(REPLACED, CURRENT, NOW)).isEmpty();
	}

	@Test
	void keepRunsKeepsTheNewestReplacedRunsOfTheRange() {
		// given
		HistoryRetention retention = new HistoryRetention(2, 0);

		// when
		List<String> removed = retention.toRemove(REPLACED, CURRENT, NOW);

		// then runs 4 and 3 stay, whatever the order the folders were listed in
		assertThat(removed).containsExactly("run102", "run101");
	}

	@Test
	void keepDaysCountsFromWhenARunWasReplacedNotWhenItWasPublished() {
		// given 30 days back from the 31st is the 1st of December
		HistoryRetention retention = new HistoryRetention(0, 30);

		// when
		List<String> removed = retention.toRemove(REPLACED, CURRENT, NOW);

		// then run 4 (replaced on the 30th) and run 3 (replaced by run 4 on the 20th) stay; run 2 was replaced on
		// 20 November
		assertThat(removed).containsExactly("run102", "run101");
	}

	@Test
	void eitherLimitRemovesARun() {
		// given
		HistoryRetention retention = new HistoryRetention(3, 15);

		// when
		List<String> removed = retention.toRemove(REPLACED, CURRENT, NOW);

		// then run 3 was replaced on 20 December, 11 days ago, but runs 1 and 2 are too many or too old
		assertThat(removed).containsExactly("run102", "run101");
		assertThat(new HistoryRetention(1, 15).toRemove(REPLACED, CURRENT, NOW)).containsExactly("run103", "run102",
				"run101");
	}

	@Test
	void withoutAPublishedFolderTheNewestReplacedRunStandsInForIt() {
		// given the range's folder was deleted by hand
		HistoryRetention retention = new HistoryRetention(0, 1);

		// when
		List<String> removed = retention.toRemove(REPLACED, null, NOW);

		// then
		assertThat(removed).containsExactly("run103", "run102", "run101");
	}

	@Test
	void aRunWhoseManifestCannotBeReadIsKept() {
		// given
		List<Run> replaced = List.of(new Run("unknown", 0, null), run(1, "2026-01-01"));

		// when
		List<String> removed = new HistoryRetention(0, 1).toRemove(replaced, CURRENT, NOW);

		// then
		assertThat(removed).containsExactly("run101");
	}

	@Test
	void aNegativeLimitNamesTheSetting() {
		// given / when / then
		assertThatThrownBy(() -> new HistoryRetention(-1, 0)).isInstanceOf(InvalidConfigurationException.class)
			.hasMessageStartingWith("hub-chargeback.history.keep-runs: -1 is negative");
	}

}

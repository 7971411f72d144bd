package org.hubchargeback.progress;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoadingProgressTests {

	@Test
	void aLineSaysRecordsBytesOfTheTotalRateAndTimeLeftAtTheBytesRate() {
		// given a quarter of 480 MB read in 30 s
		LoadingProgress progress = new LoadingProgress(6_123_450, 120_000_000, 480_000_000, Duration.ofSeconds(30));

		// when
		String line = progress.line();

		// then
		assertThat(line).isEqualTo("loading: 6,123,450 records, 120.0 of 480.0 MB (25%), 204,115 records/s,"
				+ " about 1 min 30 s left");
	}

	@Test
	void theStartAndTheEndSayNoTimeLeft() {
		// given / when / then
		assertThat(new LoadingProgress(0, 0, 2_000_000, Duration.ZERO).line())
			.isEqualTo("loading: 0 records, 0.0 of 2.0 MB (0%)");
		assertThat(new LoadingProgress(1037, 400_000, 400_000, Duration.ofSeconds(2)).line())
			.isEqualTo("loading: 1,037 records, 0.4 of 0.4 MB (100%), 519 records/s");
		assertThat(new LoadingProgress(10, 1, 2, Duration.ofMillis(100)).line()).endsWith(", under 1 s left");
	}

	@Test
	void longWaitsAreInHoursAndMinutes() {
		// given / when / then
		assertThat(LoadingProgress.duration(59)).isEqualTo("59 s");
		assertThat(LoadingProgress.duration(3599)).isEqualTo("59 min 59 s");
		assertThat(LoadingProgress.duration(7380)).isEqualTo("2 h 3 min");
	}

}

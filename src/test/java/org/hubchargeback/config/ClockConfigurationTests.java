package org.hubchargeback.config;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * "Now" is the system clock's unless {@code --as-of} (or {@code hub-chargeback.clock}) fixes it in the past.
 */
class ClockConfigurationTests {

	private static final Instant REAL_NOW = Instant.parse("2026-11-30T20:56:41.513Z");

	private static final Instant SETTING = Instant.parse("2026-11-17T07:00:00Z");

	@Test
	void withoutEitherNowIsTheSystemClocks() {
		// when
		Instant fixed = ClockConfiguration.asOf(null, null, REAL_NOW);

		// then
		assertThat(fixed).isNull();
	}

	@Test
	void asOfWinsOverTheSettingAndTheSettingAlone() {
		// when
		Instant asOf = ClockConfiguration.asOf(List.of("2026-11-18T07:00:00Z"), SETTING, REAL_NOW);
		Instant setting = ClockConfiguration.asOf(null, SETTING, REAL_NOW);

		// then
		assertThat(asOf).isEqualTo(Instant.parse("2026-11-18T07:00:00Z"));
		assertThat(setting).isEqualTo(SETTING);
	}

	@Test
	void asOfThatIsNoIsoInstantIsRefused() {
		// when, then
		assertThatThrownBy(() -> ClockConfiguration.asOf(List.of("2026-11-18"), null, REAL_NOW))
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessage("--as-of: '2026-11-18' is not an ISO instant such as 2026-11-17T07:00:00Z");
		assertThatThrownBy(() -> ClockConfiguration.asOf(List.of(), null, REAL_NOW))
			.hasMessage("--as-of needs one ISO instant, such as 2026-11-17T07:00:00Z");
	}

	@Test
	void aNowInTheFutureIsRefusedItWouldChargeDaysThatHaveNotEnded() {
		// when, then
		assertThatThrownBy(() -> ClockConfiguration.asOf(List.of("2026-12-01T00:00:00Z"), null, REAL_NOW))
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessage("--as-of 2026-12-01T00:00:00Z is in the future (it is 2026-11-30T20:56:41Z now): a run as of"
					+ " then would charge days that have not ended");
		assertThatThrownBy(() -> ClockConfiguration.asOf(null, Instant.parse("2027-01-01T00:00:00Z"), REAL_NOW))
			.hasMessageStartingWith("hub-chargeback.clock 2027-01-01T00:00:00Z is in the future");
	}

}

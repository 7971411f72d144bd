package org.hubchargeback.config;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.hubchargeback.Workspace;
import org.hubchargeback.Workspace.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every setting is bound from its {@code hub-chargeback.*} key, and one out of its range stops the application before
 * it touches anything, naming the setting.
 */
class HubChargebackPropertiesTests {

	@TempDir
	Path dir;

	@Test
	void settingsThatAreNotGivenHaveTheirDefaults() {
		// given no settings at all

		// when
		HubChargebackProperties properties = bind(Map.of());

		// then
		assertThat(properties.rerunGuard().maxShrink()).isEqualByComparingTo("0.5");
		assertThat(properties.lockWait()).isEqualTo(Duration.ofMinutes(1));
		assertThat(properties.fixedNow()).isNull();
		assertThat(properties.debug().haltAt()).isEmpty();
		assertThat(properties.debug().haltMarker()).isEqualTo(Path.of("halt-marker"));
	}

	@Test
	void settingsAreReadFromTheKeysOperatorsAndTestsUse() {
		// given
		Map<String, String> settings = Map.of("hub-chargeback.rerun-guard.max-shrink", "0.25",
				"hub-chargeback.lock-wait", "PT2S", "hub-chargeback.clock", "2026-11-17T07:00:00Z",
				"hub-chargeback.debug.halt-at", "publishing", "hub-chargeback.debug.halt-marker", "/tmp/marker");

		// when
		HubChargebackProperties properties = bind(settings);

		// then
		assertThat(properties.rerunGuard().maxShrink()).isEqualByComparingTo("0.25");
		assertThat(properties.lockWait()).isEqualTo(Duration.ofSeconds(2));
		assertThat(properties.fixedNow()).isEqualTo(Instant.parse("2026-11-17T07:00:00Z"));
		assertThat(properties.debug().haltAt()).isEqualTo(HubChargebackProperties.Debug.PUBLISHING);
		assertThat(properties.debug().haltMarker()).isEqualTo(Path.of("/tmp/marker"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "1", "0.05" })
	void maxShrinkIsAShareFromNoneToAll(String share) {
		// given
		Map<String, String> settings = Map.of("hub-chargeback.rerun-guard.max-shrink", share);

		// when
		HubChargebackProperties properties = bind(settings);

		// then
		assertThat(properties.rerunGuard().maxShrink()).isEqualByComparingTo(new BigDecimal(share));
	}

	@ParameterizedTest
	@ValueSource(strings = { "-0.1", "1.01", "50" })
	void maxShrinkOutsideZeroToOneIsRefused(String share) {
		// given a percentage where a share is meant, or a negative one
		Map<String, String> settings = Map.of("hub-chargeback.rerun-guard.max-shrink", share);

		// when, then
		assertRefused(settings,
				"hub-chargeback.rerun-guard.max-shrink: " + share + " is not a share between 0 and 1 (");
	}

	@Test
	void negativeLockWaitIsRefused() {
		// given
		Map<String, String> settings = Map.of("hub-chargeback.lock-wait", "-PT1S");

		// when, then
		assertRefused(settings, "hub-chargeback.lock-wait: PT-1S is negative");
	}

	@Test
	void noLockWaitMeansRefuseAtOnce() {
		// given
		Map<String, String> settings = Map.of("hub-chargeback.lock-wait", "PT0S");

		// when
		HubChargebackProperties properties = bind(settings);

		// then
		assertThat(properties.lockWait()).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-11-17", "2026-11-17T07:00:00", "tomorrow" })
	void clockThatIsNoIsoInstantIsRefused(String clock) {
		// given a date, and a time without its zone
		Map<String, String> settings = Map.of("hub-chargeback.clock", clock);

		// when, then
		assertRefused(settings,
				"hub-chargeback.clock: '" + clock + "' is not an ISO instant such as 2026-11-17T07:00:00Z");
	}

	@Test
	void haltPointNobodyKnowsIsRefused() {
		// given a misspelt point, which would otherwise halt nowhere
		Map<String, String> settings = Map.of("hub-chargeback.debug.halt-at", "publish");

		// when, then
		assertRefused(settings,
				"hub-chargeback.debug.halt-at: 'publish' is none of loading, writing-chargebacks, publishing");
	}

	@Test
	void aSettingOutOfRangeStopsTheApplicationWithOneLineNamingIt() {
		// given an installation with one hub
		Workspace workspace = new Workspace(this.dir).hub("east", "11111111-1111-4111-8111-111111111111", "en-US",
				Map.of(), Map.of());

		// when
		Result result = workspace.run("--from=2026-11-16", "--hub-chargeback.rerun-guard.max-shrink=50");

		// then nothing ran
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.stderr()).startsWith("hub-chargeback: cannot start: hub-chargeback.rerun-guard.max-shrink: 50"
				+ " is not a share between 0 and 1");
		assertThat(workspace.out()).doesNotExist();
	}

	/**
	 * @param message the start of the one line the operator is told
	 */
	private static void assertRefused(Map<String, String> settings, String message) {
		assertThatThrownBy(() -> bind(settings)).rootCause()
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessageStartingWith(message);
	}

	private static HubChargebackProperties bind(Map<String, String> settings) {
		return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("hub-chargeback",
				HubChargebackProperties.class);
	}

}

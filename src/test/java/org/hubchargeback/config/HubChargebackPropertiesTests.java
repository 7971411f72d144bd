package org.hubchargeback.config;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

	@Test
	void negativeNightlyLagIsRefused() {
		// given a lag that would count a day as complete before it ended
		Map<String, String> settings = Map.of("hub-chargeback.nightly.lag", "-PT1H");

		// when, then
		assertRefused(settings, "hub-chargeback.nightly.lag: PT-1H is negative (PT6H: a UTC day counts as complete 6"
				+ " hours after it ends)");
	}

	@Test
	void twoHubsReadingOneInputFolderAreRefusedNamingBothAndTheFolder() throws IOException {
		// given the second hub names the first one's folder in another way
		Path usage = Files.createDirectories(this.dir.resolve("east/usage"));
		Map<String, String> settings = hubs(usage.toString(), this.dir.resolve("west/../east/usage/").toString());

		// when, then
		assertRefused(settings, "hubs east and west share the input folder " + usage.toRealPath() + ": every export in"
				+ " it would be charged twice, once to each hub; give each hub its own folder");
	}

	@Test
	void aLinkToAnotherHubsInputFolderIsTheSameFolder() throws IOException {
		// given
		Path usage = Files.createDirectories(this.dir.resolve("east/usage"));
		Path link = Files.createSymbolicLink(this.dir.resolve("west-usage"), usage);

		// when, then
		assertRefused(hubs(usage.toString(), link.toString()), "hubs east and west share the input folder "
				+ usage.toRealPath() + " (west names it " + link + ")");
	}

	@Test
	void aFolderThatDoesNotExistYetIsComparedByName() {
		// given (a missing folder fails the run later, naming it)
		Path usage = this.dir.resolve("nowhere/usage");

		// when, then
		assertRefused(hubs(usage.toString(), usage.toString()), "hubs east and west share the input folder " + usage
				+ ": every export");
	}

	@Test
	void aHubMayReadAFolderInsideAnotherHubsOneItReadsOnlyTheFilesDirectlyInIt() throws IOException {
		// given
		Path east = Files.createDirectories(this.dir.resolve("usage"));
		Path west = Files.createDirectories(this.dir.resolve("usage/west"));

		// when
		HubChargebackProperties properties = bind(hubs(east.toString(), west.toString()));

		// then
		assertThat(properties.hubs()).extracting(HubChargebackProperties.Hub::inputDirs)
			.containsExactly(List.of(east), List.of(west));
	}

	@Test
	void hubsSharingAnInputFolderStopTheApplicationBeforeItChargesAnything() throws IOException {
		// given two hubs both reading east's exports
		Path usage = Files.createDirectories(this.dir.resolve("east/usage"));
		Workspace workspace = new Workspace(this.dir);
		workspace.config(workspace.write("shared.yml", """
				hub-chargeback:
				  hubs:
				    - name: east
				      input-dirs: [%s]
				    - name: west
				      input-dirs: [%s]
				""".formatted(usage, usage)));

		// when
		Result result = workspace.run("--from=2026-11-16");

		// then nothing ran
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.stderr().strip()).isEqualTo("hub-chargeback: cannot start: hubs east and west share the"
				+ " input folder " + usage.toRealPath() + ": every export in it would be charged twice, once to each"
				+ " hub; give each hub its own folder");
		assertThat(workspace.out()).doesNotExist();
	}

	private static Map<String, String> hubs(String eastInput, String westInput) {
		return Map.of("hub-chargeback.hubs[0].name", "east", "hub-chargeback.hubs[0].input-dirs[0]", eastInput,
				"hub-chargeback.hubs[1].name", "west", "hub-chargeback.hubs[1].input-dirs[0]", westInput);
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

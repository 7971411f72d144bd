package org.hubchargeback.config;

import java.util.Map;

import org.hubchargeback.config.KnownSettings.Element;
import org.hubchargeback.config.KnownSettings.Unknown;
import org.hubchargeback.remote.RemoteProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KnownSettingsTests {

	private static final KnownSettings KNOWN = KnownSettings
		.of(Map.of("", HubChargebackProperties.class, "remote", RemoteProperties.class, "data-dir", String.class));

	@Test
	void settingsOfTheRecordsTheirListsAndTheExtraKeysAreKnownInAnySpelling() {
		// given, when, then
		assertThat(KNOWN.check(name("output-dir"))).isNull();
		assertThat(KNOWN.check(name("outputDir"))).isNull();
		assertThat(KNOWN.check(name("data-dir"))).isNull();
		assertThat(KNOWN.check(name("remote"), name("rabbitmq"), name("virtual_host"))).isNull();
		assertThat(KNOWN.check(name("hubs"), index("0"), name("input-dirs"), index("1"))).isNull();
		assertThat(KNOWN.check(name("azure"), name("trust-store-password"))).isNull();
	}

	@Test
	void aTypoIsNamedWithTheNearestSettingAtItsPlace() {
		// given
		Element[] typo = { name("hubs"), index("2"), name("user-subscription-file") };

		// when
		Unknown unknown = KNOWN.check(typo);

		// then
		assertThat(unknown).isEqualTo(new Unknown("hubs[2]", "hubs[2].user-subscriptions-file"));
	}

	@Test
	void aKeyFarFromEverySettingHasNoSuggestion() {
		// given, when
		Unknown unknown = KNOWN.check(name("pricing"), name("currency-of-the-moon"));

		// then
		assertThat(unknown).isEqualTo(new Unknown("pricing", null));
	}

	@Test
	void nothingHangsBelowAPlainValue() {
		// given, when
		Unknown unknown = KNOWN.check(name("threads"), name("max"));

		// then
		assertThat(unknown).isEqualTo(new Unknown("threads", null));
	}

	private static Element name(String name) {
		return new Element(name, false);
	}

	private static Element index(String index) {
		return new Element(index, true);
	}

}

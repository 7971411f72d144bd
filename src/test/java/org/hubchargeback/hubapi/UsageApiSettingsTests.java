package org.hubchargeback.hubapi;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.hubchargeback.config.HubChargebackProperties.Hub;
import org.hubchargeback.config.HubChargebackProperties.RegistrationSource;
import org.hubchargeback.config.HubChargebackProperties.UsageSource;
import org.hubchargeback.config.InvalidConfigurationException;
import org.hubchargeback.hubapi.UsageApiProperties.Credential;
import org.hubchargeback.hubapi.UsageApiProperties.HubApi;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The usage API settings a hub is refused with before anything is fetched.
 */
class UsageApiSettingsTests {

	static final Credential TOKEN = new Credential("access-token", "entra", null, null, null, null, null, null,
			"https://adminmanagement.local.azurestack.external/4de154de", "t");

	static HubApi api(String endpoint, String firstDay, Path archiveDir, Credential credential) {
		return new HubApi(endpoint, FakeHubAdmin.PROVIDER_SUBSCRIPTION, "daily", firstDay, archiveDir, credential, null,
				null);
	}

	static Hub hub(UsageSource source, String culture, Path userSubscriptions) {
		return new Hub("east", null, "11111111-1111-4111-8111-111111111111", RegistrationSource.FILE, null,
				userSubscriptions, List.of(Path.of("/srv/east/usage")), culture, source);
	}

	@Test
	void aWellFormedHubIsAccepted() {
		// given
		HubApi api = api("https://adminmanagement.east.contoso.com", "2026-12-01", Path.of("/srv/east/usage"), TOKEN);

		// when / then
		assertThatCode(() -> new UsageApiProperties(Map.of("east", api), 4, java.time.Duration.ofSeconds(2),
				java.time.Duration.ofSeconds(60), java.time.Duration.ofSeconds(60), 62)).doesNotThrowAnyException();
		assertThatCode(() -> UsageFetcher.requireConsistent(List.of(hub(UsageSource.API, "en-US", Path.of("u.json"))),
				Map.of("east", api))).doesNotThrowAnyException();
	}

	@Test
	void endpointFirstDayAndAudienceAreChecked() {
		// given / when / then
		assertThatThrownBy(() -> api("http://adminmanagement.east", "2026-12-01", null, TOKEN).check("k"))
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessageContaining("k.admin-endpoint");
		assertThatThrownBy(() -> api("https://a", "12/01/2026", null, TOKEN).check("k"))
			.hasMessageContaining("first-reported-day: '12/01/2026' is not a date");
		Credential noAudience = new Credential("service-principal", "adfs", "https://adfs.east.contoso.com/", null, "c",
				"s", null, null, " ", null);
		assertThatThrownBy(() -> api("https://a", "2026-12-01", null, noAudience).check("k"))
			.hasMessageContaining("k.credential.audience is not set");
		Credential adfsWithoutAuthority = new Credential("service-principal", "adfs", null, null, "c", "s", null, null,
				"https://a/1", null);
		assertThatThrownBy(() -> api("https://a", "2026-12-01", null, adfsWithoutAuthority).check("k"))
			.hasMessageContaining("authority-host is not set: AD FS is https://adfs.{region}.{fqdn}/");
	}

	@Test
	void aHubAndItsEndpointMustAgree() {
		// given
		HubApi api = api("https://a", "2026-12-01", null, TOKEN);

		// when / then
		assertThatThrownBy(() -> UsageFetcher.requireConsistent(List.of(hub(UsageSource.FILES, "en-US", null)),
				Map.of("east", api)))
			.hasMessageContaining("usage-source is not api");
		assertThatThrownBy(() -> UsageFetcher.requireConsistent(List.of(hub(UsageSource.API, "en-US", null)),
				Map.of("east", api)))
			.hasMessageContaining("user-subscriptions-file is not set");
		assertThatThrownBy(() -> UsageFetcher.requireConsistent(
				List.of(hub(UsageSource.API, "de-DE", Path.of("u.json"))), Map.of("east", api)))
			.hasMessageContaining("set culture: en-US");
		assertThatThrownBy(() -> UsageFetcher.requireConsistent(List.of(hub(UsageSource.API, "en-US",
				Path.of("u.json"))), Map.of("east", api("https://a", "2026-12-01", Path.of("/srv/elsewhere"), TOKEN))))
			.hasMessageContaining("is none of the hub's input-dirs");
		assertThatThrownBy(() -> UsageFetcher.requireConsistent(List.of(), Map.of("west", api)))
			.hasMessageContaining("no hub west is configured");
	}

}

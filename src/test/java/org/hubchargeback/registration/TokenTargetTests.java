package org.hubchargeback.registration;

import java.time.Duration;

import org.hubchargeback.config.HubChargebackProperties.Azure;
import org.hubchargeback.config.InvalidConfigurationException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenTargetTests {

	static Azure azure(String endpoint, @Nullable String authorityHost, @Nullable String scope) {
		return new Azure(endpoint, authorityHost, scope, "2022-06-01", 4, Duration.ofSeconds(2), Duration.ofSeconds(60),
				Duration.ofSeconds(60), "default", null, null, null);
	}

	@ParameterizedTest
	@CsvSource({ "https://management.azure.com, https://management.azure.com/.default",
			"https://management.azure.com/, https://management.azure.com/.default",
			"https://management.usgovcloudapi.net, https://management.usgovcloudapi.net/.default",
			"https://management.chinacloudapi.cn/, https://management.chinacloudapi.cn/.default",
			"https://management.local.azurestack.external, https://management.local.azurestack.external/.default",
			"https://adminmanagement.local.azurestack.external/,"
					+ " https://adminmanagement.local.azurestack.external/.default",
			"https://Management.Azure.com:443, https://management.azure.com:443/.default" })
	void theScopeIsDerivedFromTheResourceManagerEndpoint(String endpoint, String scope) {
		// when
		TokenTarget target = TokenTarget.of(azure(endpoint, null, null), null);

		// then
		assertThat(target.scope()).isEqualTo(scope);
		assertThat(target.scopeFrom()).isEqualTo("derived from hub-chargeback.azure.resource-manager-endpoint");
	}

	@Test
	void aScopeSetExplicitlyWins() {
		// when
		TokenTarget target = TokenTarget.of(azure("https://management.local.azurestack.external",
				null, "https://management.adfs.azurestack.local/b2d1a6a9-0000-4000-8000-000000000001/.default"), null);

		// then
		assertThat(target.scope())
			.isEqualTo("https://management.adfs.azurestack.local/b2d1a6a9-0000-4000-8000-000000000001/.default");
		assertThat(target.scopeFrom()).isEqualTo("hub-chargeback.azure.scope");
	}

	@Test
	void theAuthorityIsTheSettingThenAzureAuthorityHostThenThePublicCloud() {
		// given
		String endpoint = "https://management.usgovcloudapi.net";

		// when
		TokenTarget setting = TokenTarget.of(azure(endpoint, "https://login.microsoftonline.us/", null),
				"https://login.chinacloudapi.cn/");
		TokenTarget variable = TokenTarget.of(azure(endpoint, null, null), "https://login.microsoftonline.us/");
		TokenTarget neither = TokenTarget.of(azure(endpoint, " ", null), " ");

		// then
		assertThat(setting.authorityHost()).isEqualTo("https://login.microsoftonline.us/");
		assertThat(setting.authorityFrom()).isEqualTo("hub-chargeback.azure.authority-host");
		assertThat(variable.authorityHost()).isEqualTo("https://login.microsoftonline.us/");
		assertThat(variable.authorityFrom()).isEqualTo("AZURE_AUTHORITY_HOST");
		assertThat(neither.authorityHost()).isEqualTo("https://login.microsoftonline.com/");
		assertThat(neither.describe()).contains("neither hub-chargeback.azure.authority-host nor AZURE_AUTHORITY_HOST");
	}

	@Test
	void onlyTheAzureCloudsAuthoritiesAreKnownToInstanceDiscovery() {
		// when / then
		assertThat(TokenTarget.of(azure("https://management.azure.com", null, null), null).knownCloud()).isTrue();
		assertThat(TokenTarget.of(azure("https://management.azure.com", "https://adfs.local.azurestack.external/adfs",
				null), null).knownCloud()).isFalse();
	}

	@Test
	void anEndpointOrAuthorityThatIsNoHttpsUrlIsAConfigurationError() {
		// when / then
		assertThatThrownBy(() -> azure("management.azure.com", null, null))
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessageContaining(
					"hub-chargeback.azure.resource-manager-endpoint: 'management.azure.com' is no https URL");
		assertThatThrownBy(() -> azure("https://management.azure.com", "http://login.microsoftonline.com/", null))
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessageContaining("hub-chargeback.azure.authority-host");
	}

}

package org.hubchargeback.hubapi;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hubchargeback.OneHub;
import org.hubchargeback.Workspace;
import org.hubchargeback.Workspace.Result;
import org.hubchargeback.hubapi.UsageApiProperties.Credential;
import org.hubchargeback.hubapi.UsageApiProperties.HubApi;
import org.hubchargeback.registration.FakeResourceManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.hubchargeback.OneHub.BASE_VM;
import static org.hubchargeback.OneHub.LOCAL;
import static org.hubchargeback.hubapi.FakeIdentityProvider.AUDIENCE;
import static org.hubchargeback.hubapi.FakeIdentityProvider.CLIENT_ID;
import static org.hubchargeback.hubapi.FakeIdentityProvider.SECRET;
import static org.hubchargeback.hubapi.FakeIdentityProvider.TENANT;

/**
 * The azure-identity credentials of a hub ({@code service-principal}, {@code certificate}) against
 * {@link FakeIdentityProvider} as Entra ID and as the hub's AD FS, through the hub's trust store, and the token fetched
 * again when the hub refuses one.
 */
class HubCredentialsTests {

	static final LocalDate NOV16 = LocalDate.parse("2026-11-16");

	static final String ADFS_TOKEN = "POST /adfs/oauth2/token";

	static final String ENTRA_TOKEN = "POST /" + TENANT + "/oauth2/v2.0/token";

	@TempDir
	Path dir;

	FakeHubAdmin hub;

	FakeIdentityProvider idp;

	@BeforeEach
	void start() throws Exception {
		this.hub = new FakeHubAdmin().userSubscription(LOCAL, OneHub.TENANT);
		this.hub.report(NOV16, LOCAL, BASE_VM, NOV16, 1, "1", "vm1");
		this.idp = new FakeIdentityProvider(this.hub, FakeResourceManager.tls().resolve("arm.p12"));
	}

	@AfterEach
	void stop() {
		this.idp.close();
		this.hub.close();
	}

	@Test
	void aFetchGetsItsTokenFromTheHubsAdfsThroughTheTrustStore() {
		// given a disconnected hub: a service principal of its AD FS, whose certificate only the trust store vouches for
		Workspace workspace = OneHub.workspace(this.dir).hubSetting("usage-source: api").settings("""
				  usage-api:
				    hubs:
				      east:
				        admin-endpoint: %s
				        provider-subscription-id: %s
				        first-reported-day: 2026-11-16
				        trust-store: %s
				        trust-store-password: %s
				        credential:
				          type: service-principal
				          identity-provider: adfs
				          authority-host: %s
				          client-id: %s
				          client-secret: %s
				          audience: %s
				""".formatted(this.hub.endpoint(), FakeHubAdmin.PROVIDER_SUBSCRIPTION, this.hub.trustStore(),
				FakeResourceManager.STORE_PASSWORD, this.idp.authorityHost(), CLIENT_ID, SECRET, AUDIENCE));

		// when
		Result result = workspace.run("--fetch-usage", "--hub-chargeback.clock=2026-11-17T07:00:00Z");

		// then one token from AD FS's token endpoint (no discovery, no other path) served every request of the fetch
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		assertThat(result.stdout()).contains("east: reported 2026-11-16: 1 records in");
		assertThat(this.idp.requests()).containsExactly(ADFS_TOKEN);
		assertThat(this.idp.issued()).containsExactly("issued-1");
		assertThat(this.hub.requests()).hasSize(2);
	}

	@Test
	void anEntraServicePrincipalGetsItsTokenFromItsTenantsTokenEndpoint() {
		// given
		HubAdminClient client = client(secret("entra"));

		// when
		List<JsonNode> usage = fetch(client);

		// then
		assertThat(usage).hasSize(1);
		assertThat(this.idp.requests()).containsExactly(ENTRA_TOKEN);
	}

	@Test
	void aCertificateSignsTheAssertionItsTokenIsGrantedFor() throws Exception {
		// given the service principal's certificate and key as a PFX (the fake's own key store serves)
		Path pfx = FakeResourceManager.tls().resolve("arm.p12");
		Credential entra = new Credential("certificate", "entra", this.idp.authorityHost(), TENANT, CLIENT_ID, null,
				pfx, FakeResourceManager.STORE_PASSWORD, AUDIENCE, null);
		Credential adfs = new Credential("certificate", "adfs", this.idp.authorityHost(), null, CLIENT_ID, null, pfx,
				FakeResourceManager.STORE_PASSWORD, AUDIENCE, null);

		// when
		List<JsonNode> fromEntra = fetch(client(entra));
		List<JsonNode> fromAdfs = fetch(client(adfs));

		// then the fake granted each token only for an assertion naming the certificate, the client and its endpoint
		assertThat(fromEntra).hasSize(1);
		assertThat(fromAdfs).hasSize(1);
		assertThat(this.idp.requests()).containsExactly(ENTRA_TOKEN, ADFS_TOKEN);
		assertThat(this.idp.issued()).hasSize(2);
	}

	@Test
	void aTokenTheHubRefusesAsExpiredIsReplacedByANewOneNotByTheCachedOne() {
		// given a fetch done with the first token, which the hub then takes for expired (its lifetime is not over)
		HubAdminClient client = client(secret("adfs"));
		fetch(client);
		this.hub.expire("issued-1");

		// when the same client fetches again
		List<JsonNode> usage = fetch(client);

		// then the 401's challenge got a token from the identity provider, not the refused one from the cache
		assertThat(usage).hasSize(1);
		assertThat(this.idp.issued()).containsExactly("issued-1", "issued-2");
		assertThat(this.hub.usageRequests()).hasSize(3);

		// and the next requests carry the new token without a 401 first
		fetch(client);
		assertThat(this.hub.usageRequests()).hasSize(4);
		assertThat(this.idp.issued()).hasSize(2);
	}

	@Test
	void aTokenEndpointTheTrustStoreDoesNotTrustIsOneLineNamingTheTrustStore() throws Exception {
		// given an AD FS whose certificate is not in the hub's trust store
		try (FakeIdentityProvider untrusted = new FakeIdentityProvider(this.hub,
				FakeResourceManager.untrustedTls().resolve("arm.p12"))) {
			Credential credential = new Credential("service-principal", "adfs", untrusted.authorityHost(), null,
					CLIENT_ID, SECRET, null, null, AUDIENCE, null);

			// when, then
			assertThatExceptionOfType(HubApiException.class).isThrownBy(() -> fetch(client(credential)))
				.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("\n")
					.contains("the TLS certificate of the identity provider " + untrusted.authorityHost()
							+ " is not trusted by the trust store " + this.hub.trustStore())
					.contains("hub-chargeback.usage-api.hubs.east.trust-store"));
			assertThat(untrusted.issued()).isEmpty();
		}
	}

	private Credential secret(String identityProvider) {
		return new Credential("service-principal", identityProvider, this.idp.authorityHost(),
				identityProvider.equals("adfs") ? null : TENANT, CLIENT_ID, SECRET, null, null, AUDIENCE, null);
	}

	private HubAdminClient client(Credential credential) {
		HubApi api = new HubApi(this.hub.endpoint(), FakeHubAdmin.PROVIDER_SUBSCRIPTION, "daily", "2026-11-16", null,
				credential, this.hub.trustStore(), FakeResourceManager.STORE_PASSWORD);
		UsageApiProperties settings = new UsageApiProperties(Map.of("east", api), 1, Duration.ofMillis(10),
				Duration.ofMillis(100), Duration.ofSeconds(20), 62);
		return new HubAdminClient("east", api, settings);
	}

	private static List<JsonNode> fetch(HubAdminClient client) {
		List<JsonNode> usage = new ArrayList<>();
		Instant start = NOV16.atStartOfDay(ZoneOffset.UTC).toInstant();
		client.usage(start, start.plusSeconds(86_400), usage::add);
		return usage;
	}

}

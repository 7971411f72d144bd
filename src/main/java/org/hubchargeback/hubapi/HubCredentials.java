package org.hubchargeback.hubapi;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.identity.AzureAuthorityHosts;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import org.hubchargeback.hubapi.UsageApiProperties.Credential;
import org.hubchargeback.hubapi.UsageApiProperties.HubApi;
import org.hubchargeback.registration.AzureHttpClients;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The HTTP client and the credential of one hub. Both use the same client, so the hub's trust store covers the token
 * endpoint (AD FS on the hub itself) as well as the admin endpoint.
 */
final class HubCredentials {

	private static final List<String> ENTRA_CLOUDS = List.of(AzureAuthorityHosts.AZURE_PUBLIC_CLOUD,
			AzureAuthorityHosts.AZURE_GOVERNMENT, AzureAuthorityHosts.AZURE_CHINA);

	private HubCredentials() {
	}

	static HttpClient httpClient(String hub, HubApi api, UsageApiProperties settings) {
		try {
			return AzureHttpClients.httpClient(api.trustStore(), api.trustStorePassword(), settings.timeout());
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new HubApiException("cannot use trust store " + api.trustStore() + " (hub-chargeback.usage-api.hubs."
					+ hub + ".trust-store): " + ex.getMessage() + "; check the file and its trust-store-password", ex);
		}
	}

	/**
	 * A new credential each call: with its own token cache, so a token the hub refused is not handed out again.
	 */
	static TokenCredential credential(String hub, Credential credential, HttpClient httpClient,
			UsageApiProperties settings) {
		// the identity provider is retried as the hub is, not with azure-identity's own back-off
		RetryOptions retries = new RetryOptions(new ExponentialBackoffOptions().setMaxRetries(settings.maxRetries())
			.setBaseDelay(settings.retryDelay())
			.setMaxDelay(settings.maxRetryDelay()));
		String key = "hub-chargeback.usage-api.hubs." + hub + ".credential";
		String authority = credential.authority();
		return switch (credential.type()) {
			case "access-token" -> {
				String token = required(credential.accessToken(), key + ".access-token");
				// a token obtained elsewhere (Get-AzAccessToken): valid for about an hour
				yield (request) -> Mono.just(new AccessToken(token, OffsetDateTime.now().plusMinutes(55)));
			}
			case "managed-identity" -> {
				ManagedIdentityCredentialBuilder builder = new ManagedIdentityCredentialBuilder()
					.httpClient(httpClient)
					.retryOptions(retries);
				yield (credential.clientId() != null) ? builder.clientId(credential.clientId()).build()
						: builder.build();
			}
			case "certificate" -> {
				String tenant = tenant(credential, key);
				Path file = credential.certificate();
				if (file == null) {
					throw new HubApiException(key + ".certificate is not set (a PEM or PFX file with the key)", null);
				}
				ClientCertificateCredentialBuilder builder = new ClientCertificateCredentialBuilder().tenantId(tenant)
					.clientId(required(credential.clientId(), key + ".client-id"))
					.authorityHost(authority)
					.httpClient(httpClient)
					.retryOptions(retries);
				if (!discoversInstance(credential, authority)) {
					builder.disableInstanceDiscovery();
				}
				boolean pem = file.toString().toLowerCase(Locale.ROOT).endsWith(".pem");
				yield pem ? builder.pemCertificate(file.toString()).build()
						: builder.pfxCertificate(file.toString())
							.clientCertificatePassword(String.valueOf(credential.certificatePassword()))
							.build();
			}
			default -> {
				String tenant = tenant(credential, key);
				ClientSecretCredentialBuilder builder = new ClientSecretCredentialBuilder().tenantId(tenant)
					.clientId(required(credential.clientId(), key + ".client-id"))
					.clientSecret(required(credential.clientSecret(), key + ".client-secret"))
					.authorityHost(authority)
					.httpClient(httpClient)
					.retryOptions(retries);
				if (!discoversInstance(credential, authority)) {
					builder.disableInstanceDiscovery();
				}
				yield builder.build();
			}
		};
	}

	/**
	 * MSAL checks an Entra authority with Entra's instance discovery, asked of the authority host when it is a cloud
	 * MSAL knows and of the public cloud otherwise (which cannot vouch for it, and which a hub's network may not reach:
	 * the retries delay every token). AD FS has no instance discovery.
	 */
	private static boolean discoversInstance(Credential credential, String authority) {
		String host = authority.replaceAll("/+$", "").toLowerCase(Locale.ROOT) + "/";
		return !credential.isAdfs() && ENTRA_CLOUDS.contains(host);
	}

	// AD FS has one tenant, "adfs", and no instance discovery: the authority is https://adfs.{region}.{fqdn}/adfs
	private static String tenant(Credential credential, String key) {
		return credential.isAdfs() ? "adfs" : required(credential.tenantId(), key + ".tenant-id");
	}

	private static String required(@Nullable String value, String key) {
		if (value == null || value.isBlank()) {
			throw new HubApiException(key + " is not set", null);
		}
		return value;
	}

}

package org.hubchargeback.hubapi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.OffsetDateTime;
import java.util.Locale;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import org.hubchargeback.hubapi.UsageApiProperties.Credential;
import org.hubchargeback.hubapi.UsageApiProperties.HubApi;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The HTTP client and the credential of one hub. Both use the same client, so the hub's trust store covers the token
 * endpoint (AD FS on the hub itself) as well as the admin endpoint.
 */
final class HubCredentials {

	private HubCredentials() {
	}

	static HttpClient httpClient(String hub, HubApi api, UsageApiProperties settings) {
		java.net.http.HttpClient.Builder builder = java.net.http.HttpClient.newBuilder();
		if (api.trustStore() != null) {
			builder.sslContext(sslContext(hub, api.trustStore(), api.trustStorePassword()));
		}
		return new JdkHttpClientBuilder(builder).responseTimeout(settings.timeout()).build();
	}

	static TokenCredential credential(String hub, Credential credential, HttpClient httpClient) {
		String key = "hub-chargeback.usage-api.hubs." + hub + ".credential";
		String authority = (credential.authorityHost() != null && !credential.authorityHost().isBlank())
				? credential.authorityHost() : "https://login.microsoftonline.com/";
		return switch (credential.type()) {
			case "access-token" -> {
				String token = required(credential.accessToken(), key + ".access-token");
				// a token obtained elsewhere (Get-AzAccessToken): valid for about an hour
				yield (request) -> Mono.just(new AccessToken(token, OffsetDateTime.now().plusMinutes(55)));
			}
			case "managed-identity" -> {
				ManagedIdentityCredentialBuilder builder = new ManagedIdentityCredentialBuilder()
					.httpClient(httpClient);
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
					.httpClient(httpClient);
				if (credential.isAdfs()) {
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
					.httpClient(httpClient);
				if (credential.isAdfs()) {
					builder.disableInstanceDiscovery();
				}
				yield builder.build();
			}
		};
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

	private static SSLContext sslContext(String hub, Path store, @Nullable String password) {
		try (InputStream in = Files.newInputStream(store)) {
			KeyStore trusted = KeyStore.getInstance("PKCS12");
			trusted.load(in, (password != null) ? password.toCharArray() : new char[0]);
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(trusted);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, factory.getTrustManagers(), null);
			return context;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new HubApiException("cannot use trust store " + store + " (hub-chargeback.usage-api.hubs." + hub
					+ ".trust-store): " + ex.getMessage() + "; check the file and its trust-store-password", ex);
		}
	}

}

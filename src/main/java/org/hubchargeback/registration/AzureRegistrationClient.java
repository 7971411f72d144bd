package org.hubchargeback.registration;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLHandshakeException;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.ExponentialBackoff;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.core.util.Configuration;
import com.azure.core.util.ConfigurationBuilder;
import com.azure.core.util.Context;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.resourcemanager.resources.fluentcore.utils.HttpPipelineProvider;
import org.hubchargeback.config.HubChargebackProperties;
import org.hubchargeback.config.HubChargebackProperties.Azure;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import static org.hubchargeback.registration.AzureHttpClients.hasCause;
import static org.hubchargeback.registration.AzureHttpClients.rootMessage;

/**
 * The registration's resources in Azure Resource Manager ({@code Microsoft.AzureStack/registrations} and its
 * {@code customerSubscriptions}), through the Azure SDK's resource-manager pipeline: credentials from the Azure
 * chain, and retries with exponential back-off that honour {@code Retry-After} on 429, 5xx and lost connections.
 */
@Component
public class AzureRegistrationClient {

	private static final Pattern RESOURCE_ID = Pattern.compile(
			"/?subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.AzureStack/registrations/([^/]+)/?",
			Pattern.CASE_INSENSITIVE);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * The code of an answer that is no registration resource (invalid JSON, a list without its {@code value}).
	 */
	public static final String INVALID_ANSWER = "InvalidAnswer";

	private final Azure settings;

	// the environment and system properties as they are now: the SDK's global configuration keeps the first value
	// it saw of each for the life of the JVM
	private final Configuration configuration = new ConfigurationBuilder((path) -> Map.of(),
			(path) -> systemProperties(), (path) -> System.getenv())
		.build();

	private @Nullable HttpPipeline pipeline;

	private @Nullable TokenTarget tokenTarget;

	public AzureRegistrationClient(HubChargebackProperties properties) {
		this.settings = properties.azure();
	}

	private static Map<String, String> systemProperties() {
		Map<String, String> properties = new HashMap<>();
		System.getProperties().forEach((key, value) -> properties.put(key.toString(), value.toString()));
		return properties;
	}

	/**
	 * GET the registration resource: confirms it exists.
	 * @return the registration's {@code properties} ({@code billingModel}, {@code cloudId}, ...)
	 */
	public JsonNode getRegistration(String registrationResourceId, String apiVersion) {
		return send(HttpMethod.GET, url(registrationResourceId, "", apiVersion), null, "read the registration").body();
	}

	/**
	 * Lists every customer subscription of a registration, following {@code nextLink} pages.
	 */
	public List<CustomerSubscription> listCustomerSubscriptions(String registrationResourceId, String apiVersion) {
		List<CustomerSubscription> entries = new ArrayList<>();
		String next = url(registrationResourceId, "/customerSubscriptions", apiVersion);
		for (int page = 0; next != null && !next.isBlank(); page++) {
			if (page > 10_000) {
				throw new AzureRegistrationException(200, INVALID_ANSWER, "customerSubscriptions paging does not end",
						null);
			}
			JsonNode body = send(HttpMethod.GET, next, null, "list customer subscriptions").body();
			// the file reader refuses this payload too: taken as "no customer subscriptions", it would charge every
			// tenant to the default subscription
			if (!body.path("value").isArray()) {
				throw new AzureRegistrationException(200, INVALID_ANSWER,
						"cannot list customer subscriptions: Azure answered " + next.replaceAll("\\?.*", "")
								+ " without a 'value' list (" + abbreviate(body.toString()) + "); not charged as a"
								+ " registration without customer subscriptions",
						null);
			}
			body.path("value").forEach((entry) -> entries.add(CustomerSubscription.fromArm(entry)));
			next = body.path("nextLink").asString("");
		}
		return entries;
	}

	/**
	 * PUT a customer subscription on the registration, mapping it to a tenant (what {@code New-AzResource} does).
	 * @return the HTTP status: 200 or 201 done, 202 accepted (the change may show later)
	 */
	public int putCustomerSubscription(String registrationResourceId, String customerSubscriptionId, String tenantId,
			String apiVersion) {
		String body = JSON.writeValueAsString(Map.of("properties", Map.of("tenantId", tenantId)));
		return send(HttpMethod.PUT, url(registrationResourceId, "/customerSubscriptions/" + customerSubscriptionId, apiVersion),
				body, "register customer subscription " + customerSubscriptionId).status();
	}

	/**
	 * DELETE a customer subscription from the registration; its tenant's usage then goes to the default
	 * subscription.
	 * @return the HTTP status: 200 or 204 done, 202 accepted (the change may show later)
	 */
	public int deleteCustomerSubscription(String registrationResourceId, String customerSubscriptionId,
			String apiVersion) {
		return send(HttpMethod.DELETE,
				url(registrationResourceId, "/customerSubscriptions/" + customerSubscriptionId, apiVersion), null,
				"remove customer subscription " + customerSubscriptionId).status();
	}

	public String describe(String registrationResourceId) {
		return this.settings.resourceManagerEndpoint().replaceAll("/+$", "") + path(registrationResourceId);
	}

	private record Answer(int status, JsonNode body) {
	}

	private Answer send(HttpMethod method, String url, @Nullable String body, String what) {
		HttpRequest request = new HttpRequest(method, url);
		request.setHeader(HttpHeaderName.ACCEPT, "application/json");
		if (body != null) {
			request.setHeader(HttpHeaderName.CONTENT_TYPE, "application/json");
			request.setBody(body);
		}
		// outside the try below: a credential or trust store that cannot be used is no unreachable Azure
		HttpPipeline pipeline = pipeline();
		try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
			String text = response.getBodyAsBinaryData() != null ? response.getBodyAsBinaryData().toString() : "";
			int status = response.getStatusCode();
			if (status >= 200 && status < 300) {
				return new Answer(status, text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text));
			}
			throw error(status, text, what);
		}
		catch (AzureRegistrationException ex) {
			throw ex;
		}
		catch (JacksonException ex) {
			throw new AzureRegistrationException(200, INVALID_ANSWER, "cannot " + what + ": Azure answered with"
					+ " invalid JSON: " + ex.getOriginalMessage(), ex);
		}
		catch (ClientAuthenticationException ex) {
			if (hasCause(ex, SSLHandshakeException.class)) {
				throw new AzureRegistrationException(0, "UntrustedCertificate", "cannot " + what + ": the TLS"
						+ " certificate of the token endpoint at " + tokenTarget().authorityHost() + " ("
						+ tokenTarget().authorityFrom() + ") is not trusted (" + rootMessage(ex) + "); "
						+ trustAdvice(), ex);
			}
			throw new AzureRegistrationException(0, "CredentialUnavailable", "cannot " + what + ": no token for Azure"
					+ " Resource Manager from the credential (" + credentialName() + ", " + tokenTarget().describe()
					+ "): " + rootMessage(ex) + "; check the service principal (AZURE_TENANT_ID, AZURE_CLIENT_ID,"
					+ " AZURE_CLIENT_SECRET), the managed identity or `az login`, and the authority", ex);
		}
		catch (RuntimeException ex) {
			if (hasCause(ex, SSLHandshakeException.class)) {
				throw new AzureRegistrationException(0, "UntrustedCertificate", "cannot " + what + ": the TLS"
						+ " certificate of " + this.settings.resourceManagerEndpoint() + " is not trusted ("
						+ rootMessage(ex) + "); " + trustAdvice(), ex);
			}
			// the pipeline has already retried: Azure is not reachable from here now
			throw new AzureRegistrationException(0, "", "cannot " + what + ": Azure Resource Manager at "
					+ this.settings.resourceManagerEndpoint() + " is not reachable (" + rootMessage(ex) + ")", ex);
		}
	}

	private String trustAdvice() {
		if (this.settings.trustStore() != null) {
			return "the trust store " + this.settings.trustStore() + " (hub-chargeback.azure.trust-store) does not"
					+ " hold its CA: add it (it is used for Azure Resource Manager and the token endpoint alike)";
		}
		return "behind a TLS-inspecting proxy, set hub-chargeback.azure.trust-store to a PKCS12 store holding its CA";
	}

	private String credentialName() {
		return "access-token".equalsIgnoreCase(this.settings.credential()) ? "credential: access-token"
				: "the Azure default credential chain";
	}

	static String abbreviate(String text) {
		return (text.length() > 200) ? text.substring(0, 200) + "…" : text;
	}

	private AzureRegistrationException error(int status, String text, String what) {
		String code = "";
		String message = text.isBlank() ? "(no body)" : text.strip();
		try {
			JsonNode error = JSON.readTree(text).path("error");
			if (!error.isMissingNode()) {
				code = error.path("code").asString("");
				message = error.path("message").asString(message);
			}
		}
		catch (JacksonException ex) {
			// not an ARM error body: report it as it came
		}
		// a token for the wrong audience: say which scope it was asked for, and why that one
		String scope = "InvalidAuthenticationTokenAudience".equals(code) ? "; the token was asked with "
				+ tokenTarget().describe() : "";
		return new AzureRegistrationException(status, code,
				"cannot " + what + ": " + RegistrationErrors.explain(status, code, message) + scope, null);
	}

	private String url(String registrationResourceId, String child, String apiVersion) {
		return this.settings.resourceManagerEndpoint().replaceAll("/+$", "") + path(registrationResourceId) + child
				+ "?api-version=" + apiVersion;
	}

	private static String path(String registrationResourceId) {
		Matcher matcher = RESOURCE_ID.matcher(registrationResourceId.strip());
		if (!matcher.matches()) {
			throw new RegistrationException("'" + registrationResourceId
					+ "' is not a Microsoft.AzureStack/registrations resource ID");
		}
		return "/subscriptions/" + matcher.group(1) + "/resourceGroups/" + matcher.group(2)
				+ "/providers/Microsoft.AzureStack/registrations/" + matcher.group(3);
	}

	private synchronized HttpPipeline pipeline() {
		if (this.pipeline == null) {
			TokenTarget target = tokenTarget();
			AzureEnvironment environment = new AzureEnvironment(
					Map.of("resourceManagerEndpointUrl", this.settings.resourceManagerEndpoint(),
							"activeDirectoryEndpointUrl", target.authorityHost()));
			RetryPolicy retry = new RetryPolicy(new ExponentialBackoff(this.settings.maxRetries(),
					this.settings.retryDelay(), this.settings.maxRetryDelay()));
			// one HTTP client, so the configured trust store covers the token endpoint as well as ARM
			HttpClient client = httpClient();
			this.pipeline = HttpPipelineProvider.buildHttpPipeline(credential(target, client),
					new AzureProfile(environment), new String[] { target.scope() }, new HttpLogOptions(),
					this.configuration, retry, List.of(), client);
		}
		return this.pipeline;
	}

	private synchronized TokenTarget tokenTarget() {
		if (this.tokenTarget == null) {
			this.tokenTarget = TokenTarget.of(this.settings,
					this.configuration.get(Configuration.PROPERTY_AZURE_AUTHORITY_HOST));
		}
		return this.tokenTarget;
	}

	private TokenCredential credential(TokenTarget target, HttpClient client) {
		if ("access-token".equalsIgnoreCase(this.settings.credential())) {
			String token = (this.settings.accessToken() != null) ? this.settings.accessToken()
					: System.getenv("HUB_CHARGEBACK_AZURE_ACCESS_TOKEN");
			if (token == null || token.isBlank()) {
				throw new AzureRegistrationException(0, "CredentialUnavailable", "hub-chargeback.azure.credential is"
						+ " access-token, but no token is set (hub-chargeback.azure.access-token or"
						+ " HUB_CHARGEBACK_AZURE_ACCESS_TOKEN)", null);
			}
			// a token from `az account get-access-token`: it is valid for about an hour
			return (request) -> Mono.just(new AccessToken(token, OffsetDateTime.now().plusMinutes(55)));
		}
		// the configuration first: setting it resets the authority host to AZURE_AUTHORITY_HOST
		DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder().configuration(this.configuration)
			.authorityHost(target.authorityHost())
			.httpClient(client);
		return target.knownCloud() ? builder.build() : builder.disableInstanceDiscovery().build();
	}

	private HttpClient httpClient() {
		try {
			return AzureHttpClients.httpClient(this.settings.trustStore(), this.settings.trustStorePassword(),
					this.settings.timeout());
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new AzureRegistrationException(0, "TrustStore", "cannot use trust store "
					+ this.settings.trustStore() + " (hub-chargeback.azure.trust-store): " + rootMessage(ex)
					+ "; check the file and hub-chargeback.azure.trust-store-password", ex);
		}
	}

}

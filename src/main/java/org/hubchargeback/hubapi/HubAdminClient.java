package org.hubchargeback.hubapi;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.net.ssl.SSLHandshakeException;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.ExponentialBackoff;
import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.HttpLoggingPolicy;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.util.Context;
import org.hubchargeback.hubapi.UsageApiProperties.HubApi;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.hubchargeback.registration.AzureHttpClients.hasCause;
import static org.hubchargeback.registration.AzureHttpClients.rootMessage;

/**
 * One hub's admin Azure Resource Manager, through the Azure SDK's HTTP pipeline: retries with exponential back-off
 * that honour {@code Retry-After} on 429, 5xx and lost connections, a bearer token from the hub's identity provider
 * (fetched again once when the hub answers 401, as it does for an expired token), and logging of methods, URLs and
 * statuses only (never a header, so never a token).
 */
final class HubAdminClient {

	static final String USAGE_API_VERSION = "2015-06-01-preview";

	static final String SUBSCRIPTIONS_API_VERSION = "2015-11-01";

	private static final int MAX_PAGES = 100_000;

	// quantities are decimals: read as doubles, 0.1 would not be the hub's 0.1
	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private final String hub;

	private final HubApi api;

	private final HttpPipeline pipeline;

	HubAdminClient(String hub, HubApi api, UsageApiProperties settings) {
		this.hub = hub;
		this.api = api;
		HttpClient httpClient = HubCredentials.httpClient(hub, api, settings);
		this.pipeline = new HttpPipelineBuilder().httpClient(httpClient)
			.policies(new UserAgentPolicy("hub-chargeback"),
					new RetryPolicy(new ExponentialBackoff(settings.maxRetries(), settings.retryDelay(),
							settings.maxRetryDelay())),
					new ReauthorizingPolicy(
							() -> HubCredentials.credential(hub, api.credential(), httpClient, settings),
							api.credential().scope()),
					new HttpLoggingPolicy(new HttpLogOptions().setLogLevel(HttpLogDetailLevel.BASIC)))
			.build();
	}

	/**
	 * Every usage aggregate reported in {@code [start, end)}, page after page ({@code nextLink}, or a bare
	 * {@code continuationToken}), in the order the hub lists them.
	 */
	void usage(Instant start, Instant end, Consumer<JsonNode> aggregate) {
		String first = this.api.endpoint() + "/subscriptions/" + this.api.providerSubscription()
				+ "/providers/Microsoft.Commerce.Admin/subscriberUsageAggregates?reportedStartTime=" + encode(start)
				+ "&reportedEndTime=" + encode(end) + "&aggregationGranularity=" + this.api.apiGranularity()
				+ "&api-version=" + USAGE_API_VERSION;
		pages(first, "read the usage reported from " + start + " to " + end, aggregate);
	}

	/**
	 * The hub's user subscriptions ({@code Microsoft.Subscriptions.Admin}), every page.
	 */
	List<JsonNode> userSubscriptions() {
		List<JsonNode> all = new ArrayList<>();
		pages(this.api.endpoint() + "/subscriptions/" + this.api.providerSubscription()
				+ "/providers/Microsoft.Subscriptions.Admin/subscriptions?api-version=" + SUBSCRIPTIONS_API_VERSION,
				"list the user subscriptions", all::add);
		return all;
	}

	private void pages(String first, String what, Consumer<JsonNode> item) {
		String next = first;
		for (int page = 0; !next.isEmpty(); page++) {
			if (page > MAX_PAGES) {
				throw new HubApiException(this.hub + ": cannot " + what + ": the paging does not end", null);
			}
			JsonNode body = get(next, what);
			// an answer without its list is no empty list: taken as one, the window's usage would never be charged
			if (!body.path("value").isArray()) {
				throw new HubApiException(this.hub + ": cannot " + what + ": the hub answered without a 'value'"
						+ " list (" + abbreviate(body.toString()) + "); nothing of it is kept", null);
			}
			body.path("value").forEach(item);
			String link = body.path("nextLink").asString("");
			String token = body.path("continuationToken").asString("");
			if (!link.isBlank()) {
				next = link;
			}
			else {
				next = token.isBlank() ? ""
						: first + "&continuationToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
			}
		}
	}

	private JsonNode get(String url, String what) {
		HttpRequest request = new HttpRequest(HttpMethod.GET, url);
		request.setHeader(HttpHeaderName.ACCEPT, "application/json");
		try (HttpResponse response = this.pipeline.sendSync(request, Context.NONE)) {
			String text = (response.getBodyAsBinaryData() != null) ? response.getBodyAsBinaryData().toString() : "";
			int status = response.getStatusCode();
			if (status == 200) {
				return JSON.readTree(text);
			}
			throw refused(status, text, what);
		}
		catch (HubApiException ex) {
			throw ex;
		}
		catch (JacksonException ex) {
			throw new HubApiException(this.hub + ": cannot " + what + ": the hub answered with invalid JSON ("
					+ ex.getOriginalMessage() + ")", ex);
		}
		catch (NoToken ex) {
			if (hasCause(ex, SSLHandshakeException.class)) {
				throw new HubApiException(this.hub + ": cannot " + what + ": the TLS certificate of the identity"
						+ " provider " + this.api.credential().authority() + " is not trusted by "
						+ ((this.api.trustStore() != null) ? "the trust store " + this.api.trustStore() : "the JDK")
						+ " (" + rootMessage(ex) + "); add its root certificate to hub-chargeback.usage-api.hubs."
						+ this.hub + ".trust-store", ex);
			}
			throw new HubApiException(this.hub + ": cannot " + what + ": no token from the identity provider ("
					+ this.api.credential().identityProvider() + ", " + this.api.credential().type() + "): "
					+ rootMessage(ex) + "; check the credential settings", ex);
		}
		catch (RuntimeException ex) {
			if (hasCause(ex, SSLHandshakeException.class)) {
				throw new HubApiException(this.hub + ": cannot " + what + ": the TLS certificate of the hub is not"
						+ " trusted (" + rootMessage(ex) + "); set hub-chargeback.usage-api.hubs." + this.hub
						+ ".trust-store to a PKCS12 store holding the hub's root certificate", ex);
			}
			throw new HubApiException(this.hub + ": cannot " + what + ": " + this.api.endpoint()
					+ " is not reachable (" + rootMessage(ex) + ")", ex);
		}
	}

	private HubApiException refused(int status, String text, String what) {
		String code = "";
		String message = text.isBlank() ? "(no body)" : abbreviate(text.strip());
		try {
			JsonNode error = JSON.readTree(text).path("error");
			code = error.path("code").asString("");
			message = error.path("message").asString(message);
		}
		catch (JacksonException ex) {
			// not an ARM error body: reported as it came
		}
		String hint = switch (status) {
			case 401 -> "; the token was refused twice: check the credential and that the hub trusts its directory";
			case 403 -> "; the identity needs Reader (or Owner, Contributor) on the Default Provider Subscription "
					+ this.api.providerSubscription();
			case 404 -> "; check admin-endpoint and provider-subscription-id";
			default -> "";
		};
		return new HubApiException(this.hub + ": cannot " + what + ": the hub answered HTTP " + status
				+ (code.isEmpty() ? "" : " " + code) + ": " + message + hint, null);
	}

	private static String encode(Instant instant) {
		return URLEncoder.encode(instant.toString(), StandardCharsets.UTF_8);
	}

	private static String abbreviate(String text) {
		return (text.length() > 200) ? text.substring(0, 200) + "…" : text;
	}

	/**
	 * The identity provider gave no token: told apart from a failure of the hub's endpoint, which it is not.
	 */
	private static final class NoToken extends RuntimeException {

		private static final long serialVersionUID = 1L;

		NoToken(RuntimeException cause) {
			super(cause.getMessage(), cause);
		}

	}

	/**
	 * Bearer tokens from the hub's identity provider. A 401 with a {@code WWW-Authenticate} challenge (an expired or
	 * revoked token) is answered once with a token from a new credential: the credential's cache (MSAL's) would hand
	 * out the refused token again for as long as it thinks it valid, and a claims request, which would bypass it, is
	 * no part of AD FS's client-credentials grant. A second 401 is the hub's answer.
	 */
	private static final class ReauthorizingPolicy implements HttpPipelinePolicy {

		private final Supplier<TokenCredential> credentials;

		private final TokenRequestContext request;

		private TokenCredential credential;

		ReauthorizingPolicy(Supplier<TokenCredential> credentials, String scope) {
			this.credentials = credentials;
			this.request = new TokenRequestContext().addScopes(scope);
			this.credential = credentials.get();
		}

		@Override
		public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
			authorize(context, token(false));
			HttpResponse response = next.clone().processSync();
			if (!challenged(response)) {
				return response;
			}
			response.close();
			authorize(context, token(true));
			return next.processSync();
		}

		@Override
		public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
			return Mono.fromCallable(() -> token(false))
				.flatMap((token) -> {
					authorize(context, token);
					return next.clone().process();
				})
				.flatMap((response) -> {
					if (!challenged(response)) {
						return Mono.just(response);
					}
					response.close();
					return Mono.fromCallable(() -> token(true)).flatMap((token) -> {
						authorize(context, token);
						return next.process();
					});
				});
		}

		private synchronized String token(boolean renew) {
			try {
				if (renew) {
					this.credential = this.credentials.get();
				}
				return this.credential.getTokenSync(this.request).getToken();
			}
			catch (RuntimeException ex) {
				throw new NoToken(ex);
			}
		}

		private static boolean challenged(HttpResponse response) {
			return response.getStatusCode() == 401 && response.getHeaderValue(HttpHeaderName.WWW_AUTHENTICATE) != null;
		}

		private static void authorize(HttpPipelineCallContext context, String token) {
			if (!"https".equals(context.getHttpRequest().getUrl().getProtocol())) {
				throw new IllegalStateException("a bearer token is sent over HTTPS only");
			}
			context.getHttpRequest().setHeader(HttpHeaderName.AUTHORIZATION, "Bearer " + token);
		}

	}

}

package org.hubchargeback.hubapi;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javax.net.ssl.SSLHandshakeException;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.ExponentialBackoff;
import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.HttpLoggingPolicy;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.util.Context;
import org.hubchargeback.hubapi.UsageApiProperties.HubApi;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
		TokenCredential credential = HubCredentials.credential(hub, api.credential(), httpClient);
		this.pipeline = new HttpPipelineBuilder().httpClient(httpClient)
			.policies(new UserAgentPolicy("hub-chargeback"),
					new RetryPolicy(new ExponentialBackoff(settings.maxRetries(), settings.retryDelay(),
							settings.maxRetryDelay())),
					new ReauthorizingPolicy(credential, api.credential().scope()),
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
		catch (ClientAuthenticationException ex) {
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

	private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
	}

	/**
	 * A 401 with a {@code WWW-Authenticate} challenge (an expired or revoked token) is answered once with a token
	 * fetched from the credential again, past the policy's cache; a second 401 is the hub's answer.
	 */
	private static final class ReauthorizingPolicy extends BearerTokenAuthenticationPolicy {

		private static final String REAUTHORIZED = "hub-chargeback.reauthorized";

		private final TokenCredential credential;

		private final String scope;

		ReauthorizingPolicy(TokenCredential credential, String scope) {
			super(credential, scope);
			this.credential = credential;
			this.scope = scope;
		}

		@Override
		public boolean authorizeRequestOnChallengeSync(HttpPipelineCallContext context, HttpResponse response) {
			if (context.getData(REAUTHORIZED).isPresent()) {
				return false;
			}
			context.setData(REAUTHORIZED, Boolean.TRUE);
			String token = this.credential.getTokenSync(new TokenRequestContext().addScopes(this.scope)).getToken();
			context.getHttpRequest().setHeader(HttpHeaderName.AUTHORIZATION, "Bearer " + token);
			return true;
		}

	}

}

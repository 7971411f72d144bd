package org.hubchargeback.hubapi;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsServer;
import org.hubchargeback.registration.FakeResourceManager;
import tools.jackson.databind.json.JsonMapper;

import static org.hubchargeback.registration.FakeResourceManager.error;
import static org.hubchargeback.registration.FakeResourceManager.json;
import static org.hubchargeback.registration.FakeResourceManager.parameter;

/**
 * An Azure Stack Hub admin endpoint on loopback, for {@code subscriberUsageAggregates} and the
 * {@code Microsoft.Subscriptions.Admin} list: HTTPS with {@link FakeResourceManager}'s throw-away certificate, the
 * REST specification's shapes ({@code instanceData} as a JSON string, {@code nextLink} pages carrying a
 * {@code continuationToken}, ARM error bodies), usage filed by reported day, and injectable failures (a 429 with
 * {@code Retry-After}, a 401 challenge for an expired token).
 */
final class FakeHubAdmin implements AutoCloseable {

	static final String PROVIDER_SUBSCRIPTION = "d16dfcf0-44cc-4498-9937-08b94159d27b";

	static final String EXPIRED_CHALLENGE = "Bearer authorization_uri=\"https://login.windows.net/\","
			+ " error=\"invalid_token\", error_description=\"The access token expired\"";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	// as the specification's example writes usage times
	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx")
		.withZone(ZoneOffset.UTC);

	private final HttpsServer server;

	private final Path trustStore;

	// per reported day, the aggregates the hub lists for it
	private final Map<LocalDate, List<Map<String, Object>>> reported = new LinkedHashMap<>();

	private final Map<String, String> userSubscriptions = new LinkedHashMap<>();

	private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

	private final List<Failure> failures = new ArrayList<>();

	// the bearer tokens the hub takes: the tests' fixed one, and those a FakeIdentityProvider issued
	private final Set<String> accepted = new HashSet<>(Set.of(FakeResourceManager.TOKEN));

	// tokens the hub no longer takes although their lifetime is not over (clock skew, a rolled signing key)
	private final Set<String> expired = new HashSet<>();

	private int pageSize = 2;

	private record Failure(String pathContains, int status, Map<String, String> headers, int[] times) {
	}

	FakeHubAdmin() {
		try {
			this.trustStore = FakeResourceManager.tls().resolve("arm-trust.p12");
			this.server = FakeResourceManager.serve(FakeResourceManager.tls().resolve("arm.p12"), this::handle);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	String endpoint() {
		return "https://127.0.0.1:" + this.server.getAddress().getPort();
	}

	Path trustStore() {
		return this.trustStore;
	}

	FakeHubAdmin pageSize(int pageSize) {
		this.pageSize = pageSize;
		return this;
	}

	FakeHubAdmin userSubscription(String subscriptionId, String tenantId) {
		this.userSubscriptions.put(subscriptionId, tenantId);
		return this;
	}

	/**
	 * Files an hourly aggregate of {@code usageDay} hour {@code hour} under the reported day it entered the usage
	 * system (a later day for late usage).
	 */
	synchronized FakeHubAdmin report(LocalDate reportedDay, String subscriptionId, String meterId, LocalDate usageDay,
			int hour, String quantity, String resource) {
		Instant start = usageDay.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(3600L * hour);
		String resourceUri = "/subscriptions/" + subscriptionId + "/resourceGroups/rg1/providers/"
				+ "Microsoft.Compute/virtualMachines/" + resource;
		Map<String, Object> instance = new LinkedHashMap<>();
		instance.put("resourceUri", resourceUri);
		instance.put("location", "local");
		instance.put("tags", null);
		instance.put("additionalInfo", null);
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("subscriptionId", subscriptionId);
		properties.put("usageStartTime", TIME.format(start));
		properties.put("usageEndTime", TIME.format(start.plusSeconds(3600)));
		// the specification's string: JSON inside a string
		properties.put("instanceData", JSON.writeValueAsString(Map.of("Microsoft.Resources", instance)));
		properties.put("quantity", new BigDecimal(quantity));
		properties.put("meterId", meterId);
		Map<String, Object> aggregate = new LinkedHashMap<>();
		aggregate.put("id", "/subscriptions/" + subscriptionId + "/providers/Microsoft.Commerce.Admin/UsageAggregate/"
				+ subscriptionId + "-" + meterId);
		aggregate.put("name", subscriptionId + "-" + meterId);
		aggregate.put("type", "Microsoft.Commerce.Admin/UsageAggregate");
		aggregate.put("properties", properties);
		this.reported.computeIfAbsent(reportedDay, (day) -> new ArrayList<>()).add(aggregate);
		return this;
	}

	/**
	 * Answers {@code times} requests whose path contains {@code pathContains} with {@code status} and an ARM error.
	 */
	synchronized FakeHubAdmin fail(String pathContains, int status, Map<String, String> headers, int times) {
		this.failures.add(new Failure(pathContains, status, headers, new int[] { times }));
		return this;
	}

	synchronized void clearFailures() {
		this.failures.clear();
	}

	/**
	 * The next {@code times} usage requests are refused as ARM refuses an expired token: 401 with a challenge.
	 */
	FakeHubAdmin expireToken(int times) {
		return fail("subscriberUsageAggregates", 401, Map.of("WWW-Authenticate", EXPIRED_CHALLENGE), times);
	}

	synchronized void accept(String token) {
		this.accepted.add(token);
	}

	/**
	 * From now on, requests with {@code token} are refused as ARM refuses an expired token: 401 with a challenge.
	 */
	synchronized FakeHubAdmin expire(String token) {
		this.expired.add(token);
		return this;
	}

	/**
	 * @return "GET path?query" of every request, in order
	 */
	List<String> requests() {
		return List.copyOf(this.requests);
	}

	List<String> usageRequests() {
		return requests().stream().filter((r) -> r.contains("subscriberUsageAggregates")).toList();
	}

	private synchronized void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			String query = (exchange.getRequestURI().getRawQuery() != null) ? exchange.getRequestURI().getRawQuery()
					: "";
			this.requests.add(exchange.getRequestMethod() + " " + path + "?" + query);
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			String token = (authorization != null) ? authorization.replaceFirst("^Bearer ", "") : "";
			if (this.expired.contains(token)) {
				exchange.getResponseHeaders().add("WWW-Authenticate", EXPIRED_CHALLENGE);
				error(exchange, 401, "ExpiredAuthenticationToken", "The access token expiry UTC time is earlier"
						+ " than current UTC time.");
				return;
			}
			if (!this.accepted.contains(token)) {
				error(exchange, 401, "AuthenticationFailed", "Authentication failed.");
				return;
			}
			for (Failure failure : this.failures) {
				if (failure.times()[0] > 0 && path.contains(failure.pathContains())) {
					failure.times()[0]--;
					failure.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
					error(exchange, failure.status(), (failure.status() == 429) ? "TooManyRequests"
							: (failure.status() == 401) ? "ExpiredAuthenticationToken" : "ServiceUnavailable",
							"Failed (" + failure.status() + ").");
					return;
				}
			}
			String prefix = "/subscriptions/" + PROVIDER_SUBSCRIPTION + "/providers/";
			if (path.equals(prefix + "Microsoft.Commerce.Admin/subscriberUsageAggregates")) {
				usage(exchange, path, query);
			}
			else if (path.equals(prefix + "Microsoft.Subscriptions.Admin/subscriptions")
					&& "2015-11-01".equals(parameter(query, "api-version"))) {
				List<Object> all = new ArrayList<>();
				this.userSubscriptions.forEach((subscription, tenant) -> all.add(Map.of("id", prefix
						+ "Microsoft.Subscriptions.Admin/subscriptions/" + subscription, "subscriptionId", subscription,
						"tenantId", tenant, "owner", "owner@contoso.com", "displayName", "s", "state", "Enabled")));
				page(exchange, path, "api-version=2015-11-01", query, all);
			}
			else {
				error(exchange, 404, "NotFound", "No route for " + path);
			}
		}
	}

	private void usage(HttpExchange exchange, String path, String query) throws IOException {
		if (!"2015-06-01-preview".equals(parameter(query, "api-version"))) {
			error(exchange, 400, "NoApiVersion", "The api-version query parameter is missing or wrong.");
			return;
		}
		String granularity = parameter(query, "aggregationGranularity");
		if (!List.of("Daily", "Hourly", "").contains(granularity)) {
			error(exchange, 400, "InvalidAggregationGranularity", "Granularity must be daily or hourly.");
			return;
		}
		Instant start = Instant.parse(parameter(query, "reportedStartTime"));
		Instant end = Instant.parse(parameter(query, "reportedEndTime"));
		if (start.getEpochSecond() % 86_400 != 0 || end.getEpochSecond() % 86_400 != 0) {
			error(exchange, 400, "InvalidProperty", "reportedStartTime and reportedEndTime must be UTC midnight.");
			return;
		}
		List<Map<String, Object>> hourly = new ArrayList<>();
		for (LocalDate day = LocalDate.ofInstant(start, ZoneOffset.UTC); day
			.isBefore(LocalDate.ofInstant(end, ZoneOffset.UTC)); day = day.plusDays(1)) {
			hourly.addAll(this.reported.getOrDefault(day, List.of()));
		}
		List<Object> all = new ArrayList<>(granularity.equals("Hourly") ? hourly : daily(hourly));
		page(exchange, path, query.replaceAll("&continuationToken=[^&]*", ""), query, all);
	}

	/**
	 * The hourly aggregates summed per subscription, meter, resource and usage day, as the API answers Daily.
	 */
	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> daily(List<Map<String, Object>> hourly) {
		Map<String, Map<String, Object>> days = new LinkedHashMap<>();
		for (Map<String, Object> aggregate : hourly) {
			Map<String, Object> p = (Map<String, Object>) aggregate.get("properties");
			Instant day = Instant.parse(String.valueOf(p.get("usageStartTime")).replace("+00:00", "Z"))
				.truncatedTo(java.time.temporal.ChronoUnit.DAYS);
			String key = p.get("subscriptionId") + "|" + p.get("meterId") + "|" + p.get("instanceData") + "|" + day;
			Map<String, Object> sum = days.get(key);
			if (sum == null) {
				Map<String, Object> properties = new LinkedHashMap<>(p);
				properties.put("usageStartTime", TIME.format(day));
				properties.put("usageEndTime", TIME.format(day.plusSeconds(86_400)));
				sum = new LinkedHashMap<>(aggregate);
				sum.put("properties", properties);
				days.put(key, sum);
			}
			else {
				Map<String, Object> properties = (Map<String, Object>) sum.get("properties");
				properties.put("quantity", ((BigDecimal) properties.get("quantity")).add((BigDecimal) p.get("quantity")));
			}
		}
		return new ArrayList<>(days.values());
	}

	private void page(HttpExchange exchange, String path, String baseQuery, String query, List<Object> all)
			throws IOException {
		String token = parameter(query, "continuationToken");
		int skip = token.isEmpty() ? 0 : Integer.parseInt(token);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("value", all.subList(Math.min(skip, all.size()), Math.min(all.size(), skip + this.pageSize)));
		if (skip + this.pageSize < all.size()) {
			body.put("nextLink", endpoint() + path + "?" + baseQuery + "&continuationToken=" + (skip + this.pageSize));
		}
		json(exchange, 200, body);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}

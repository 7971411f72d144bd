package org.hubchargeback.registration;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Azure Resource Manager on loopback, for the Microsoft.AzureStack registration resources only: HTTPS (the SDK sends
 * bearer tokens over HTTPS only) with a throw-away certificate, the response shapes of the REST specification
 * (paged customerSubscriptions lists with nextLink, ARM error bodies), and injectable failures.
 */
public final class FakeResourceManager implements AutoCloseable {

	public static final String TOKEN = "test-token";

	public static final String STORE_PASSWORD = "changeit";

	/**
	 * The service principal the token endpoint knows (client credentials grant).
	 */
	public static final String TENANT = "72f988bf-0000-4000-8000-00000000aaaa";

	public static final String CLIENT_ID = "0c1e0000-0000-4000-8000-00000000c1d0";

	public static final String CLIENT_SECRET = "s3cret";

	private static final Pattern TOKEN_PATH = Pattern.compile("/([^/]+)/oauth2/v2\\.0/token");

	private static final Pattern PATH = Pattern.compile("/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/"
			+ "Microsoft\\.AzureStack/registrations/([^/]+)(/customerSubscriptions(/([^/]+))?)?");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpsServer server;

	private final Path trustStore;

	private final Map<String, Map<String, String>> registrations = new LinkedHashMap<>();

	private final Deque<Failure> failures = new ArrayDeque<>();

	private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

	private final List<Long> requestTimes = Collections.synchronizedList(new ArrayList<>());

	private final List<Map<String, String>> tokenRequests = Collections.synchronizedList(new ArrayList<>());

	private int pageSize = 2;

	/**
	 * The CloudId of the registration resource, as in the specification's example.
	 */
	public static final String CLOUD_ID = "5bf881b2-6be7-42a1-9f47-d6fcb6737747";

	private @Nullable Map<String, String> registrationProperties = Map.of("cloudId", CLOUD_ID, "objectId",
			"2dbdd5f4-daf3-442a-be35-b71c3debee5a", "billingModel", "PayAsYouUse");

	/**
	 * An answer to give instead of the normal one, {@code times} times, to requests whose method and path match: an
	 * ARM error body, or {@code body} as it is when given (an odd answer: no {@code value}, an empty 202).
	 */
	public record Failure(String method, String pathContains, int status, String code, String message,
			Map<String, String> headers, int[] times, String body) {
	}

	// one throw-away certificate per test JVM: keytool takes about a second per call
	private static Path tlsDir;

	private static Path untrustedTlsDir;

	public FakeResourceManager() {
		try {
			this.trustStore = tls().resolve("arm-trust.p12");
			this.server = serve(tls().resolve("arm.p12"), this::handle);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An HTTPS server on a free loopback port with the key store's certificate ({@link #STORE_PASSWORD}), started.
	 */
	public static HttpsServer serve(Path keyStore, HttpHandler handler) {
		try {
			KeyStore keys = KeyStore.getInstance("PKCS12");
			try (InputStream in = Files.newInputStream(keyStore)) {
				keys.load(in, STORE_PASSWORD.toCharArray());
			}
			KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keyManagers.init(keys, STORE_PASSWORD.toCharArray());
			SSLContext ssl = SSLContext.getInstance("TLS");
			ssl.init(keyManagers.getKeyManagers(), null, null);
			HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.setHttpsConfigurator(new HttpsConfigurator(ssl));
			server.createContext("/", handler);
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static synchronized Path tls() throws IOException, InterruptedException {
		if (tlsDir == null) {
			Path dir = Files.createTempDirectory("fake-arm-tls");
			Path keyStore = dir.resolve("arm.p12");
			keytool("-genkeypair", "-alias", "arm", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname",
					"CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-keystore", keyStore.toString(),
					"-storetype", "PKCS12", "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
			Path cert = dir.resolve("arm.cer");
			keytool("-exportcert", "-alias", "arm", "-keystore", keyStore.toString(), "-storepass", STORE_PASSWORD,
					"-file", cert.toString());
			keytool("-importcert", "-noprompt", "-alias", "arm", "-file", cert.toString(), "-keystore",
					dir.resolve("arm-trust.p12").toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
			tlsDir = dir;
		}
		return tlsDir;
	}

	/**
	 * A second throw-away key store ({@code arm.p12}, same password) whose certificate no trust store of the tests
	 * holds: a server the client must refuse.
	 */
	public static synchronized Path untrustedTls() throws IOException, InterruptedException {
		if (untrustedTlsDir == null) {
			Path dir = Files.createTempDirectory("fake-untrusted-tls");
			keytool("-genkeypair", "-alias", "arm", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname",
					"CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-keystore",
					dir.resolve("arm.p12").toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD, "-keypass",
					STORE_PASSWORD);
			untrustedTlsDir = dir;
		}
		return untrustedTlsDir;
	}

	private static void keytool(String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException("keytool failed: " + output);
		}
	}

	public String endpoint() {
		return "https://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public Path trustStore() {
		return this.trustStore;
	}

	/**
	 * Adds a registration with customer subscriptions (customer subscription ID to tenant, in listing order).
	 */
	public FakeResourceManager registration(String resourceId, Map<String, String> customerSubscriptions) {
		this.registrations.put(resourceId.toLowerCase(), new LinkedHashMap<>(customerSubscriptions));
		return this;
	}

	public Map<String, String> customerSubscriptions(String resourceId) {
		return this.registrations.get(resourceId.toLowerCase());
	}

	/**
	 * The {@code properties} of every registration resource (null: a body without them).
	 */
	public FakeResourceManager registrationProperties(@Nullable Map<String, String> properties) {
		this.registrationProperties = properties;
		return this;
	}

	public FakeResourceManager pageSize(int pageSize) {
		this.pageSize = pageSize;
		return this;
	}

	public FakeResourceManager fail(String method, String pathContains, int status, String code, int times,
			Map<String, String> headers) {
		this.failures.add(new Failure(method, pathContains, status, code, "The operation failed (" + code + ").",
				headers, new int[] { times }, null));
		return this;
	}

	/**
	 * Answers {@code times} matching requests with {@code status} and {@code body} as they are, changing nothing: a
	 * list without its {@code value} ({@code 200 {}}), a PUT or DELETE accepted for later ({@code 202}, empty body).
	 */
	public FakeResourceManager answer(String method, String pathContains, int status, String body, int times) {
		this.failures.add(new Failure(method, pathContains, status, "", "", Map.of(), new int[] { times }, body));
		return this;
	}

	/**
	 * @return "METHOD path?query" of every request, in order
	 */
	public List<String> requests() {
		return List.copyOf(this.requests);
	}

	/**
	 * @return the form of every token request the fake answered as Entra ID's token endpoint, with its tenant
	 */
	public List<Map<String, String>> tokenRequests() {
		return List.copyOf(this.tokenRequests);
	}

	public List<Long> requestTimes() {
		return List.copyOf(this.requestTimes);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String method = exchange.getRequestMethod();
			String path = exchange.getRequestURI().getPath();
			String query = (exchange.getRequestURI().getRawQuery() != null) ? exchange.getRequestURI().getRawQuery()
					: "";
			this.requests.add(method + " " + path + "?" + query);
			this.requestTimes.add(System.nanoTime());
			Matcher token = TOKEN_PATH.matcher(path);
			if (method.equals("POST") && token.matches()) {
				token(exchange, token.group(1));
				return;
			}
			if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
				error(exchange, 401, "AuthenticationFailed", "Authentication failed.");
				return;
			}
			for (Failure failure : this.failures) {
				if (failure.times()[0] > 0 && failure.method().equals(method) && path.contains(failure.pathContains())) {
					failure.times()[0]--;
					failure.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
					if (failure.body() != null) {
						raw(exchange, failure.status(), failure.body());
						return;
					}
					error(exchange, failure.status(), failure.code(), failure.message());
					return;
				}
			}
			Matcher matcher = PATH.matcher(path);
			String apiVersion = parameter(query, "api-version");
			if (!matcher.matches() || !List.of("2017-06-01", "2020-06-01-preview", "2022-06-01").contains(apiVersion)) {
				error(exchange, 400, "InvalidApiVersionParameter", "Unsupported api-version '" + apiVersion + "'.");
				return;
			}
			String registrationId = "/subscriptions/" + matcher.group(1) + "/resourceGroups/" + matcher.group(2)
					+ "/providers/Microsoft.AzureStack/registrations/" + matcher.group(3);
			Map<String, String> customers = this.registrations.get(registrationId.toLowerCase());
			if (customers == null) {
				error(exchange, 404, "RegistrationNotFound", "The provided registration wasn't found.");
				return;
			}
			String name = matcher.group(3);
			String customer = matcher.group(6);
			if (matcher.group(4) == null && method.equals("GET")) {
				Map<String, Object> body = new LinkedHashMap<>(Map.of("id", registrationId, "name", name, "type",
						"Microsoft.AzureStack/registrations", "location", "global"));
				if (this.registrationProperties != null) {
					body.put("properties", this.registrationProperties);
				}
				json(exchange, 200, body);
			}
			else if (customer == null && method.equals("GET")) {
				int skip = Integer.parseInt(parameter(query, "$skipToken").isEmpty() ? "0" : parameter(query, "$skipToken"));
				List<Map<String, Object>> page = new ArrayList<>();
				List<Map.Entry<String, String>> all = new ArrayList<>(customers.entrySet());
				for (int i = skip; i < Math.min(all.size(), skip + this.pageSize); i++) {
					page.add(entry(registrationId, name, all.get(i).getKey(), all.get(i).getValue()));
				}
				Map<String, Object> body = new LinkedHashMap<>();
				body.put("value", page);
				if (skip + this.pageSize < all.size()) {
					body.put("nextLink", endpoint() + path + "?api-version=" + apiVersion + "&$skipToken="
							+ (skip + this.pageSize));
				}
				json(exchange, 200, body);
			}
			else if (customer != null && method.equals("PUT")) {
				String tenant = JSON.readTree(exchange.getRequestBody().readAllBytes())
					.path("properties")
					.path("tenantId")
					.asString("");
				// one customer subscription per tenant: a PUT overwrites the tenant's previous mapping
				customers.values().removeIf(tenant::equalsIgnoreCase);
				customers.put(customer, tenant);
				json(exchange, 200, Map.of("id", "", "name", "", "type", "", "properties", Map.of("tenantId", tenant)));
			}
			else if (customer != null && method.equals("DELETE")) {
				if (customers.remove(customer) == null) {
					error(exchange, 404, "CustomerSubscriptionNotFound", "Customer subscription identifier "
							+ customer + " wasn't found under " + name + ".");
					return;
				}
				exchange.sendResponseHeaders(204, -1);
			}
			else {
				error(exchange, 405, "MethodNotAllowed", method + " is not supported here.");
			}
		}
	}

	/**
	 * Entra ID's token endpoint ({@code {authority}/{tenant}/oauth2/v2.0/token}) for the client credentials grant:
	 * the token the ARM side accepts for the known service principal, {@code invalid_client} for any other.
	 */
	private void token(HttpExchange exchange, String tenant) throws IOException {
		Map<String, String> form = new LinkedHashMap<>();
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		for (String pair : body.split("&")) {
			int eq = pair.indexOf('=');
			if (eq > 0) {
				form.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
						java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
		}
		form.put("tenant", tenant);
		this.tokenRequests.add(form);
		if (!TENANT.equals(tenant) || !CLIENT_ID.equals(form.get("client_id"))
				|| !CLIENT_SECRET.equals(form.get("client_secret"))) {
			json(exchange, 401, Map.of("error", "invalid_client", "error_description",
					"AADSTS7000215: Invalid client secret provided.", "error_codes", List.of(7000215)));
			return;
		}
		json(exchange, 200, Map.of("token_type", "Bearer", "expires_in", 3599, "ext_expires_in", 3599,
				"access_token", TOKEN));
	}

	private static Map<String, Object> entry(String registrationId, String name, String customer, String tenant) {
		return Map.of("id", registrationId + "/customerSubscriptions/" + customer, "name", name + "/" + customer,
				"type", "Microsoft.AzureStack/registrations/customerSubscriptions", "properties",
				Map.of("tenantId", tenant));
	}

	public static String parameter(String query, String name) {
		for (String pair : query.split("&")) {
			int eq = pair.indexOf('=');
			if (eq > 0 && java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
				return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			}
		}
		return "";
	}

	public static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
		json(exchange, status, Map.of("error", Map.of("code", code, "message", message)));
	}

	private static void raw(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
		exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
		if (bytes.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

	public static void json(HttpExchange exchange, int status, Object body) throws IOException {
		byte[] bytes = JSON.writeValueAsBytes(body);
		exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}

package org.hubchargeback.hubapi;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsServer;
import org.hubchargeback.registration.FakeResourceManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.hubchargeback.registration.FakeResourceManager.json;

/**
 * The hub's identity provider on loopback, for the client-credentials grant MSAL sends: Entra ID
 * ({@code /{tenant}/oauth2/v2.0/token}) and AD FS ({@code /adfs/oauth2/token}), with a client secret or a signed
 * client assertion (certificate). Each token it issues is new ({@code issued-1}, {@code issued-2}, ...) and is taken by
 * the {@link FakeHubAdmin} it serves, so a test sees which token a request carried.
 */
final class FakeIdentityProvider implements AutoCloseable {

	static final String TENANT = "2b3c4d5e-0000-4000-8000-00000000e171";

	static final String CLIENT_ID = "3f2b5e4c-0000-4000-8000-0000000c11e7";

	static final String SECRET = "not-a-real-secret";

	static final String AUDIENCE = "https://adminmanagement.local.azurestack.external/4de154de";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpsServer server;

	private final FakeHubAdmin hub;

	private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

	private final List<String> issued = Collections.synchronizedList(new ArrayList<>());

	/**
	 * @param keyStore the server's certificate: {@code FakeResourceManager.tls()}'s, which the tests' trust store
	 * holds, or {@code untrustedTls()}'s
	 */
	FakeIdentityProvider(FakeHubAdmin hub, Path keyStore) {
		this.hub = hub;
		this.server = FakeResourceManager.serve(keyStore, this::handle);
	}

	String authorityHost() {
		return "https://127.0.0.1:" + this.server.getAddress().getPort() + "/";
	}

	/**
	 * @return "METHOD path" of every request, in order
	 */
	List<String> requests() {
		return List.copyOf(this.requests);
	}

	List<String> issued() {
		return List.copyOf(this.issued);
	}

	private synchronized void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			this.requests.add(exchange.getRequestMethod() + " " + path);
			boolean adfs = path.equals("/adfs/oauth2/token");
			if (!exchange.getRequestMethod().equals("POST")
					|| !(adfs || path.equals("/" + TENANT + "/oauth2/v2.0/token"))) {
				oauthError(exchange, 404, "invalid_request", "no such endpoint: " + path);
				return;
			}
			Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(),
					StandardCharsets.UTF_8));
			String refused = refusal(form, adfs ? authorityHost() + "adfs/oauth2/token"
					: authorityHost() + TENANT + "/oauth2/v2.0/token");
			if (refused != null) {
				oauthError(exchange, 401, "invalid_client", refused);
				return;
			}
			String token = "issued-" + (this.issued.size() + 1);
			this.issued.add(token);
			this.hub.accept(token);
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("token_type", "Bearer");
			body.put("expires_in", 3600);
			body.put("ext_expires_in", 3600);
			body.put("access_token", token);
			json(exchange, 200, body);
		}
	}

	/**
	 * @return why the grant is refused, or null
	 */
	private static String refusal(Map<String, String> form, String tokenEndpoint) {
		if (!"client_credentials".equals(form.get("grant_type")) || !CLIENT_ID.equals(form.get("client_id"))) {
			return "unknown client or grant: " + form.get("client_id") + ", " + form.get("grant_type");
		}
		if (!String.valueOf(form.get("scope")).contains(AUDIENCE + "/.default")) {
			return "scope " + form.get("scope") + " is not the admin endpoint's";
		}
		if (form.containsKey("client_secret")) {
			return SECRET.equals(form.get("client_secret")) ? null : "wrong client secret";
		}
		String assertion = String.valueOf(form.get("client_assertion"));
		String[] jwt = assertion.split("\\.");
		if (!"urn:ietf:params:oauth:client-assertion-type:jwt-bearer".equals(form.get("client_assertion_type"))
				|| jwt.length != 3) {
			return "neither a client secret nor a client assertion";
		}
		JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(jwt[0]));
		JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
		if (!header.has("x5t") && !header.has("x5t#S256")) {
			return "the client assertion names no certificate";
		}
		if (!CLIENT_ID.equals(claims.path("iss").asString("")) || !tokenEndpoint.equals(claims.path("aud").asString(""))) {
			return "the client assertion is for " + claims.path("aud").asString("") + ", not " + tokenEndpoint;
		}
		return null;
	}

	private static Map<String, String> form(String body) {
		Map<String, String> form = new LinkedHashMap<>();
		for (String pair : body.split("&")) {
			int eq = pair.indexOf('=');
			if (eq > 0) {
				form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
		}
		return form;
	}

	private static void oauthError(HttpExchange exchange, int status, String error, String description)
			throws IOException {
		json(exchange, status, Map.of("error", error, "error_description", description));
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}

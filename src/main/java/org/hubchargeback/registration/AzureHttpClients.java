package org.hubchargeback.registration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import org.jspecify.annotations.Nullable;

/**
 * The Azure SDK's HTTP client as the job builds it for every Azure endpoint (Azure Resource Manager, a hub's admin
 * endpoint and its identity provider): the JDK client, trusting a PKCS12 trust store when one is set, and the failure
 * helpers that turn what it throws into one operator line.
 */
public final class AzureHttpClients {

	private AzureHttpClients() {
	}

	/**
	 * @param trustStore a PKCS12 store of the certificate authorities to trust, or null for the JDK's
	 * @throws IOException when the store cannot be read
	 * @throws GeneralSecurityException when it is no PKCS12 store or the password is wrong
	 */
	public static HttpClient httpClient(@Nullable Path trustStore, @Nullable String password, Duration timeout)
			throws IOException, GeneralSecurityException {
		java.net.http.HttpClient.Builder builder = java.net.http.HttpClient.newBuilder();
		if (trustStore != null) {
			builder.sslContext(sslContext(trustStore, password));
		}
		return new JdkHttpClientBuilder(builder).responseTimeout(timeout).build();
	}

	private static SSLContext sslContext(Path store, @Nullable String password)
			throws IOException, GeneralSecurityException {
		try (InputStream in = Files.newInputStream(store)) {
			KeyStore trusted = KeyStore.getInstance("PKCS12");
			trusted.load(in, (password != null) ? password.toCharArray() : new char[0]);
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(trusted);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, factory.getTrustManagers(), null);
			return context;
		}
	}

	public static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

	public static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
	}

}

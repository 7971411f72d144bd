package org.hubchargeback.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import org.jspecify.annotations.Nullable;

/**
 * The version this build was made from, as {@code --version} prints it. Read from
 * {@code META-INF/build-info.properties} (written by the build, so the tests see it too), else from the jar's
 * manifest, without starting the application: an operator asking which version is installed must get an answer while
 * a run holds the job database.
 */
public final class Version {

	static final String BUILD_INFO = "/META-INF/build-info.properties";

	private Version() {
	}

	/**
	 * @return {@code hub-chargeback <version>}
	 */
	public static String line() {
		return "hub-chargeback " + of(Version.class.getResourceAsStream(BUILD_INFO),
				Version.class.getPackage().getImplementationVersion());
	}

	static String of(@Nullable InputStream buildInfo, @Nullable String manifestVersion) {
		if (buildInfo != null) {
			try (InputStream in = buildInfo) {
				Properties properties = new Properties();
				properties.load(in);
				String version = properties.getProperty("build.version");
				if (version != null && !version.isBlank()) {
					return version.strip();
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return (manifestVersion != null) ? manifestVersion : "unknown (not built by Maven)";
	}

}

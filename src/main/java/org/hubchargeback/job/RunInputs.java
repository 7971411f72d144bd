package org.hubchargeback.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.hubchargeback.config.HubChargebackProperties;
import org.hubchargeback.config.HubChargebackProperties.Hub;
import org.hubchargeback.registration.RegistrationFiles;
import org.hubchargeback.usage.InputFile;
import org.hubchargeback.usage.UsageCulture;

import org.springframework.stereotype.Component;

/**
 * Finds what a run reads: the configured hubs with their registrations, and every usage export in their input
 * folders, in a fixed order (hub as configured, then file path).
 */
@Component
public class RunInputs {

	private static final Pattern HUB_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

	private final HubChargebackProperties properties;

	public RunInputs(HubChargebackProperties properties) {
		this.properties = properties;
	}

	/**
	 * @throws InvalidConfigurationException when a hub is missing or misconfigured
	 */
	public List<RunHub> loadHubs() {
		List<Hub> hubs = this.properties.hubs();
		if (hubs.isEmpty()) {
			throw new InvalidConfigurationException(
					"no hubs configured: set hub-chargeback.hubs[0].name, registration-file and input-dirs");
		}
		Set<String> names = new HashSet<>();
		List<RunHub> loaded = new ArrayList<>();
		for (Hub hub : hubs) {
			if (hub.name() == null || !HUB_NAME.matcher(hub.name()).matches()) {
				throw new InvalidConfigurationException("hub name '" + hub.name()
						+ "' must be 1-100 letters, digits, '.', '_' or '-'");
			}
			if (!names.add(hub.name().toLowerCase(Locale.ROOT))) {
				throw new InvalidConfigurationException("hub '" + hub.name() + "' is configured twice");
			}
			if (hub.registrationFile() == null) {
				throw new InvalidConfigurationException("hub " + hub.name() + ": registration-file is not set");
			}
			if (hub.inputDirs().isEmpty()) {
				throw new InvalidConfigurationException("hub " + hub.name() + ": input-dirs is empty");
			}
			UsageCulture culture;
			try {
				culture = UsageCulture.of(hub.culture());
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidConfigurationException("hub " + hub.name() + ": " + ex.getMessage());
			}
			loaded.add(new RunHub(hub, RegistrationFiles.readRegistration(hub),
					RegistrationFiles.readUserSubscriptions(hub), culture));
		}
		return loaded;
	}

	/**
	 * Lists {@code *.csv} files directly in each hub's input folders.
	 * @throws InvalidConfigurationException when an input folder does not exist
	 */
	public List<InputFile> discover(List<RunHub> hubs) {
		List<InputFile> files = new ArrayList<>();
		for (RunHub hub : hubs) {
			List<Path> paths = new ArrayList<>();
			for (Path dir : hub.config().inputDirs()) {
				if (!Files.isDirectory(dir)) {
					throw new InvalidConfigurationException(
							"hub " + hub.name() + ": input folder " + dir.toAbsolutePath() + " does not exist");
				}
				try (Stream<Path> listing = Files.list(dir)) {
					listing.filter(Files::isRegularFile)
						.filter((path) -> path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv"))
						.forEach(paths::add);
				}
				catch (IOException ex) {
					throw new InvalidConfigurationException(
							"hub " + hub.name() + ": cannot list input folder " + dir + ": " + ex.getMessage());
				}
			}
			paths.stream()
				.sorted()
				.distinct()
				.forEach((path) -> files.add(new InputFile(files.size(), hub.name(), path, path.toString())));
		}
		return files;
	}

	public static String sha256(Path file) {
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
			in.transferTo(OutputStream.nullOutputStream());
			return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file + ": " + ex.getMessage(), ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

package org.hubchargeback.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.hubchargeback.config.DisplayPaths;
import org.hubchargeback.config.HubChargebackProperties;
import org.hubchargeback.config.HubChargebackProperties.Hub;
import org.hubchargeback.config.InvalidConfigurationException;
import org.hubchargeback.registration.CustomerSubscriptionIds;
import org.hubchargeback.registration.RegistrationException;
import org.hubchargeback.registration.RegistrationFiles;
import org.hubchargeback.registration.RegistrationProvider;
import org.hubchargeback.registration.RegistrationSnapshot;
import org.hubchargeback.registration.RegistrationSnapshots;
import org.hubchargeback.registration.UserSubscriptions;
import org.hubchargeback.usage.ExportFiles;
import org.hubchargeback.usage.InputFile;
import org.hubchargeback.usage.UsageCulture;

import org.springframework.stereotype.Component;

/**
 * Finds what a run reads: the configured hubs with their registrations, and every usage export in their input
 * folders, in a fixed order (hub as configured, then file path).
 */
@Component
public class RunInputs {

	private final HubChargebackProperties properties;

	private final RegistrationProvider registrations;

	private final RegistrationSnapshots snapshots;

	public RunInputs(HubChargebackProperties properties, RegistrationProvider registrations,
			RegistrationSnapshots snapshots) {
		this.properties = properties;
		this.registrations = registrations;
		this.snapshots = snapshots;
	}

	/**
	 * @return the configured hubs
	 * @throws InvalidConfigurationException when there are none
	 */
	public List<Hub> hubs() {
		List<Hub> hubs = this.properties.hubs();
		if (hubs.isEmpty()) {
			throw new InvalidConfigurationException(
					"no hubs configured: set hub-chargeback.hubs[0].name, registration-file and input-dirs");
		}
		// each hub was checked when the settings were bound (HubChargebackProperties), before anything ran
		return hubs;
	}

	public Hub hub(String name) {
		return hubs().stream()
			.filter((hub) -> hub.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new InvalidConfigurationException("no hub named '" + name + "' is configured"));
	}

	/**
	 * The hubs as a new run sees them: each with its current registration (read and stored as a snapshot, or the
	 * pinned snapshot) and user subscriptions.
	 * @param pinned hub name to the snapshot the operator pinned it to
	 */
	public List<RunHub> loadHubs(Map<String, Long> pinned) {
		for (String hub : pinned.keySet()) {
			hub(hub);
		}
		List<RunHub> loaded = new ArrayList<>();
		for (Hub hub : hubs()) {
			RegistrationProvider.Resolved resolved = this.registrations.forRun(hub, pinned.get(hub.name()));
			String problem = CustomerSubscriptionIds
				.problem(resolved.snapshot().customerSubscriptionsByTenant().values());
			if (problem != null) {
				throw new RegistrationException("Hub " + hub.name() + ": the registration (snapshot "
						+ resolved.snapshot().id() + ") cannot be charged with: " + problem + "; correct it (see"
						+ " --validate-registration) and rerun");
			}
			loaded.add(new RunHub(hub, resolved.snapshot(), RegistrationFiles.readUserSubscriptions(hub), culture(hub),
					resolved.warning()));
		}
		return loaded;
	}

	/**
	 * The hubs as a prepared run recorded them: the same snapshots, and user subscriptions that must not have
	 * changed since, so a restarted run resolves exactly as it started.
	 */
	public List<RunHub> hubsOfRun(long runId, RunStore store) {
		Map<String, RunStore.PreparedHub> recorded = new HashMap<>();
		store.runHubs(runId).forEach((row) -> recorded.put(row.name(), row));
		List<RunHub> hubs = new ArrayList<>();
		for (Hub hub : hubs()) {
			RunStore.PreparedHub row = recorded.get(hub.name());
			if (row == null) {
				throw new InvalidConfigurationException("hub " + hub.name() + " was added to the configuration after"
						+ " this run started; start a new run of the range");
			}
			long snapshotId = row.snapshotId();
			RegistrationSnapshot snapshot = this.snapshots.find(snapshotId)
				.orElseThrow(() -> new IllegalStateException("registration snapshot " + snapshotId + " is missing"));
			UserSubscriptions userSubscriptions = RegistrationFiles.readUserSubscriptions(hub);
			if (!userSubscriptions.sha256().equals(row.userSubscriptionsSha256())) {
				throw new InvalidConfigurationException("hub " + hub.name() + ": the user-subscription file changed"
						+ " since this run started; start a new run of the range");
			}
			hubs.add(new RunHub(hub, snapshot, userSubscriptions, culture(hub), row.warning()));
		}
		return hubs;
	}

	private static UsageCulture culture(Hub hub) {
		try {
			return UsageCulture.of(hub.culture());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationException("hub " + hub.name() + ": " + ex.getMessage());
		}
	}

	/**
	 * Lists {@code *.csv} and {@code *.csv.gz} files directly in each hub's input folders.
	 * @throws InvalidConfigurationException when an input folder does not exist
	 */
	public List<InputFile> discover(List<Hub> hubs) {
		List<InputFile> files = new ArrayList<>();
		for (Hub hub : hubs) {
			List<Path> paths = new ArrayList<>();
			for (Path dir : hub.inputDirs()) {
				if (!Files.isDirectory(dir)) {
					throw new InvalidConfigurationException(
							"hub " + hub.name() + ": input folder " + dir.toAbsolutePath() + " does not exist");
				}
				try (Stream<Path> listing = Files.list(dir)) {
					// not only regular files: a broken link or a special file must fail loudly, not vanish
					listing.filter((path) -> !Files.isDirectory(path)).filter(ExportFiles::isExport).forEach(paths::add);
				}
				catch (IOException ex) {
					throw new InvalidConfigurationException(
							"hub " + hub.name() + ": cannot list input folder " + dir + ": " + ex.getMessage());
				}
			}
			paths.stream()
				.sorted()
				.distinct()
				.forEach((path) -> files.add(new InputFile(files.size(), hub.name(), path, DisplayPaths.of(path))));
		}
		return files;
	}

	/**
	 * What tells a changed input file without reading it: its size and last-modified time.
	 */
	public static String fingerprint(Path file) {
		try {
			return fingerprint(Files.size(file), Files.getLastModifiedTime(file).toInstant().toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * @return the hex SHA-256 of a file's bytes, as the load step hashes them while reading
	 */
	public static String sha256(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			byte[] buffer = new byte[1 << 16];
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				digest.update(buffer, 0, n);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file + ": " + ex.getMessage(), ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java has SHA-256", ex);
		}
	}

	public static String fingerprint(long bytes, String modified) {
		return bytes + " bytes, modified " + modified;
	}

}

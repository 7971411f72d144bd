package org.hubchargeback.registration;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.hubchargeback.config.HubChargebackProperties;
import org.hubchargeback.config.HubChargebackProperties.Hub;
import org.hubchargeback.config.HubChargebackProperties.RegistrationSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The registration a run charges with. From a file, or fetched from Azure and stored as a snapshot; when Azure
 * cannot be read, the hub's last good snapshot with a warning, never "everything to the default subscription".
 */
@Component
public class RegistrationProvider {

	private static final Logger log = LoggerFactory.getLogger(RegistrationProvider.class);

	private final AzureRegistrationClient azure;

	private final RegistrationSnapshots snapshots;

	private final HubChargebackProperties properties;

	private final Clock clock;

	public RegistrationProvider(AzureRegistrationClient azure, RegistrationSnapshots snapshots,
			HubChargebackProperties properties, Clock clock) {
		this.azure = azure;
		this.snapshots = snapshots;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * @param snapshot the snapshot to charge with
	 * @param warning why an older snapshot was used instead of a fresh read, or null
	 */
	public record Resolved(RegistrationSnapshot snapshot, @Nullable String warning) {
	}

	/**
	 * @param pinnedSnapshotId a snapshot the operator chose for this run, or null for the current registration
	 */
	public Resolved forRun(Hub hub, @Nullable Long pinnedSnapshotId) {
		if (pinnedSnapshotId != null) {
			RegistrationSnapshot pinned = this.snapshots.find(pinnedSnapshotId)
				.orElseThrow(() -> new RegistrationException("no registration snapshot " + pinnedSnapshotId));
			if (!pinned.hub().equals(hub.name())) {
				throw new RegistrationException("registration snapshot " + pinnedSnapshotId + " is of hub "
						+ pinned.hub() + ", not " + hub.name());
			}
			return new Resolved(pinned, null);
		}
		if (hub.registrationSource() == RegistrationSource.FILE) {
			if (hub.registrationFile() == null) {
				throw new RegistrationException("Hub " + hub.name() + ": registration-file is not set");
			}
			return new Resolved(this.snapshots.save(RegistrationFiles.readRegistration(hub), "file", now(), true),
					null);
		}
		RegistrationSnapshot previous = this.snapshots.latest(hub.name()).orElse(null);
		RegistrationSnapshot fresh;
		try {
			fresh = fetch(hub);
		}
		catch (AzureRegistrationException ex) {
			if (!ex.unavailable()) {
				// a refusal or a wrong answer does not pass by itself: charging around it every night would hide it
				throw new RegistrationException("Hub " + hub.name() + ": " + ex.getMessage() + "; not charged with an"
						+ " older snapshot: this needs fixing, not waiting", ex);
			}
			RegistrationSnapshot last = this.snapshots.latest(hub.name())
				.orElseThrow(() -> new RegistrationException("Hub " + hub.name() + ": " + ex.getMessage()
						+ "; and there is no earlier snapshot to fall back on", ex));
			String warning = "Hub " + hub.name() + ": the registration could not be read from Azure ("
					+ ex.getMessage() + "); charged with snapshot " + last.id() + " fetched " + last.fetchedAt()
					+ " instead";
			log.warn(warning);
			return new Resolved(last, warning);
		}
		String lost = (previous != null) ? RegistrationShrink.lostMost(previous, fresh) : null;
		if (lost != null) {
			log.warn("Hub {}: {}", hub.name(), lost);
			return new Resolved(fresh, "Hub " + hub.name() + ": " + lost);
		}
		String unknownBilling = RegistrationResource.unknownBilling(fresh);
		if (unknownBilling != null) {
			log.warn(unknownBilling);
		}
		return new Resolved(fresh, unknownBilling);
	}

	/**
	 * Reads the hub's registration from Azure now (the registration resource, then every customer subscription) and
	 * stores it as a new snapshot.
	 */
	public RegistrationSnapshot fetch(Hub hub) {
		String resourceId = requireResourceId(hub);
		String apiVersion = this.properties.azure().apiVersion();
		RegistrationResource resource = RegistrationResource.of(this.azure.getRegistration(resourceId, apiVersion),
				this.azure.describe(resourceId));
		resource.requireCustomerBilling(hub.name(), this.azure.describe(resourceId));
		List<CustomerSubscription> entries = this.azure.listCustomerSubscriptions(resourceId, apiVersion);
		String defaultSubscription = RegistrationFiles.defaultSubscriptionOf(hub);
		Registration read = Registration.of(hub.name(), defaultSubscription, entries,
				new Registration.Snapshot(this.azure.describe(resourceId), "pending"));
		Registration registration = new Registration(hub.name(), defaultSubscription,
				read.customerSubscriptionsByTenant(), new Registration.Snapshot(read.snapshot().source(),
						RegistrationSnapshots.fingerprint(defaultSubscription, read.customerSubscriptionsByTenant())));
		RegistrationSnapshot snapshot = this.snapshots.save(registration, apiVersion, now(), false, resource);
		log.info("Hub {}: registration read from Azure, {} customer subscription(s), snapshot {}", hub.name(),
				entries.size(), snapshot.id());
		return snapshot;
	}

	/**
	 * The customer subscriptions as listed, before any check: what {@code --validate-registration} inspects.
	 */
	public List<CustomerSubscription> entries(Hub hub) {
		if (hub.registrationSource() == RegistrationSource.AZURE) {
			return this.azure.listCustomerSubscriptions(requireResourceId(hub), this.properties.azure().apiVersion());
		}
		return RegistrationFiles.readEntries(hub);
	}

	static String requireResourceId(Hub hub) {
		if (hub.registrationResourceId() == null || hub.registrationResourceId().isBlank()) {
			throw new RegistrationException("Hub " + hub.name() + ": registration-resource-id is not set");
		}
		return hub.registrationResourceId();
	}

	private Instant now() {
		return Instant.now(this.clock);
	}

}

package org.hubchargeback.registration;

import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import org.hubchargeback.config.InvalidConfigurationException;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Dated registration snapshots in the job database. A snapshot is never changed or deleted: a run records the one
 * it used, and a rerun pinned to it charges exactly as that run did.
 */
@Component
public class RegistrationSnapshots {

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	public RegistrationSnapshots(JdbcTemplate jdbc, TransactionTemplate transaction) {
		this.jdbc = jdbc;
		this.transaction = transaction;
	}

	/**
	 * Stores a registration as read now.
	 * @param reuseUnchanged return the hub's latest snapshot instead when it has the same source and content (a
	 * registration file read at every run is one snapshot until it changes)
	 * @return the snapshot
	 */
	public RegistrationSnapshot save(Registration registration, String apiVersion, Instant fetchedAt,
			boolean reuseUnchanged) {
		return save(registration, apiVersion, fetchedAt, reuseUnchanged, new RegistrationResource(null, null));
	}

	/**
	 * Stores a registration as read now from Azure, with what its registration resource says.
	 */
	public RegistrationSnapshot save(Registration registration, String apiVersion, Instant fetchedAt,
			boolean reuseUnchanged, RegistrationResource resource) {
		if (reuseUnchanged) {
			Optional<RegistrationSnapshot> latest = latest(registration.hub());
			if (latest.isPresent() && latest.get().sha256().equals(registration.snapshot().sha256())
					&& latest.get().source().equals(registration.snapshot().source())
					&& latest.get().defaultSubscriptionId().equals(registration.defaultSubscriptionId())) {
				return latest.get();
			}
		}
		Long id = this.transaction.execute((status) -> {
			GeneratedKeyHolder key = new GeneratedKeyHolder();
			this.jdbc.update((connection) -> {
				var statement = connection.prepareStatement("INSERT INTO HC_REGISTRATION_SNAPSHOT (HUB, SOURCE,"
						+ " API_VERSION, FETCHED_AT, SHA256, DEFAULT_SUBSCRIPTION_ID, CLOUD_ID, BILLING_MODEL)"
						+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
						Statement.RETURN_GENERATED_KEYS);
				statement.setString(1, registration.hub());
				statement.setString(2, registration.snapshot().source());
				statement.setString(3, apiVersion);
				statement.setObject(4, LocalDateTime.ofInstant(fetchedAt, ZoneOffset.UTC));
				statement.setString(5, registration.snapshot().sha256());
				statement.setString(6, registration.defaultSubscriptionId());
				statement.setString(7, resource.cloudId());
				statement.setString(8, resource.billingModel());
				return statement;
			}, key);
			// by name: PostgreSQL returns every column of the row (and would quote a column name asked for, which is
			// lowercase there), H2 the identity column
			Map<String, Object> keys = Objects.requireNonNull(key.getKeys(), "the INSERT returns its generated key");
			long snapshotId = ((Number) Objects.requireNonNull(keys.get("SNAPSHOT_ID"), "SNAPSHOT_ID is generated"))
				.longValue();
			List<Object[]> entries = new ArrayList<>();
			registration.customerSubscriptionsByTenant()
				.forEach((tenant, subscription) -> entries.add(new Object[] { snapshotId, tenant, subscription }));
			this.jdbc.batchUpdate("INSERT INTO HC_REGISTRATION_ENTRY (SNAPSHOT_ID, TENANT_ID, CUSTOMER_SUBSCRIPTION_ID)"
					+ " VALUES (?, ?, ?)", entries);
			return snapshotId;
		});
		return find(id).orElseThrow();
	}

	public Optional<RegistrationSnapshot> find(long id) {
		return query("WHERE SNAPSHOT_ID = ?", id).stream().findFirst();
	}

	/**
	 * @param ids the snapshots an operator pinned a run to ({@code --snapshot=ID})
	 * @return hub to the snapshot pinned for it
	 */
	public Map<String, Long> pinned(List<Long> ids) {
		Map<String, Long> pinned = new HashMap<>();
		for (long id : ids) {
			RegistrationSnapshot snapshot = find(id)
				.orElseThrow(() -> new InvalidConfigurationException("no registration snapshot " + id));
			if (pinned.put(snapshot.hub(), id) != null) {
				throw new InvalidConfigurationException("two snapshots pinned for hub " + snapshot.hub());
			}
		}
		return pinned;
	}

	public Optional<RegistrationSnapshot> latest(String hub) {
		return query("WHERE SNAPSHOT_ID = (SELECT MAX(SNAPSHOT_ID) FROM HC_REGISTRATION_SNAPSHOT WHERE HUB = ?)", hub)
			.stream()
			.findFirst();
	}

	/**
	 * @param hub only this hub's snapshots, or all when null
	 * @return newest first
	 */
	public List<RegistrationSnapshot> list(@Nullable String hub) {
		List<RegistrationSnapshot> all = new ArrayList<>((hub != null) ? query("WHERE HUB = ?", hub) : query(""));
		Collections.reverse(all);
		return all;
	}

	private List<RegistrationSnapshot> query(String where, Object... args) {
		Map<Long, Map<String, String>> entries = new HashMap<>();
		this.jdbc.query("SELECT e.SNAPSHOT_ID, e.TENANT_ID, e.CUSTOMER_SUBSCRIPTION_ID FROM HC_REGISTRATION_ENTRY e"
				+ " WHERE e.SNAPSHOT_ID IN (SELECT SNAPSHOT_ID FROM HC_REGISTRATION_SNAPSHOT " + where + ")",
				(RowCallbackHandler) (rs) -> entries.computeIfAbsent(rs.getLong(1), (k) -> new TreeMap<>())
					.put(rs.getString(2), rs.getString(3)),
				args);
		return this.jdbc.query("SELECT SNAPSHOT_ID, HUB, SOURCE, API_VERSION, FETCHED_AT, SHA256,"
				+ " DEFAULT_SUBSCRIPTION_ID, CLOUD_ID, BILLING_MODEL FROM HC_REGISTRATION_SNAPSHOT " + where
				+ " ORDER BY SNAPSHOT_ID",
				(rs, i) -> new RegistrationSnapshot(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getObject(5, LocalDateTime.class).toInstant(ZoneOffset.UTC), rs.getString(6),
						rs.getString(7), entries.getOrDefault(rs.getLong(1), Map.of()), rs.getString(8),
						rs.getString(9)),
				args);
	}

	/**
	 * What changed from one snapshot to another.
	 */
	public static SnapshotDiff diff(RegistrationSnapshot from, RegistrationSnapshot to) {
		Map<String, String> before = from.customerSubscriptionsByTenant();
		Map<String, String> after = to.customerSubscriptionsByTenant();
		List<String> added = new ArrayList<>();
		List<String> removed = new ArrayList<>();
		List<String> remapped = new ArrayList<>();
		TreeSet<String> tenants = new TreeSet<>(before.keySet());
		tenants.addAll(after.keySet());
		for (String tenant : tenants) {
			String was = before.get(tenant);
			String is = after.get(tenant);
			if (was == null) {
				added.add(tenant + " -> " + is);
			}
			else if (is == null) {
				removed.add(tenant + " -> " + was);
			}
			else if (!was.equals(is)) {
				remapped.add(tenant + ": " + was + " -> " + is);
			}
		}
		return new SnapshotDiff(added, removed, remapped);
	}

	public record SnapshotDiff(List<String> added, List<String> removed, List<String> remapped) {

		public boolean isEmpty() {
			return this.added.isEmpty() && this.removed.isEmpty() && this.remapped.isEmpty();
		}

	}

	/**
	 * Fingerprint of a registration read from Azure: its default subscription and sorted mappings.
	 */
	public static String fingerprint(String defaultSubscriptionId, Map<String, String> byTenant) {
		StringBuilder text = new StringBuilder("default=").append(defaultSubscriptionId).append('\n');
		new TreeMap<>(byTenant).forEach((tenant, sub) -> text.append(tenant).append('=').append(sub).append('\n'));
		return RegistrationFiles.sha256(text.toString().getBytes(StandardCharsets.UTF_8));
	}

}

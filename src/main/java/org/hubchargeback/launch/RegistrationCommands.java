package org.hubchargeback.launch;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.hubchargeback.config.HubChargebackProperties;
import org.hubchargeback.config.HubChargebackProperties.Hub;
import org.hubchargeback.registration.AzureRegistrationClient;
import org.hubchargeback.registration.CustomerSubscription;
import org.hubchargeback.registration.RegistrationException;
import org.hubchargeback.registration.RegistrationFiles;
import org.hubchargeback.registration.RegistrationProvider;
import org.hubchargeback.registration.RegistrationSnapshot;
import org.hubchargeback.registration.RegistrationSnapshots;
import org.hubchargeback.registration.RegistrationSnapshots.SnapshotDiff;
import org.hubchargeback.run.RunInputs;
import org.hubchargeback.usage.Guids;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The registration commands: read it from Azure now, list and compare stored snapshots, check it, and add or
 * remove a customer subscription (what the CSP guide does with {@code New-AzResource} / {@code Remove-AzResource}).
 * Each returns an exit code: 0 done, 1 Azure refused or the check found problems.
 */
@Component
public class RegistrationCommands {

	private final RunInputs inputs;

	private final RegistrationProvider provider;

	private final RegistrationSnapshots snapshots;

	private final AzureRegistrationClient azure;

	private final HubChargebackProperties properties;

	public RegistrationCommands(RunInputs inputs, RegistrationProvider provider, RegistrationSnapshots snapshots,
			AzureRegistrationClient azure, HubChargebackProperties properties) {
		this.inputs = inputs;
		this.provider = provider;
		this.snapshots = snapshots;
		this.azure = azure;
		this.properties = properties;
	}

	int fetch(@Nullable String hubName, PrintStream out) {
		for (Hub hub : selected(hubName)) {
			RegistrationSnapshot snapshot = this.provider.fetch(hub);
			out.println("hub-chargeback: " + hub.name() + ": snapshot " + snapshot.id() + " read from Azure");
			print(snapshot, out);
		}
		return 0;
	}

	int list(@Nullable String hubName, PrintStream out) {
		List<RegistrationSnapshot> all = this.snapshots.list(hubName);
		out.println("SnapshotId,Hub,FetchedAt,ApiVersion,CustomerSubscriptions,Sha256,Source");
		for (RegistrationSnapshot s : all) {
			out.println(String.join(",", String.valueOf(s.id()), s.hub(), s.fetchedAt().toString(), s.apiVersion(),
					String.valueOf(s.customerSubscriptionsByTenant().size()), s.sha256().substring(0, 12), s.source()));
		}
		return 0;
	}

	int diff(long fromId, long toId, PrintStream out) {
		RegistrationSnapshot from = snapshot(fromId);
		RegistrationSnapshot to = snapshot(toId);
		if (!from.hub().equals(to.hub())) {
			throw new RunRefusedException("snapshots " + fromId + " (" + from.hub() + ") and " + toId + " ("
					+ to.hub() + ") are of different hubs");
		}
		SnapshotDiff diff = RegistrationSnapshots.diff(from, to);
		out.println("hub-chargeback: " + from.hub() + ": snapshot " + fromId + " (" + from.fetchedAt() + ") -> "
				+ toId + " (" + to.fetchedAt() + ")" + (diff.isEmpty() ? ": no change" : ""));
		diff.added().forEach((line) -> out.println("  added     " + line));
		diff.removed().forEach((line) -> out.println("  removed   " + line));
		diff.remapped().forEach((line) -> out.println("  remapped  " + line));
		if (!from.defaultSubscriptionId().equals(to.defaultSubscriptionId())) {
			out.println("  default   " + from.defaultSubscriptionId() + " -> " + to.defaultSubscriptionId());
		}
		return 0;
	}

	int validate(@Nullable String hubName, PrintStream out) {
		int problems = 0;
		for (Hub hub : selected(hubName)) {
			List<String> findings = findings(hub, this.provider.entries(hub));
			if (findings.isEmpty()) {
				out.println("hub-chargeback: " + hub.name() + ": registration OK");
			}
			for (String finding : findings) {
				out.println("hub-chargeback: " + hub.name() + ": " + finding);
			}
			problems += findings.size();
		}
		return (problems == 0) ? 0 : ChargebackCommandLine.FAILED;
	}

	/**
	 * The checks of {@code --validate-registration}, on the entries as listed.
	 */
	static List<String> findings(Hub hub, List<CustomerSubscription> entries) {
		List<String> findings = new ArrayList<>();
		String defaultSubscription = RegistrationFiles.defaultSubscriptionOf(hub);
		Map<String, String> byTenant = new HashMap<>();
		Map<String, String> byLowerId = new HashMap<>();
		for (CustomerSubscription entry : entries) {
			String id = entry.customerSubscriptionId();
			if (!Guids.isGuid(id)) {
				findings.add("customer subscription '" + id + "' is not a GUID");
			}
			if (!Guids.isGuid(entry.tenantId())) {
				findings.add("customer subscription " + id + " maps to tenant '" + entry.tenantId()
						+ "', which is not a GUID");
			}
			if (id.equalsIgnoreCase(defaultSubscription)) {
				findings.add("customer subscription " + id + " is the default subscription: its tenant's usage"
						+ " cannot be told apart from unregistered usage");
			}
			String other = byTenant.putIfAbsent(entry.tenantId().toLowerCase(Locale.ROOT), id);
			if (other != null && !other.equals(id)) {
				findings.add("tenant " + entry.tenantId() + " is mapped twice, to " + other + " and " + id);
			}
			String sameId = byLowerId.putIfAbsent(id.toLowerCase(Locale.ROOT), id);
			if (sameId != null && !sameId.equals(id)) {
				findings.add("customer subscription " + id + " is also listed as " + sameId
						+ " (the IDs differ only in case)");
			}
		}
		return findings;
	}

	int register(String hubName, String customerSubscriptionId, String tenantId, PrintStream out, PrintStream err) {
		Hub hub = this.inputs.hub(hubName);
		String resourceId = requireAzure(hub);
		if (!Guids.isGuid(customerSubscriptionId)) {
			throw new RunRefusedException("--customer-subscription '" + customerSubscriptionId
					+ "' is not a subscription ID (a GUID)");
		}
		if (!Guids.isGuid(tenantId)) {
			throw new RunRefusedException("--tenant '" + tenantId + "' is not a tenant ID (a GUID)");
		}
		String apiVersion = this.properties.azure().apiVersion();
		for (CustomerSubscription existing : this.azure.listCustomerSubscriptions(resourceId, apiVersion)) {
			String id = existing.customerSubscriptionId();
			if (id.equalsIgnoreCase(customerSubscriptionId) && !id.equals(customerSubscriptionId)) {
				err.println("hub-chargeback: WARNING: " + hub.name() + " already has customer subscription " + id
						+ ", which differs from " + customerSubscriptionId + " only in case; the ID is case sensitive");
			}
			if (existing.tenantId().equalsIgnoreCase(tenantId) && !id.equalsIgnoreCase(customerSubscriptionId)) {
				err.println("hub-chargeback: WARNING: tenant " + tenantId + " is mapped to " + id
						+ " now; Azure keeps one customer subscription per tenant, so this replaces it");
			}
		}
		int status = this.azure.putCustomerSubscription(resourceId, customerSubscriptionId, tenantId, apiVersion);
		RegistrationSnapshot snapshot = this.provider.fetch(hub);
		// a 202 only says Azure accepted the change: what counts is whether the registration now shows it
		boolean shown = customerSubscriptionId
			.equals(snapshot.customerSubscriptionsByTenant().get(tenantId.toLowerCase(Locale.ROOT)));
		if (!shown) {
			err.println("hub-chargeback: WARNING: " + hub.name() + ": Azure accepted the registration of "
					+ customerSubscriptionId + " for tenant " + tenantId + " (HTTP " + status + ") but does not show"
					+ " it yet (snapshot " + snapshot.id() + "); check with --fetch-registrations --hub=" + hub.name()
					+ " before charging on it");
			print(snapshot, out);
			return ChargebackCommandLine.COMPLETED_WITH_WARNINGS;
		}
		out.println("hub-chargeback: " + hub.name() + ": registered customer subscription " + customerSubscriptionId
				+ " for tenant " + tenantId + "; Azure shows it (snapshot " + snapshot.id() + "):");
		print(snapshot, out);
		return 0;
	}

	int unregister(String hubName, String customerSubscriptionId, boolean confirmed, PrintStream out,
			PrintStream err) {
		Hub hub = this.inputs.hub(hubName);
		String resourceId = requireAzure(hub);
		if (!confirmed) {
			throw new RunRefusedException("--unregister-customer removes " + customerSubscriptionId + " from "
					+ hub.name() + "'s registration; its tenant's usage then goes to the default subscription."
					+ " Add --confirm to do it");
		}
		String apiVersion = this.properties.azure().apiVersion();
		List<String> listed = this.azure.listCustomerSubscriptions(resourceId, apiVersion)
			.stream()
			.map(CustomerSubscription::customerSubscriptionId)
			.toList();
		if (!listed.contains(customerSubscriptionId)) {
			String sameButCase = listed.stream().filter(customerSubscriptionId::equalsIgnoreCase).findFirst().orElse(null);
			err.println("hub-chargeback: " + hub.name() + " has no customer subscription " + customerSubscriptionId
					+ "; nothing removed" + ((sameButCase != null) ? " (it has " + sameButCase
							+ ", which differs only in case: the ID is case sensitive)" : ""));
			return ChargebackCommandLine.FAILED;
		}
		int status = this.azure.deleteCustomerSubscription(resourceId, customerSubscriptionId, apiVersion);
		RegistrationSnapshot snapshot = this.provider.fetch(hub);
		if (snapshot.customerSubscriptionsByTenant().containsValue(customerSubscriptionId)) {
			err.println("hub-chargeback: WARNING: " + hub.name() + ": Azure accepted the removal of "
					+ customerSubscriptionId + " (HTTP " + status + ") but still shows it (snapshot " + snapshot.id()
					+ "); check with --fetch-registrations --hub=" + hub.name());
			print(snapshot, out);
			return ChargebackCommandLine.COMPLETED_WITH_WARNINGS;
		}
		out.println("hub-chargeback: " + hub.name() + ": removed customer subscription " + customerSubscriptionId
				+ "; Azure no longer shows it (snapshot " + snapshot.id() + "):");
		print(snapshot, out);
		return 0;
	}

	private static void print(RegistrationSnapshot snapshot, PrintStream out) {
		out.println("  default subscription  " + snapshot.defaultSubscriptionId());
		snapshot.customerSubscriptionsByTenant()
			.forEach((tenant, subscription) -> out.println("  tenant " + tenant + "  ->  " + subscription));
	}

	private RegistrationSnapshot snapshot(long id) {
		return this.snapshots.find(id).orElseThrow(() -> new RunRefusedException("no registration snapshot " + id));
	}

	private List<Hub> selected(@Nullable String hubName) {
		return (hubName != null) ? List.of(this.inputs.hub(hubName)) : this.inputs.hubs();
	}

	private static String requireAzure(Hub hub) {
		if (hub.registrationResourceId() == null || hub.registrationResourceId().isBlank()) {
			throw new RegistrationException("Hub " + hub.name() + ": registration-resource-id is not set");
		}
		return hub.registrationResourceId();
	}

}

package org.hubchargeback.run;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hubchargeback.config.HubChargebackProperties.Hub;
import org.hubchargeback.registration.CustomerNames;
import org.hubchargeback.registration.RegistrationFiles;
import org.hubchargeback.registration.SubscriptionNames;
import org.hubchargeback.registration.UserSubscriptions;

/**
 * The names a run shows: its hubs' user-subscription lists (which a restart checks are unchanged, see
 * {@link RunInputs#hubsOfRun}) and the copy of the customer names file it took when it was prepared
 * ({@link RunPaths#customerNames}).
 */
public final class RunNames {

	private RunNames() {
	}

	public static SubscriptionNames of(RunPaths paths, List<Hub> hubs) {
		Map<String, UserSubscriptions> userSubscriptions = new LinkedHashMap<>();
		hubs.forEach((hub) -> userSubscriptions.put(hub.name(), RegistrationFiles.readUserSubscriptions(hub)));
		CustomerNames customers = Files.isRegularFile(paths.customerNames())
				? CustomerNames.read(paths.customerNames()) : CustomerNames.NONE;
		return SubscriptionNames.of(userSubscriptions, customers);
	}

}

package org.hubchargeback.focus;

import java.util.Map;
import java.util.Optional;

import org.hubchargeback.usage.Meter;

/**
 * FOCUS {@code ServiceName} and {@code ServiceCategory} of a meter, from the resource provider that emits it.
 *
 * @param category one of FOCUS's allowed service categories
 */
record FocusService(String name, String category) {

	/** Charges no resource provider emits: unknown meters and adjustments. */
	static final FocusService AZURE_STACK_HUB = new FocusService("Azure Stack Hub", "Other");

	private static final Map<String, FocusService> BY_RESOURCE_PROVIDER = Map.of(
			"Compute", new FocusService("Virtual Machines", "Compute"),
			"Storage", new FocusService("Storage", "Storage"),
			"Managed Disks", new FocusService("Managed Disks", "Storage"),
			"Network", new FocusService("Virtual Network", "Networking"),
			"SQL RP", new FocusService("SQL Server", "Databases"),
			"MySQL RP", new FocusService("MySQL", "Databases"),
			"Event Hubs", new FocusService("Event Hubs", "Analytics"),
			"Key Vault", new FocusService("Key Vault", "Security"),
			"App Service", new FocusService("App Service", "Web"));

	static FocusService of(Optional<Meter> meter) {
		return meter.map((m) -> BY_RESOURCE_PROVIDER.get(m.resourceProvider())).orElse(AZURE_STACK_HUB);
	}

}

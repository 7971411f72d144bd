package org.hubchargeback.registration;

import tools.jackson.databind.JsonNode;

/**
 * One {@code customerSubscriptions} entry of a registration, as Azure lists it.
 *
 * @param customerSubscriptionId the customer's CSP subscription, spelled as registered (case sensitive)
 * @param tenantId the directory tenant mapped to it, as listed
 */
public record CustomerSubscription(String customerSubscriptionId, String tenantId) {

	/**
	 * Reads an Azure Resource Manager {@code CustomerSubscription}: the subscription ID is the last segment of
	 * {@code name} ({@code <registration>/<id>}), or of {@code id} when the name is empty (a PUT answers with empty
	 * names).
	 */
	public static CustomerSubscription fromArm(JsonNode entry) {
		String name = entry.path("name").asString("").strip();
		String source = (name.isEmpty() || name.endsWith("/")) ? entry.path("id").asString("").strip() : name;
		while (source.endsWith("/")) {
			source = source.substring(0, source.length() - 1);
		}
		return new CustomerSubscription(source.substring(source.lastIndexOf('/') + 1).strip(),
				entry.path("properties").path("tenantId").asString("").strip());
	}

}

package org.hubchargeback.registration;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What the registration resource itself ({@code Microsoft.AzureStack/registrations/{name}}) says: which stamp it is
 * ({@code cloudId}) and how it is billed ({@code billingModel}). Only a pay-as-you-use registration takes customer
 * subscriptions (Azure answers {@code CustomerSubscriptionsNotAllowed} on any other, domain facts section 6): on a
 * Capacity, Custom, Ruggedized or Development registration every tenant would fall to the default subscription, and
 * the usage is not what Microsoft bills the partner for.
 *
 * @param cloudId the registered stamp's CloudId, or null when Azure does not say
 * @param billingModel {@code PayAsYouUse}, {@code Capacity}, ..., or null when Azure does not say
 */
public record RegistrationResource(@Nullable String cloudId, @Nullable String billingModel) {

	/**
	 * The billing model whose usage Azure bills per customer subscription.
	 */
	public static final String PAY_AS_YOU_USE = "PayAsYouUse";

	/**
	 * @param body the registration resource as Azure answered it
	 * @param source where it was read, for the error
	 * @throws AzureRegistrationException for an answer that is no registration resource (no {@code properties})
	 */
	public static RegistrationResource of(JsonNode body, String source) {
		JsonNode properties = body.path("properties");
		if (!properties.isObject()) {
			throw new AzureRegistrationException(200, AzureRegistrationClient.INVALID_ANSWER, "cannot read the"
					+ " registration: Azure answered " + source + " without its 'properties' ("
					+ AzureRegistrationClient.abbreviate(body.toString())
					+ "); not charged with a registration whose billing model is unknown", null);
		}
		return new RegistrationResource(text(properties, "cloudId"), text(properties, "billingModel"));
	}

	private static @Nullable String text(JsonNode properties, String name) {
		String value = properties.path(name).asString("").strip();
		return value.isEmpty() ? null : value;
	}

	/**
	 * @throws RegistrationException when the billing model is known and bills no customer subscription
	 */
	public void requireCustomerBilling(String hub, String source) {
		if (this.billingModel != null && !PAY_AS_YOU_USE.equalsIgnoreCase(this.billingModel)) {
			throw new RegistrationException("Hub " + hub + ": the registration " + source + " has billing model "
					+ this.billingModel + ", which takes no customer subscriptions (only " + PAY_AS_YOU_USE + " does):"
					+ " every tenant would be charged to the default subscription; re-register the hub with"
					+ " -BillingModel PayAsYouUse, or point registration-resource-id at its pay-as-you-use"
					+ " registration (cloudId " + ((this.cloudId != null) ? this.cloudId : "not given") + ")");
		}
	}

	/**
	 * @return a warning when Azure did not say the billing model, or null
	 */
	public static @Nullable String unknownBilling(RegistrationSnapshot snapshot) {
		if (snapshot.billingModel() != null || snapshot.apiVersion().equals("file")) {
			return null;
		}
		return "Hub " + snapshot.hub() + ": the registration " + snapshot.source() + " does not say its billingModel,"
				+ " so it is not known to take customer subscriptions (only " + PAY_AS_YOU_USE + " does); check it"
				+ " with Get-AzResource and --fetch-registrations";
	}

}

package org.hubchargeback.registration;

import java.util.Map;

/**
 * What each documented registration error means for the operator (domain facts section 6).
 */
public final class RegistrationErrors {

	private static final String CREDENTIALS = "Azure refused the credentials: check the service principal"
			+ " (AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_CLIENT_SECRET), the managed identity or `az login`";

	private static final Map<String, String> ACTIONS = Map.ofEntries(Map.entry("RegistrationNotFound",
			"the registration was not found: check the subscription, resource group and registration name in"
					+ " registration-resource-id (with several registrations, match the hub's CloudDeploymentID)"),
			Map.entry("BadCustomerSubscriptionId",
					"the customer subscription and the registration's subscription are not owned by the same CSP"
							+ " partner: check the customer subscription ID (it is case sensitive)"),
			Map.entry("InvalidCustomerSubscriptionId",
					"the customer subscription ID is not valid: give an existing Azure subscription ID"),
			Map.entry("CustomerSubscriptionNotFound",
					"the customer subscription is not on this registration: check the ID, or add it with"
							+ " --register-customer"),
			Map.entry("UnauthorizedCspRegistration",
					"this registration is not approved for multi-tenancy: email azstcsp@microsoft.com with the"
							+ " registration name, resource group and subscription ID, then retry"),
			Map.entry("CustomerSubscriptionsNotAllowed",
					"customer subscriptions need a pay-as-you-use registration; this one is disconnected or"
							+ " capacity-billed: re-register the hub with pay-as-you-use billing"),
			Map.entry("InvalidCSPSubscription",
					"the customer subscription is not a CSP subscription: check for a mistyped ID"),
			Map.entry("MetadataResolverBadGatewayError",
					"an Azure upstream service failed; this is transient: retry later, and contact support if it"
							+ " persists"),
			Map.entry("AuthenticationFailed", CREDENTIALS),
			Map.entry("InvalidAuthenticationToken", CREDENTIALS),
			Map.entry("ExpiredAuthenticationToken",
					"the access token has expired: renew the client secret or certificate of the service principal,"
							+ " `az login` again, or get a new HUB_CHARGEBACK_AZURE_ACCESS_TOKEN"),
			Map.entry("InvalidAuthenticationTokenAudience",
					"the token is for another audience than this Azure Resource Manager: set"
							+ " hub-chargeback.azure.scope to the endpoint's (" + "https://management.azure.com/.default"
							+ " for the public cloud; sovereign clouds have their own)"),
			Map.entry("AuthorizationFailed",
					"the identity may not read or change this registration: grant it Contributor (or Reader to"
							+ " read) on the registration's resource group"));

	private RegistrationErrors() {
	}

	/**
	 * @return the action for a documented code, or a generic one naming the code and HTTP status
	 */
	public static String explain(int status, String code, String message) {
		String action = ACTIONS.get(code);
		if (action != null) {
			return code + ": " + action + " (Azure said: " + message + ")";
		}
		if (status == 401) {
			return "HTTP 401 " + code + ": " + CREDENTIALS + " (Azure said: " + message + ")";
		}
		if (status == 404) {
			return "HTTP 404 " + code + ": " + ACTIONS.get("RegistrationNotFound") + " (Azure said: " + message + ")";
		}
		if (status == 403) {
			return "HTTP " + status + " " + code + ": " + ACTIONS.get("AuthorizationFailed") + " (Azure said: "
					+ message + ")";
		}
		return "HTTP " + status + (code.isEmpty() ? "" : " " + code) + ": " + message;
	}

}

package org.hubchargeback.registration;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

import org.hubchargeback.config.HubChargebackProperties.Azure;
import org.jspecify.annotations.Nullable;

/**
 * Where the credential asks for its token, and for what: the authority (the setting, else {@code AZURE_AUTHORITY_HOST}
 * as the Azure SDK reads it, else the public cloud) and the scope (the setting, else the Resource Manager endpoint's
 * {@code /.default}, which is right for every cloud: the public one, sovereign ones and a hub's own ARM). Each keeps
 * where it came from, for the error of a token that fails.
 *
 * @param authorityHost the Entra ID (or AD FS) authority
 * @param authorityFrom where the authority came from
 * @param scope the token scope
 * @param scopeFrom where the scope came from
 */
public record TokenTarget(String authorityHost, String authorityFrom, String scope, String scopeFrom) {

	static final String PUBLIC_AUTHORITY = "https://login.microsoftonline.com/";

	// the clouds whose authorities Entra ID's instance discovery knows; any other (AD FS, a private or test
	// authority) is asked for tokens directly, as azure-identity advises for private clouds and Azure Stack
	private static final Set<String> KNOWN_AUTHORITY_HOSTS = Set.of("login.microsoftonline.com",
			"login.microsoftonline.us", "login.chinacloudapi.cn", "login.partner.microsoftonline.cn");

	/**
	 * @param authorityHostVariable {@code AZURE_AUTHORITY_HOST} as the environment holds it, or null
	 */
	public static TokenTarget of(Azure settings, @Nullable String authorityHostVariable) {
		String authority;
		String authorityFrom;
		if (settings.authorityHost() != null && !settings.authorityHost().isBlank()) {
			authority = settings.authorityHost().strip();
			authorityFrom = "hub-chargeback.azure.authority-host";
		}
		else if (authorityHostVariable != null && !authorityHostVariable.isBlank()) {
			authority = authorityHostVariable.strip();
			authorityFrom = "AZURE_AUTHORITY_HOST";
		}
		else {
			authority = PUBLIC_AUTHORITY;
			authorityFrom = "the public cloud's, as neither hub-chargeback.azure.authority-host nor"
					+ " AZURE_AUTHORITY_HOST is set";
		}
		if (settings.scope() != null && !settings.scope().isBlank()) {
			return new TokenTarget(authority, authorityFrom, settings.scope().strip(), "hub-chargeback.azure.scope");
		}
		return new TokenTarget(authority, authorityFrom, scopeOf(settings.resourceManagerEndpoint()),
				"derived from hub-chargeback.azure.resource-manager-endpoint");
	}

	/**
	 * @return the {@code .default} scope of a Resource Manager endpoint: {@code https://management.azure.com} gives
	 * {@code https://management.azure.com/.default}
	 */
	public static String scopeOf(String resourceManagerEndpoint) {
		URI endpoint = URI.create(resourceManagerEndpoint.strip());
		if (endpoint.getScheme() == null || endpoint.getRawAuthority() == null) {
			throw new RegistrationException("hub-chargeback.azure.resource-manager-endpoint: '"
					+ resourceManagerEndpoint + "' is no URL (https://management.azure.com)");
		}
		return endpoint.getScheme().toLowerCase(Locale.ROOT) + "://"
				+ endpoint.getRawAuthority().toLowerCase(Locale.ROOT) + "/.default";
	}

	/**
	 * @return whether Entra ID's instance discovery knows the authority (it is asked only about those)
	 */
	public boolean knownCloud() {
		String host = URI.create(this.authorityHost).getHost();
		return host != null && KNOWN_AUTHORITY_HOSTS.contains(host.toLowerCase(Locale.ROOT));
	}

	/**
	 * @return the authority and scope with where each came from, for an error message
	 */
	public String describe() {
		return "authority " + this.authorityHost + " (" + this.authorityFrom + "), scope " + this.scope + " ("
				+ this.scopeFrom + ")";
	}

}

package org.hubchargeback.hubapi;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.hubchargeback.config.InvalidConfigurationException;
import org.hubchargeback.usage.Guids;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hub-chargeback.usage-api.*}: how the hubs with {@code usage-source: api} are reached (docs/usage-api.md).
 *
 * @param hubs per hub name, its admin endpoint and credentials
 * @param maxRetries retries of a transient failure (429, 5xx, connection); Retry-After is honoured
 * @param retryDelay first back-off delay, doubled per retry
 * @param maxRetryDelay longest back-off delay
 * @param timeout per-request response timeout
 * @param maxWindowsPerRun the most reported days one fetch reads (a hub offline for long catches up over runs)
 */
@ConfigurationProperties("hub-chargeback.usage-api")
public record UsageApiProperties(@DefaultValue Map<String, HubApi> hubs, @DefaultValue("4") int maxRetries,
		@DefaultValue("PT2S") Duration retryDelay, @DefaultValue("PT60S") Duration maxRetryDelay,
		@DefaultValue("PT60S") Duration timeout, @DefaultValue("62") int maxWindowsPerRun) {

	public UsageApiProperties {
		if (maxRetries < 0 || retryDelay.isNegative() || maxRetryDelay.isNegative() || timeout.isNegative()) {
			throw new InvalidConfigurationException("hub-chargeback.usage-api: max-retries, retry-delay,"
					+ " max-retry-delay and timeout must not be negative");
		}
		if (maxWindowsPerRun < 1) {
			throw new InvalidConfigurationException("hub-chargeback.usage-api.max-windows-per-run: " + maxWindowsPerRun
					+ " is not a number of reported days (62: two months of missed nights at most per run)");
		}
		hubs.forEach((name, hub) -> hub.check("hub-chargeback.usage-api.hubs." + name));
	}

	/**
	 * One hub's usage API.
	 *
	 * @param adminEndpoint the admin Azure Resource Manager, {@code https://adminmanagement.{region}.{fqdn}}
	 * @param providerSubscriptionId the Default Provider Subscription (the operator's subscription on the hub)
	 * @param granularity {@code daily} or {@code hourly} buckets in the fetched files
	 * @param firstReportedDay the first reported day (yyyy-MM-dd) to fetch when nothing was fetched yet: the day after
	 * the last export of the script the API replaces
	 * @param archiveDir where the fetched files are kept: one of the hub's {@code input-dirs} (the first when empty)
	 * @param credential who the job is on the hub's identity provider
	 * @param trustStore a PKCS12 trust store with the hub's root certificate, for the token and the ARM endpoints
	 * @param trustStorePassword its password
	 */
	public record HubApi(@Nullable String adminEndpoint, @Nullable String providerSubscriptionId,
			@DefaultValue("daily") String granularity, @Nullable String firstReportedDay, @Nullable Path archiveDir,
			@DefaultValue Credential credential, @Nullable Path trustStore, @Nullable String trustStorePassword) {

		void check(String key) {
			if (this.adminEndpoint == null || !this.adminEndpoint.startsWith("https://")) {
				throw new InvalidConfigurationException(key + ".admin-endpoint: '" + this.adminEndpoint + "' is not"
						+ " the hub's admin endpoint (https://adminmanagement.{region}.{fqdn})");
			}
			if (this.providerSubscriptionId == null || !Guids.isGuid(this.providerSubscriptionId)) {
				throw new InvalidConfigurationException(key + ".provider-subscription-id: '"
						+ this.providerSubscriptionId + "' is not the Default Provider Subscription ID (a GUID)");
			}
			if (!List.of("daily", "hourly").contains(this.granularity.toLowerCase(Locale.ROOT))) {
				throw new InvalidConfigurationException(key + ".granularity: '" + this.granularity
						+ "' is neither daily nor hourly");
			}
			if (this.firstReportedDay == null) {
				throw new InvalidConfigurationException(key + ".first-reported-day is not set: the first day to fetch"
						+ " (yyyy-MM-dd), the day after the last Usagesummary.ps1 export the job charged");
			}
			firstDay();
			this.credential.check(key + ".credential");
		}

		public String endpoint() {
			return String.valueOf(this.adminEndpoint).replaceAll("/+$", "");
		}

		public String providerSubscription() {
			return String.valueOf(this.providerSubscriptionId);
		}

		public LocalDate firstDay() {
			try {
				return LocalDate.parse(String.valueOf(this.firstReportedDay).strip());
			}
			catch (DateTimeParseException ex) {
				throw new InvalidConfigurationException("first-reported-day: '" + this.firstReportedDay
						+ "' is not a date (yyyy-MM-dd)");
			}
		}

		/**
		 * @return the API's spelling: {@code Daily} or {@code Hourly}
		 */
		public String apiGranularity() {
			return this.granularity.equalsIgnoreCase("hourly") ? "Hourly" : "Daily";
		}

	}

	/**
	 * The job's identity on the hub's identity provider: Entra ID for connected hubs, AD FS for disconnected ones.
	 *
	 * @param type {@code service-principal} (client secret), {@code certificate} (PEM or PFX), {@code managed-identity}
	 * or {@code access-token} (a token obtained elsewhere, valid for about an hour)
	 * @param identityProvider {@code entra} or {@code adfs}
	 * @param authorityHost the identity provider: {@code https://login.microsoftonline.com/} (Entra) or
	 * {@code https://adfs.{region}.{fqdn}/} (AD FS); the authority is this host plus the tenant ({@code adfs} for
	 * AD FS)
	 * @param tenantId the Entra directory of the hub's service principal (not used with AD FS)
	 * @param clientId the application (client) ID, or a user-assigned managed identity's
	 * @param clientSecret the secret, for {@code service-principal}
	 * @param certificate a PEM or PFX file with the certificate and its key, for {@code certificate}
	 * @param certificatePassword the PFX password
	 * @param audience the admin endpoint's token audience: {@code authentication.audiences[0]} of
	 * {@code {admin-endpoint}/metadata/endpoints?api-version=2015-01-01}
	 * @param accessToken the token, for {@code access-token}
	 */
	public record Credential(@DefaultValue("service-principal") String type,
			@DefaultValue("entra") String identityProvider, @Nullable String authorityHost, @Nullable String tenantId,
			@Nullable String clientId, @Nullable String clientSecret, @Nullable Path certificate,
			@Nullable String certificatePassword, @Nullable String audience, @Nullable String accessToken) {

		static final List<String> TYPES = List.of("service-principal", "certificate", "managed-identity",
				"access-token");

		void check(String key) {
			if (!TYPES.contains(this.type)) {
				throw new InvalidConfigurationException(key + ".type: '" + this.type + "' is none of " + TYPES);
			}
			if (!List.of("entra", "adfs").contains(this.identityProvider)) {
				throw new InvalidConfigurationException(key + ".identity-provider: '" + this.identityProvider
						+ "' is neither entra nor adfs");
			}
			if (this.audience == null || this.audience.isBlank()) {
				throw new InvalidConfigurationException(key + ".audience is not set: the admin endpoint's token"
						+ " audience (authentication.audiences[0] of {admin-endpoint}/metadata/endpoints"
						+ "?api-version=2015-01-01)");
			}
			if (isAdfs() && (this.authorityHost == null || this.authorityHost.isBlank())) {
				throw new InvalidConfigurationException(key + ".authority-host is not set: AD FS is"
						+ " https://adfs.{region}.{fqdn}/");
			}
		}

		/**
		 * @return the identity provider's host: {@code authority-host}, Entra's public cloud when unset
		 */
		String authority() {
			return (this.authorityHost != null && !this.authorityHost.isBlank()) ? this.authorityHost
					: "https://login.microsoftonline.com/";
		}

		boolean isAdfs() {
			return "adfs".equals(this.identityProvider);
		}

		/**
		 * @return the scope of the ARM token: the audience's default scope
		 */
		String scope() {
			return String.valueOf(this.audience).replaceAll("/+$", "") + "/.default";
		}

	}

}

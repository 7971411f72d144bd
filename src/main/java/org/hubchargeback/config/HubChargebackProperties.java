package org.hubchargeback.config;

import java.io.IOException;
import java.net.URI;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.hubchargeback.usage.UsageCulture;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything an operator configures, under {@code hub-chargeback.*}. Relative paths resolve against the working
 * directory, so every one of them can be overridden on the command line.
 *
 * @param outputDir where published range folders ({@code <from>_<to>/}) are written
 * @param chunkSize records per transaction while loading usage
 * @param threads input files (then usage days) processed at once; 0 for one per processor
 * @param hubs the Azure Stack Hub deployments to charge
 * @param nightly how {@code --nightly} picks the days to process
 * @param azure how registrations are read from Azure Resource Manager
 * @param rejectedLimit when a file has so many bad rows that it is a broken export
 * @param csv how the CSV outputs are written
 * @param pricing what usage costs
 * @param focus the optional FOCUS export
 * @param names where the names shown beside subscription IDs come from
 * @param rerunGuard when a rerun may not replace a published range
 * @param lockWait how long a run waits for another run on the same job database to end before it refuses
 * @param clock a fixed "now" (an ISO instant such as {@code 2026-11-17T07:00:00Z}) for the nightly schedule and
 * snapshot dates, to replay a past night; the system clock when empty. {@code --as-of} is the command line's name for
 * it, and wins (see {@link ClockConfiguration})
 * @param debug diagnostics for rehearsing crashes
 * @throws InvalidConfigurationException naming a setting out of its range, when the application starts
 */
@ConfigurationProperties("hub-chargeback")
public record HubChargebackProperties(@DefaultValue("out") Path outputDir, @DefaultValue("10000") int chunkSize,
		@DefaultValue("0") int threads, @DefaultValue List<Hub> hubs, @DefaultValue Nightly nightly,
		@DefaultValue Azure azure, @DefaultValue Csv csv,
		@DefaultValue RejectedLimit rejectedLimit, @DefaultValue Pricing pricing, @DefaultValue Focus focus,
		@DefaultValue Names names, @DefaultValue RerunGuard rerunGuard, @DefaultValue("PT1M") Duration lockWait, @DefaultValue("") String clock,
		@DefaultValue Debug debug) {

	private static final Pattern HUB_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

	public HubChargebackProperties {
		if (lockWait.isNegative()) {
			throw new InvalidConfigurationException("hub-chargeback.lock-wait: " + lockWait + " is negative");
		}
		if (!clock.isBlank()) {
			fixedInstant(clock);
		}
		if (threads < 0) {
			throw new InvalidConfigurationException("hub-chargeback.threads: " + threads + " is negative (0: one per"
					+ " processor)");
		}
		if (chunkSize < 1) {
			throw new InvalidConfigurationException("hub-chargeback.chunk-size: " + chunkSize + " is not a number of"
					+ " records (10000: a load transaction per 10000 records)");
		}
		requireWellFormedHubs(hubs);
		requireOwnInputFolders(hubs);
		if (focus.enabled() && pricing.rateCard() == null) {
			throw new InvalidConfigurationException("hub-chargeback.focus.enabled needs a rate card"
					+ " (hub-chargeback.pricing.rate-card): FOCUS rows carry costs");
		}
		if (focus.enabled() && focus.invoiceIssuerName().isBlank()) {
			throw new InvalidConfigurationException("hub-chargeback.focus.invoice-issuer-name is not set: who"
					+ " invoices these charges (your company, the CSP)? FOCUS requires it on every row");
		}
	}

	/**
	 * A hub that cannot be charged as configured stops the application before it reads anything, naming the setting:
	 * a run would otherwise fail at its first step (or, for a culture, read every date wrong).
	 */
	private static void requireWellFormedHubs(List<Hub> hubs) {
		Set<String> names = new HashSet<>();
		for (int i = 0; i < hubs.size(); i++) {
			Hub hub = hubs.get(i);
			String key = "hub-chargeback.hubs[" + i + "]";
			if (hub.name() == null || hub.name().isBlank()) {
				// a list given on the command line replaces the configuration file's, it does not merge with it
				throw new InvalidConfigurationException(key + ".name is not set (a hub overridden on the command line"
						+ " needs all its settings there: --" + key + ".culture alone replaces the whole list of hubs)");
			}
			if (!HUB_NAME.matcher(hub.name()).matches()) {
				throw new InvalidConfigurationException(key + ".name: '" + hub.name()
						+ "' must be 1-100 letters, digits, '.', '_' or '-'");
			}
			if (!names.add(hub.name().toLowerCase(Locale.ROOT))) {
				throw new InvalidConfigurationException(key + ": hub " + hub.name() + " is configured twice");
			}
			if (hub.inputDirs().isEmpty()) {
				throw new InvalidConfigurationException(key + ".input-dirs: hub " + hub.name() + " has no input"
						+ " folder (input-dirs: [/srv/chargeback/" + hub.name() + "/usage])");
			}
			for (Path dir : hub.inputDirs()) {
				if (Files.isRegularFile(dir)) {
					throw new InvalidConfigurationException(key + ".input-dirs: " + dir.toAbsolutePath().normalize()
							+ " is a file; name the folder that holds hub " + hub.name() + "'s exports");
				}
			}
			try {
				UsageCulture.of(hub.culture());
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidConfigurationException(key + ".culture: " + ex.getMessage());
			}
		}
	}

	/**
	 * Every export in a folder that two hubs read would be charged twice, once on each hub's registration (the usage
	 * of one hub is never a repeat of another's), and the control totals would still add up. Folders are compared as
	 * the file system resolves them: two spellings or a link reach the same files. A folder inside another hub's is
	 * fine: a hub reads only the files directly in its folders.
	 */
	private static void requireOwnInputFolders(List<Hub> hubs) {
		Map<Path, Hub> owners = new HashMap<>();
		Map<Path, Path> spelling = new HashMap<>();
		for (Hub hub : hubs) {
			for (Path dir : hub.inputDirs()) {
				Path absolute = dir.toAbsolutePath().normalize();
				Path folder = realPath(absolute);
				Hub owner = owners.putIfAbsent(folder, hub);
				if (owner != null && owner != hub) {
					Path first = spelling.get(folder);
					throw new InvalidConfigurationException("hubs " + owner.name() + " and " + hub.name()
							+ " share the input folder " + first + (absolute.equals(first) ? ""
									: " (" + hub.name() + " names it " + absolute + ")")
							+ ": every export in it would be charged twice, once to each hub; give each hub its own"
							+ " folder");
				}
				spelling.putIfAbsent(folder, absolute);
			}
		}
	}

	private static Path realPath(Path absolute) {
		try {
			return Files.exists(absolute) ? absolute.toRealPath() : absolute;
		}
		catch (IOException ex) {
			return absolute; // not readable: the run reports that, naming the folder
		}
	}

	/**
	 * @return the instant {@code clock} fixes "now" at, or null for the system clock
	 */
	public @Nullable Instant fixedNow() {
		return this.clock.isBlank() ? null : fixedInstant(this.clock);
	}

	// read as text and parsed here, not bound as an Instant: the operator is then told which setting is wrong
	private static Instant fixedInstant(String clock) {
		try {
			return Instant.parse(clock.strip());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidConfigurationException("hub-chargeback.clock: '" + clock + "' is not an ISO instant such"
					+ " as 2026-11-17T07:00:00Z");
		}
	}

	/**
	 * @return how many partitions run at once
	 */
	public int parallelism() {
		return (this.threads > 0) ? this.threads : Runtime.getRuntime().availableProcessors();
	}

	/**
	 * @param byteOrderMark start every CSV output with a UTF-8 byte-order mark: Excel then opens it as UTF-8 instead of
	 * the machine's ANSI code page (most other tools neither need nor mind it)
	 */
	public record Csv(@DefaultValue("false") boolean byteOrderMark) {
	}

	/**
	 * @param rateCard an effective-dated price list (see {@code RateCard}); without one the files carry quantities only
	 */
	public record Pricing(@Nullable Path rateCard) {
	}

	/**
	 * A FOCUS 1.2 file per charged subscription beside the native chargeback files (needs a rate card: FOCUS rows
	 * carry costs).
	 *
	 * @param enabled whether to write {@code focus/<subscription>.csv}
	 * @param invoiceIssuerName who invoices the charges: the CSP (FOCUS {@code InvoiceIssuerName})
	 * @param providerName who makes the resources available (FOCUS {@code ProviderName}); the invoice issuer when
	 * empty
	 * @param publisherName who produces the resources (FOCUS {@code PublisherName})
	 */
	public record Focus(@DefaultValue("false") boolean enabled, @DefaultValue("") String invoiceIssuerName,
			@DefaultValue("") String providerName, @DefaultValue("Microsoft") String publisherName) {
	}

	/**
	 * Names for people reading the outputs; what is charged never depends on them.
	 *
	 * @param customerFile a CSV of {@code CustomerSubscriptionId,CustomerName,CustomerReference}: the customer of each
	 * charged Azure subscription, shown beside it (columns {@code CustomerName}, {@code CustomerReference}, FOCUS
	 * {@code BillingAccountName}); each run reads and checks it whole before anything else, naming a bad row's line
	 */
	public record Names(@Nullable Path customerFile) {

		public Names {
			if (customerFile != null && !Files.isRegularFile(customerFile)) {
				throw new InvalidConfigurationException("hub-chargeback.names.customer-file: "
						+ customerFile.toAbsolutePath().normalize() + " is not a file");
			}
		}

	}

	/**
	 * One registered Azure Stack Hub deployment.
	 *
	 * @param name short name used in file rows and folders (letters, digits, '-', '_', '.')
	 * @param registrationResourceId the {@code Microsoft.AzureStack/registrations} resource ID
	 * @param defaultSubscriptionId the registration's (default) subscription; derived from the resource ID when
	 * omitted
	 * @param registrationSource where the customer subscriptions come from: a saved file, or Azure each run
	 * @param registrationFile saved {@code customerSubscriptions} list JSON, as Azure Resource Manager returns it
	 * @param userSubscriptionsFile the hub's user subscriptions ({@code Microsoft.Subscriptions.Admin} list JSON, or a
	 * {@code Get-AzsUserSubscription} CSV export)
	 * @param inputDirs folders holding this hub's usage CSV exports
	 * @param culture culture the exporting machine used for dates and decimals (en-US, de-DE, en-GB, fr-FR, ...)
	 * @param usageSource where the usage comes from: exports put into {@code inputDirs} ({@code files}), or fetched
	 * from the hub's usage API into them ({@code api}, see {@code hub-chargeback.usage-api})
	 */
	public record Hub(String name, @Nullable String registrationResourceId, @Nullable String defaultSubscriptionId,
			@DefaultValue("file") RegistrationSource registrationSource, @Nullable Path registrationFile,
			@Nullable Path userSubscriptionsFile, @DefaultValue List<Path> inputDirs,
			@DefaultValue("en-US") String culture, @DefaultValue("files") UsageSource usageSource) {
	}

	public enum UsageSource {

		/**
		 * Exports (Usagesummary.ps1, Export-Csv) an operator puts into the hub's input folders.
		 */
		FILES,

		/**
		 * The hub's {@code subscriberUsageAggregates} API, fetched into the hub's input folders as canonical exports.
		 */
		API

	}

	/**
	 * A file with more rejected rows than this fails the run: it is a broken export, not a few bad rows.
	 *
	 * @param perFile the most rejected rows one file may have
	 * @param share the largest share of a file's rows that may be rejected
	 * @param minRecords files with fewer rows are judged by {@code perFile} only
	 */
	public record RejectedLimit(@DefaultValue("1000") long perFile, @DefaultValue("0.5") double share,
			@DefaultValue("20") long minRecords) {

		public RejectedLimit {
			if (perFile < 0 || minRecords < 0) {
				throw new InvalidConfigurationException("hub-chargeback.rejected-limit: per-file " + perFile
						+ " and min-records " + minRecords + " must not be negative");
			}
			if (!(share >= 0 && share <= 1)) {
				throw new InvalidConfigurationException("hub-chargeback.rejected-limit.share: " + share
						+ " is not a share between 0 and 1 (0.5: half of a file's rows)");
			}
		}

	}

	public enum RegistrationSource {

		/**
		 * {@code registration-file}: a saved customerSubscriptions list.
		 */
		FILE,

		/**
		 * Azure Resource Manager, read at every run and kept as a dated snapshot.
		 */
		AZURE

	}

	/**
	 * Azure Resource Manager access. Credentials come from the standard Azure chain (environment service principal,
	 * workload or managed identity, Azure CLI) unless {@code credential} is {@code access-token}.
	 *
	 * @param resourceManagerEndpoint the ARM endpoint (sovereign clouds have their own)
	 * @param authorityHost the Entra ID (or AD FS) authority; unset: {@code AZURE_AUTHORITY_HOST}, else the public
	 * cloud's
	 * @param scope the token scope for ARM; unset: derived from the endpoint ({@code <endpoint>/.default})
	 * @param apiVersion Microsoft.AzureStack api-version (2022-06-01 and 2017-06-01 both work)
	 * @param maxRetries retries of a transient failure (429, 5xx, connection); Retry-After is honoured
	 * @param retryDelay first back-off delay, doubled per retry
	 * @param maxRetryDelay longest back-off delay
	 * @param timeout per-request response timeout
	 * @param credential {@code default} (the Azure chain) or {@code access-token} (use {@code accessToken})
	 * @param accessToken a bearer token, for {@code credential: access-token} (or HUB_CHARGEBACK_AZURE_ACCESS_TOKEN)
	 * @param trustStore a PKCS12 trust store for a TLS-inspecting proxy or a private endpoint
	 * @param trustStorePassword its password
	 */
	public record Azure(@DefaultValue("https://management.azure.com") String resourceManagerEndpoint,
			@Nullable String authorityHost, @Nullable String scope, @DefaultValue("2022-06-01") String apiVersion,
			@DefaultValue("4") int maxRetries, @DefaultValue("PT2S") Duration retryDelay,
			@DefaultValue("PT60S") Duration maxRetryDelay, @DefaultValue("PT60S") Duration timeout,
			@DefaultValue("default") String credential, @Nullable String accessToken, @Nullable Path trustStore,
			@Nullable String trustStorePassword) {

		public Azure {
			requireUrl("resource-manager-endpoint", resourceManagerEndpoint);
			if (authorityHost != null && !authorityHost.isBlank()) {
				requireUrl("authority-host", authorityHost);
			}
		}

		private static void requireUrl(String key, String value) {
			boolean https;
			try {
				URI url = URI.create(value.strip());
				https = "https".equalsIgnoreCase(url.getScheme()) && url.getHost() != null;
			}
			catch (IllegalArgumentException ex) {
				https = false;
			}
			if (!https) {
				throw new InvalidConfigurationException("hub-chargeback.azure." + key + ": '" + value
						+ "' is no https URL (" + ("authority-host".equals(key) ? "https://login.microsoftonline.com/"
								: "https://management.azure.com") + ")");
			}
		}

	}

	/**
	 * @param maxShrink the largest share (0 to 1) by which a rerun may reduce a published range's total quantity
	 * without {@code --force}
	 */
	public record RerunGuard(@DefaultValue("0.5") BigDecimal maxShrink) {

		public RerunGuard {
			if (maxShrink.signum() < 0 || maxShrink.compareTo(BigDecimal.ONE) > 0) {
				throw new InvalidConfigurationException("hub-chargeback.rerun-guard.max-shrink: " + maxShrink
						+ " is not a share between 0 and 1 (0.5: a rerun may shrink a range by half at most)");
			}
		}

	}

	/**
	 * A diagnostic for proving restarts (tests, or an operator rehearsing a recovery): the run stops dead at a point
	 * so that it can be killed there.
	 *
	 * @param haltAt where to stop: {@value #LOADING}, {@value #WRITING_CHARGEBACKS} or {@value #PUBLISHING}; empty
	 * for nowhere
	 * @param haltMarker the file written when stopped there
	 */
	public record Debug(@DefaultValue("") String haltAt, @DefaultValue("halt-marker") Path haltMarker) {

		/**
		 * After the second committed chunk of loading.
		 */
		public static final String LOADING = "loading";

		/**
		 * After the second group of chargeback files is written.
		 */
		public static final String WRITING_CHARGEBACKS = "writing-chargebacks";

		/**
		 * In publishing, after the replaced folder moved to history and before the new one moved in.
		 */
		public static final String PUBLISHING = "publishing";

		private static final List<String> HALT_POINTS = List.of(LOADING, WRITING_CHARGEBACKS, PUBLISHING);

		public Debug {
			// a misspelt point would halt nowhere, and a rehearsal would wait for a halt that never comes
			if (!haltAt.isEmpty() && !HALT_POINTS.contains(haltAt)) {
				throw new InvalidConfigurationException("hub-chargeback.debug.halt-at: '" + haltAt + "' is none of "
						+ String.join(", ", HALT_POINTS));
			}
		}

	}

	/**
	 * @param lag how long after a UTC day ends before it counts as complete (usage can trail by hours)
	 * @param maxCatchUpDays the most missed days one nightly run processes
	 */
	public record Nightly(@DefaultValue("PT6H") Duration lag, @DefaultValue("31") int maxCatchUpDays) {

		public Nightly {
			if (maxCatchUpDays < 1) {
				throw new InvalidConfigurationException("hub-chargeback.nightly.max-catch-up-days: " + maxCatchUpDays
						+ " is not a number of days (31: a month of missed nights at most per run)");
			}
			// a negative lag would count a day as complete before it ended, and charge it without its last hours
			if (lag.isNegative()) {
				throw new InvalidConfigurationException("hub-chargeback.nightly.lag: " + lag + " is negative (PT6H: a"
						+ " UTC day counts as complete 6 hours after it ends)");
			}
		}

	}

}

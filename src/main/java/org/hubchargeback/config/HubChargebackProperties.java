package org.hubchargeback.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything an operator configures, under {@code hub-chargeback.*}. Relative paths resolve against the working
 * directory, so every one of them can be overridden on the command line.
 *
 * @param outputDir where published range folders ({@code <from>_<to>/}) are written
 * @param chunkSize records per transaction while loading usage
 * @param hubs the Azure Stack Hub deployments to charge
 * @param nightly how {@code --nightly} picks the days to process
 */
@ConfigurationProperties("hub-chargeback")
public record HubChargebackProperties(@DefaultValue("out") Path outputDir, @DefaultValue("1000") int chunkSize,
		@DefaultValue List<Hub> hubs, @DefaultValue Nightly nightly) {

	/**
	 * One registered Azure Stack Hub deployment.
	 *
	 * @param name short name used in file rows and folders (letters, digits, '-', '_', '.')
	 * @param registrationResourceId the {@code Microsoft.AzureStack/registrations} resource ID
	 * @param defaultSubscriptionId the registration's (default) subscription; derived from the resource ID when
	 * omitted
	 * @param registrationFile saved {@code customerSubscriptions} list JSON, as Azure Resource Manager returns it
	 * @param userSubscriptionsFile the hub's user subscriptions ({@code Microsoft.Subscriptions.Admin} list JSON, or a
	 * {@code Get-AzsUserSubscription} CSV export)
	 * @param inputDirs folders holding this hub's usage CSV exports
	 * @param culture culture the exporting machine used for dates and decimals (en-US, de-DE, en-GB, fr-FR, ...)
	 */
	public record Hub(String name, @Nullable String registrationResourceId, @Nullable String defaultSubscriptionId,
			Path registrationFile, @Nullable Path userSubscriptionsFile, @DefaultValue List<Path> inputDirs,
			@DefaultValue("en-US") String culture) {
	}

	/**
	 * @param lag how long after a UTC day ends before it counts as complete (usage can trail by hours)
	 * @param maxCatchUpDays the most missed days one nightly run processes
	 */
	public record Nightly(@DefaultValue("PT6H") Duration lag, @DefaultValue("31") int maxCatchUpDays) {
	}

}

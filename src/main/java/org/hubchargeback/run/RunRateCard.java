package org.hubchargeback.run;

import java.nio.file.Files;
import java.nio.file.Path;

import org.hubchargeback.config.InvalidConfigurationException;
import org.hubchargeback.pricing.RateCard;
import org.hubchargeback.usage.MeterCatalog;
import org.jspecify.annotations.Nullable;

/**
 * The prices a run charges with: the copy of the rate card it took when it was prepared ({@link RunPaths#rateCard}),
 * never the configured file, so that editing the card mid-run, or between a failure and its restart, cannot mix two
 * price lists in one run.
 */
public final class RunRateCard {

	private RunRateCard() {
	}

	/**
	 * @param configured the configured rate card, or null
	 * @return the run's prices, or null when it started without a rate card
	 */
	public static @Nullable RateCard of(RunPaths paths, @Nullable Path configured, MeterCatalog meters) {
		Path copy = paths.rateCard();
		if (Files.isRegularFile(copy)) {
			return RateCard.read(copy, meters);
		}
		if (configured != null && Files.isDirectory(paths.work())) {
			throw new IllegalStateException("the run's copy of its rate card, " + copy + ", is gone, so it cannot be"
					+ " restarted with the prices it started with; touch an input file and run the command again to"
					+ " start the range afresh");
		}
		return null;
	}

	/**
	 * @return the run's prices, for a step that cannot do without them
	 */
	public static RateCard required(RunPaths paths, @Nullable Path configured, MeterCatalog meters, String what) {
		RateCard rateCard = of(paths, configured, meters);
		if (rateCard == null) {
			throw new InvalidConfigurationException(what + " needs a rate card (hub-chargeback.pricing.rate-card),"
					+ " and this run started without one: rerun the range");
		}
		return rateCard;
	}

}

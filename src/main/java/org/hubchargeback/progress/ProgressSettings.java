package org.hubchargeback.progress;

import java.time.Duration;

import org.hubchargeback.config.InvalidConfigurationException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hub-chargeback.progress.*}; {@code --quiet} turns progress off whatever they say.
 *
 * @param interval how often a run that is not on a terminal logs how far loading is (a terminal's line is redrawn
 * a few times a second instead)
 */
@ConfigurationProperties("hub-chargeback.progress")
public record ProgressSettings(@DefaultValue("PT1M") Duration interval) {

	public ProgressSettings {
		if (interval.isNegative()) {
			throw new InvalidConfigurationException("hub-chargeback.progress.interval: " + interval + " is negative");
		}
	}

}

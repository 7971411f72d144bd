package org.hubchargeback.reconcile;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

import org.hubchargeback.config.InvalidConfigurationException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hub-chargeback.reconcile.*}: where finance saves Partner Center's daily rated usage reconciliation files.
 *
 * @param partnerCenterDir the folder of the downloaded files ({@code *.csv}), directly or in a subfolder per billing
 * period ({@code 2026-11/}); {@code --reconcile} needs it
 * @param tolerancePercent a charged and a billed quantity that differ by at most this percentage of the larger one
 * agree (Partner Center rounds the quantities it bills)
 * @param inRun whether a charging run reconciles its own range before publishing: {@code reconciliation.csv} in the
 * published folder, a section in {@code summary.html}, its differences as run warnings (exit 3)
 */
@ConfigurationProperties("hub-chargeback.reconcile")
public record ReconcileSettings(@Nullable Path partnerCenterDir, @DefaultValue("1") BigDecimal tolerancePercent,
		@DefaultValue("false") boolean inRun) {

	public ReconcileSettings {
		if (inRun && partnerCenterDir == null) {
			throw new InvalidConfigurationException("hub-chargeback.reconcile.in-run needs the folder of Partner"
					+ " Center's daily rated usage reconciliation files: set hub-chargeback.reconcile.partner-center-dir"
					+ " (or in-run: false)");
		}
		if (inRun && partnerCenterDir != null && !Files.isDirectory(partnerCenterDir)) {
			// found at start-up, not after the run charged everything
			throw new InvalidConfigurationException("hub-chargeback.reconcile.partner-center-dir: "
					+ partnerCenterDir.toAbsolutePath().normalize() + " is not a folder, and in-run reconciles every"
					+ " run against the files in it; create it and save Partner Center's files there");
		}
		if (tolerancePercent.signum() < 0 || tolerancePercent.compareTo(BigDecimal.valueOf(100)) > 0) {
			throw new InvalidConfigurationException("hub-chargeback.reconcile.tolerance-percent: " + tolerancePercent
					+ " is not a percentage from 0 to 100 (1: quantities within 1% agree)");
		}
		if (partnerCenterDir != null && Files.isRegularFile(partnerCenterDir)) {
			throw new InvalidConfigurationException("hub-chargeback.reconcile.partner-center-dir: "
					+ partnerCenterDir.toAbsolutePath().normalize() + " is a file; name the folder that holds the"
					+ " reconciliation files");
		}
	}

}

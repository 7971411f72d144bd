package org.hubchargeback.reconcile;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

import org.hubchargeback.config.InvalidConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReconcileSettingsTests {

	@TempDir
	Path dir;

	@Test
	void aToleranceIsAPercentage() {
		// when / then
		assertThatThrownBy(() -> new ReconcileSettings(null, new BigDecimal("-0.5"), false))
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessage("hub-chargeback.reconcile.tolerance-percent: -0.5 is not a percentage from 0 to 100"
					+ " (1: quantities within 1% agree)");
		assertThatThrownBy(() -> new ReconcileSettings(null, new BigDecimal("101"), false))
			.isInstanceOf(InvalidConfigurationException.class);
		assertThatNoException().isThrownBy(() -> new ReconcileSettings(null, BigDecimal.ZERO, false));
	}

	@Test
	void theFolderOfPartnerCenterFilesIsNotAFile() throws IOException {
		// given
		Path file = Files.writeString(this.dir.resolve("DailyRatedUsage.csv"), "UsageDate\n");

		// when / then
		assertThatThrownBy(() -> new ReconcileSettings(file, BigDecimal.ONE, false))
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessageContaining(file + " is a file; name the folder that holds the reconciliation files");
	}

	@Test
	void reconcilingInARunNeedsAnExistingFolderOfPartnerCenterFiles() {
		// when / then
		assertThatThrownBy(() -> new ReconcileSettings(null, BigDecimal.ONE, true))
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessageContaining("hub-chargeback.reconcile.in-run needs the folder of Partner Center's daily rated"
					+ " usage reconciliation files");
		assertThatThrownBy(() -> new ReconcileSettings(this.dir.resolve("missing"), BigDecimal.ONE, true))
			.isInstanceOf(InvalidConfigurationException.class)
			.hasMessageContaining(this.dir.resolve("missing") + " is not a folder");
		assertThatNoException().isThrownBy(() -> new ReconcileSettings(this.dir, BigDecimal.ONE, true));
	}

}

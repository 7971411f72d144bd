package org.hubchargeback.job;

import java.nio.file.Path;

/**
 * Where a run writes. Outputs are built in a staging folder of their own and moved into place whole; the folder a
 * rerun replaces is kept under {@code .history}.
 */
public record RunPaths(Path outputDir, String rangeName, long runId) {

	public Path published() {
		return this.outputDir.resolve(this.rangeName);
	}

	public Path staging() {
		return this.outputDir.resolve(".staging").resolve(this.rangeName + "-run" + this.runId);
	}

	public Path chargebackDir() {
		return staging().resolve("chargeback");
	}

	public Path history() {
		return this.outputDir.resolve(".history").resolve(this.rangeName);
	}

}

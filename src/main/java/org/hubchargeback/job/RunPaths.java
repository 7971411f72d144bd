package org.hubchargeback.job;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HexFormat;

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

	public Path focusDir() {
		return staging().resolve("focus");
	}

	/**
	 * The run's intermediate files (spilled records, chargeback fragments): beside the staging folder, on the same
	 * file system, never published; deleted once the run is.
	 */
	public Path work() {
		return this.outputDir.resolve(".staging").resolve(this.rangeName + "-run" + this.runId + ".work");
	}

	/**
	 * Where loading leaves one input file's records of one usage day of a hub. The hub's name is hex-encoded: it comes
	 * from configuration and may hold any character.
	 */
	public Path spill(LocalDate day, String hub, int fileIndex) {
		return spillDir(day, hub).resolve("f" + fileIndex + ".bin");
	}

	public Path spillDir(LocalDate day, String hub) {
		return work().resolve("spill").resolve(day.toString())
			.resolve(HexFormat.of().formatHex(hub.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * One usage day of one hub in a subscription's chargeback file; the file is these in name order.
	 */
	public Path fragment(String subscription, LocalDate day, String hub) {
		return fragmentDir(subscription)
			.resolve(day + "_" + HexFormat.of().formatHex(hub.getBytes(StandardCharsets.UTF_8)) + ".csv");
	}

	public Path fragmentDir(String subscription) {
		return work().resolve("chargeback").resolve(subscription);
	}

	/**
	 * The rate card as the run started: every step of the run, and a restart, prices with this copy.
	 */
	public Path rateCard() {
		return work().resolve("rate-card.csv");
	}

	public Path history() {
		return this.outputDir.resolve(".history").resolve(this.rangeName);
	}

}

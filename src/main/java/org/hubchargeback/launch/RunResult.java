package org.hubchargeback.launch;

import java.time.LocalDate;
import java.util.List;

import org.springframework.batch.core.BatchStatus;

/**
 * How one run of a range ended, in the words the operator reads.
 *
 * @param publishedDir the published folder, empty unless COMPLETED
 * @param detail control totals when COMPLETED, the failure reason otherwise
 * @param warnings what the run did that finance must know (a stale registration snapshot, usage without a price)
 * @param restatement what a rerun changed, per subscription and meter
 * @param dryRun true when nothing was published on purpose
 */
public record RunResult(LocalDate from, LocalDate to, long run, BatchStatus status, String publishedDir,
		String detail, List<String> warnings, List<String> restatement, boolean dryRun) {

	public boolean completed() {
		return this.status == BatchStatus.COMPLETED;
	}

	public String range() {
		return this.from.equals(this.to) ? this.from.toString() : this.from + ".." + this.to;
	}

}

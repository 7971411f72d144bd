package org.hubchargeback.launch;

import java.time.LocalDate;

import org.springframework.batch.core.BatchStatus;

/**
 * How one run of a range ended, in the words the operator reads.
 *
 * @param publishedDir the published folder, empty unless COMPLETED
 * @param detail control totals when COMPLETED, the failure reason otherwise
 */
public record RunResult(LocalDate from, LocalDate to, long run, BatchStatus status, String publishedDir,
		String detail) {

	public boolean completed() {
		return this.status == BatchStatus.COMPLETED;
	}

	public String range() {
		return this.from.equals(this.to) ? this.from.toString() : this.from + ".." + this.to;
	}

}

package org.hubchargeback.launch;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.core.BatchStatus;

/**
 * How one run of a range ended, in the words the operator reads.
 *
 * @param publishedDir the published folder, empty unless COMPLETED
 * @param detail control totals when COMPLETED, the failure reason otherwise
 * @param warnings what the run did that finance must know (a stale registration snapshot, usage without a price)
 * @param restatement what a rerun changed: the total, then one line per changed subscription
 * @param dryRun true when nothing was published on purpose
 * @param notes what the operator should read besides (a dry run that a run would not be allowed to do)
 */
public record RunResult(LocalDate from, LocalDate to, long run, BatchStatus status, String publishedDir,
		String detail, List<String> warnings, List<String> restatement, boolean dryRun, List<String> notes) {

	public RunResult(LocalDate from, LocalDate to, long run, BatchStatus status, String publishedDir, String detail,
			List<String> warnings, List<String> restatement, boolean dryRun) {
		this(from, to, run, status, publishedDir, detail, warnings, restatement, dryRun, List.of());
	}

	/**
	 * @param note one or more lines
	 */
	public RunResult withNote(String note) {
		List<String> notes = new ArrayList<>(this.notes);
		notes.addAll(note.lines().toList());
		return new RunResult(this.from, this.to, this.run, this.status, this.publishedDir, this.detail, this.warnings,
				this.restatement, this.dryRun, List.copyOf(notes));
	}

	public boolean completed() {
		return this.status == BatchStatus.COMPLETED;
	}

	public String range() {
		return this.from.equals(this.to) ? this.from.toString() : this.from + ".." + this.to;
	}

}

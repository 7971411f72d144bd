package org.hubchargeback.run;

import java.util.ArrayList;
import java.util.List;

/**
 * How a run is asked for: recorded with the run, but not part of its identity, so a failed run restarted with other
 * options is still the same run.
 *
 * @param trigger {@code manual} or {@code nightly}
 * @param snapshots registration snapshot IDs the run is pinned to, comma-separated, or empty
 * @param force publish even when the rerun guard would refuse (a much smaller or empty rerun)
 * @param dryRun build and check everything, report the restatement, publish nothing
 */
public record RunOptions(String trigger, String snapshots, boolean force, boolean dryRun) {

	public static RunOptions manual() {
		return new RunOptions("manual", "", false, false);
	}

	public static RunOptions nightly() {
		return new RunOptions("nightly", "", false, false);
	}

	/**
	 * @return the registration snapshot IDs the run is pinned to
	 */
	public List<Long> pinnedSnapshots() {
		List<Long> ids = new ArrayList<>();
		for (String id : this.snapshots.split(",")) {
			if (!id.isBlank()) {
				ids.add(Long.parseLong(id.strip()));
			}
		}
		return ids;
	}

}

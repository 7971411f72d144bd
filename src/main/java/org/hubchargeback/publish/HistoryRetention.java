package org.hubchargeback.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.hubchargeback.config.InvalidConfigurationException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which replaced runs of a range {@code .history} keeps. A rerun moves the folder it replaces to
 * {@code .history/<from>_<to>/}; without a limit those pile up forever. A replaced run goes once it is past the
 * newest {@code keepRuns} replaced runs of its range, or once it was replaced more than {@code keepDays} days ago;
 * 0 leaves that limit off. The published folder is not in {@code .history} and is never a candidate, and a replaced
 * run whose manifest cannot be read is kept: nobody can tell when it was replaced. Applied by {@link HistoryPruning}
 * after every run that published. Settings of their own under {@code hub-chargeback.history}, beside (not in)
 * {@code HubChargebackProperties}.
 *
 * @param keepRuns how many replaced runs of each range to keep, newest first; 0 for no limit
 * @param keepDays how many days after it was replaced a run is kept; 0 for no limit
 */
@ConfigurationProperties("hub-chargeback.history")
public record HistoryRetention(@DefaultValue("0") int keepRuns, @DefaultValue("0") int keepDays) {

	public HistoryRetention {
		if (keepRuns < 0) {
			throw new InvalidConfigurationException(
					"hub-chargeback.history.keep-runs: " + keepRuns + " is negative (0 keeps every replaced run)");
		}
		if (keepDays < 0) {
			throw new InvalidConfigurationException(
					"hub-chargeback.history.keep-days: " + keepDays + " is negative (0 keeps replaced runs for ever)");
		}
	}

	/**
	 * A replaced run as its folder's manifest tells it.
	 *
	 * @param folder the folder's name under {@code .history/<from>_<to>/}
	 * @param run the run number, or 0 when the manifest cannot be read
	 * @param publishedAt when it was published ({@code generatedAt}), or null when the manifest cannot be read
	 */
	public record Run(String folder, long run, @Nullable Instant publishedAt) {
	}

	/**
	 * @param replaced the range's replaced runs
	 * @param currentPublishedAt when the range's published folder was published, or null when there is none (then
	 * its newest replaced run stands in for it and is kept)
	 * @return the folders to remove
	 */
	public List<String> toRemove(List<Run> replaced, @Nullable Instant currentPublishedAt, Instant now) {
		List<Run> dated = new ArrayList<>(replaced.stream().filter((run) -> run.publishedAt() != null).toList());
		dated.sort(Comparator.comparingLong(Run::run).reversed());
		List<String> remove = new ArrayList<>();
		// a run was replaced when the next newer one was published
		Instant replacedAt = currentPublishedAt;
		for (int i = 0; i < dated.size(); i++) {
			Run run = dated.get(i);
			boolean tooMany = this.keepRuns > 0 && i >= this.keepRuns;
			boolean tooOld = this.keepDays > 0 && replacedAt != null
					&& replacedAt.plus(Duration.ofDays(this.keepDays)).isBefore(now);
			if (tooMany || tooOld) {
				remove.add(run.folder());
			}
			replacedAt = run.publishedAt();
		}
		return remove;
	}

	public boolean keepsEverything() {
		return this.keepRuns == 0 && this.keepDays == 0;
	}

}

package org.hubchargeback.job;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The parameters that identify a run: the inclusive UTC usage-date range and the run number of that range (a
 * rerun of a completed range is run 2, 3, ...). {@code trigger} (manual or nightly) and {@code snapshots} (the
 * registration snapshot IDs a run is pinned to, comma-separated) are recorded but do not identify the run.
 */
public record ChargebackJobParameters(LocalDate from, LocalDate to, long run, String trigger, String snapshots) {

	public static final String FROM = "from";

	public static final String TO = "to";

	public static final String RUN = "run";

	public static final String TRIGGER = "trigger";

	public static final String SNAPSHOTS = "snapshots";

	public ChargebackJobParameters(LocalDate from, LocalDate to, long run, String trigger) {
		this(from, to, run, trigger, "");
	}

	public static ChargebackJobParameters of(JobParameters parameters) {
		LocalDate from = parameters.getLocalDate(FROM);
		LocalDate to = parameters.getLocalDate(TO);
		if (from == null || to == null) {
			throw new IllegalArgumentException("job parameters 'from' and 'to' (LocalDate) are required");
		}
		Long run = parameters.getLong(RUN, 1L);
		String trigger = parameters.getString(TRIGGER, "manual");
		String snapshots = parameters.getString(SNAPSHOTS, "");
		return new ChargebackJobParameters(from, to, (run != null) ? run : 1L, (trigger != null) ? trigger : "manual",
				(snapshots != null) ? snapshots : "");
	}

	public JobParameters toJobParameters() {
		return new JobParametersBuilder().addLocalDate(FROM, this.from)
			.addLocalDate(TO, this.to)
			.addLong(RUN, this.run)
			.addString(TRIGGER, this.trigger, false)
			.addString(SNAPSHOTS, this.snapshots, false)
			.toJobParameters();
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

	/**
	 * The name of the range's output folder, {@code <from>_<to>}.
	 */
	public String rangeName() {
		return this.from + "_" + this.to;
	}

}

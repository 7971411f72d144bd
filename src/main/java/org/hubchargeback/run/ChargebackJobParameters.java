package org.hubchargeback.run;

import java.time.LocalDate;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The parameters that identify a run: the inclusive UTC usage-date range and the run number of that range (a
 * rerun of a completed range is run 2, 3, ...), plus the {@link RunOptions} recorded with it.
 */
public record ChargebackJobParameters(LocalDate from, LocalDate to, long run, RunOptions options) {

	public static final String FROM = "from";

	public static final String TO = "to";

	public static final String RUN = "run";

	public static final String TRIGGER = "trigger";

	public static final String SNAPSHOTS = "snapshots";

	public static final String FORCE = "force";

	public static final String DRY_RUN = "dryRun";

	public static ChargebackJobParameters of(JobParameters parameters) {
		LocalDate from = parameters.getLocalDate(FROM);
		LocalDate to = parameters.getLocalDate(TO);
		if (from == null || to == null) {
			throw new IllegalArgumentException("job parameters 'from' and 'to' (LocalDate) are required");
		}
		Long run = parameters.getLong(RUN, 1L);
		RunOptions options = new RunOptions(text(parameters, TRIGGER, "manual"), text(parameters, SNAPSHOTS, ""),
				Boolean.parseBoolean(text(parameters, FORCE, "false")),
				Boolean.parseBoolean(text(parameters, DRY_RUN, "false")));
		return new ChargebackJobParameters(from, to, (run != null) ? run : 1L, options);
	}

	private static String text(JobParameters parameters, String name, String otherwise) {
		String value = parameters.getString(name, otherwise);
		return (value != null) ? value : otherwise;
	}

	public JobParameters toJobParameters() {
		return new JobParametersBuilder().addLocalDate(FROM, this.from)
			.addLocalDate(TO, this.to)
			.addLong(RUN, this.run)
			.addString(TRIGGER, this.options.trigger(), false)
			.addString(SNAPSHOTS, this.options.snapshots(), false)
			.addString(FORCE, String.valueOf(this.options.force()), false)
			.addString(DRY_RUN, String.valueOf(this.options.dryRun()), false)
			.toJobParameters();
	}

	/**
	 * The name of the range's output folder, {@code <from>_<to>}.
	 */
	public String rangeName() {
		return this.from + "_" + this.to;
	}

}

package org.hubchargeback.run;

import java.util.List;

import org.hubchargeback.usage.InputFile;

/**
 * The names of the job and its steps. They are keys in the job repository ({@code BATCH_JOB_INSTANCE},
 * {@code BATCH_STEP_EXECUTION}): a restart finds a run's finished steps by them, so renaming one breaks the restart
 * of every run in flight.
 */
public final class StepNames {

	public static final String JOB = "chargebackJob";

	public static final String PREPARE_RUN = "prepareRun";

	public static final String LOAD_USAGE = "loadUsage";

	public static final String LOAD_FILE = "loadFile";

	/**
	 * The load step's second pass: skipped files of other days that the first pass found late usage of (see
	 * {@code SkippedInputs}).
	 */
	public static final String LOAD_SKIPPED_FILES = "loadSkippedFiles";

	public static final String SUM_DAYS = "sumDays";

	public static final String SUM_DAY = "sumDay";

	public static final String CHECK_REJECTIONS = "checkRejections";

	public static final String WRITE_CHARGEBACKS = "writeChargebacks";

	public static final String WRITE_CHARGEBACK_FILE = "writeChargebackFile";

	public static final String WRITE_FOCUS_FILES = "writeFocusFiles";

	public static final String WRITE_FOCUS_FILE = "writeFocusFile";

	public static final String WRITE_REJECTED = "writeRejected";

	public static final String WRITE_REPORTS = "writeReports";

	public static final String PUBLISH_OUTPUTS = "publishOutputs";

	/**
	 * The job's own steps, in the order they run (a partitioned step's partitions are not among them).
	 */
	public static final List<String> JOB_STEPS = List.of(PREPARE_RUN, LOAD_USAGE, LOAD_SKIPPED_FILES, SUM_DAYS,
			CHECK_REJECTIONS, WRITE_CHARGEBACKS, WRITE_FOCUS_FILES, WRITE_REJECTED, WRITE_REPORTS, PUBLISH_OUTPUTS);

	/**
	 * The key of a load partition's input file index in its step execution context.
	 */
	public static final String FILE_INDEX = "fileIndex";

	private StepNames() {
	}

	/**
	 * @return the load partition of one input file, named after its index
	 */
	public static String filePartition(InputFile file) {
		return "file:" + file.index();
	}

	/**
	 * @return the step execution that loaded one input file
	 */
	public static String loadFileStep(InputFile file) {
		return LOAD_FILE + ":" + filePartition(file);
	}

}

package org.hubchargeback.run;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

/**
 * Refuses a range the job cannot mean: missing dates, {@code from} after {@code to}, or longer than a year.
 */
public class ChargebackJobParametersValidator implements JobParametersValidator {

	static final long MAX_DAYS = 366;

	@Override
	public void validate(JobParameters parameters) throws InvalidJobParametersException {
		LocalDate from = dateParameter(parameters, ChargebackJobParameters.FROM);
		LocalDate to = dateParameter(parameters, ChargebackJobParameters.TO);
		if (from.isAfter(to)) {
			throw new InvalidJobParametersException("from (" + from + ") is after to (" + to + ")");
		}
		if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
			throw new InvalidJobParametersException(
					"the range " + from + ".." + to + " is longer than " + MAX_DAYS + " days; split it");
		}
		var runParameter = parameters.getParameter(ChargebackJobParameters.RUN);
		if (runParameter != null && !(runParameter.value() instanceof Long)) {
			throw new InvalidJobParametersException(
					"job parameter 'run' must be a java.lang.Long, was " + runParameter.type().getName());
		}
		Long run = (runParameter != null) ? (Long) runParameter.value() : 1L;
		if (run < 1) {
			throw new InvalidJobParametersException("run must be 1 or more, was " + run);
		}
	}

	private static LocalDate dateParameter(JobParameters parameters, String name) throws InvalidJobParametersException {
		var parameter = parameters.getParameter(name);
		if (parameter == null) {
			throw new InvalidJobParametersException("missing job parameter '" + name + "' (a date, yyyy-MM-dd)");
		}
		if (!(parameter.value() instanceof LocalDate date)) {
			throw new InvalidJobParametersException(
					"job parameter '" + name + "' must be a java.time.LocalDate, was " + parameter.type().getName());
		}
		return date;
	}

}

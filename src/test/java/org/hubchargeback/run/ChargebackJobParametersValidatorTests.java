package org.hubchargeback.run;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The validator refuses a range the job cannot mean before any step runs.
 */
class ChargebackJobParametersValidatorTests {

	private final ChargebackJobParametersValidator validator = new ChargebackJobParametersValidator();

	@Test
	void validRangeIsAccepted() {
		// given
		JobParameters parameters = new ChargebackJobParameters(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30),
				2, RunOptions.manual())
			.toJobParameters();

		// when
		Throwable thrown = catchThrowable(() -> this.validator.validate(parameters));

		// then
		assertThat(thrown).isNull();
		assertThat(ChargebackJobParameters.of(parameters))
			.isEqualTo(new ChargebackJobParameters(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30), 2,
					RunOptions.manual()));
	}

	@Test
	void singleDayWithoutRunIsAcceptedAsRunOne() {
		// given
		JobParameters parameters = new JobParametersBuilder().addLocalDate("from", LocalDate.of(2026, 11, 16))
			.addLocalDate("to", LocalDate.of(2026, 11, 16))
			.toJobParameters();

		// when
		Throwable thrown = catchThrowable(() -> this.validator.validate(parameters));

		// then
		assertThat(thrown).isNull();
		assertThat(ChargebackJobParameters.of(parameters).run()).isEqualTo(1L);
	}

	@Test
	void leapYearOf366DaysIsAccepted() {
		// given: the longest range allowed
		JobParameters parameters = range(LocalDate.of(2028, 1, 1), LocalDate.of(2028, 12, 31));

		// when
		Throwable thrown = catchThrowable(() -> this.validator.validate(parameters));

		// then
		assertThat(thrown).isNull();
		assertThat(ChargebackJobParametersValidator.MAX_DAYS).isEqualTo(366);
	}

	@Test
	void fromAfterToIsRefused() {
		// given
		JobParameters parameters = range(LocalDate.of(2026, 11, 17), LocalDate.of(2026, 11, 16));

		// when
		InvalidJobParametersException thrown = catchThrowableOfType(InvalidJobParametersException.class,
				() -> this.validator.validate(parameters));

		// then
		assertThat(thrown).hasMessage("from (2026-11-17) is after to (2026-11-16)");
	}

	@Test
	void missingFromIsRefused() {
		// given
		JobParameters parameters = new JobParametersBuilder().addLocalDate("to", LocalDate.of(2026, 11, 16))
			.toJobParameters();

		// when
		InvalidJobParametersException thrown = catchThrowableOfType(InvalidJobParametersException.class,
				() -> this.validator.validate(parameters));

		// then
		assertThat(thrown).hasMessage("missing job parameter 'from' (a date, yyyy-MM-dd)");
	}

	@Test
	void missingToIsRefused() {
		// given
		JobParameters parameters = new JobParametersBuilder().addLocalDate("from", LocalDate.of(2026, 11, 16))
			.toJobParameters();

		// when
		InvalidJobParametersException thrown = catchThrowableOfType(InvalidJobParametersException.class,
				() -> this.validator.validate(parameters));

		// then
		assertThat(thrown).hasMessage("missing job parameter 'to' (a date, yyyy-MM-dd)");
	}

	@Test
	void fromGivenAsStringIsRefused() {
		// given: what a launcher that forgot the ",java.time.LocalDate" type would pass
		JobParameters parameters = new JobParametersBuilder().addString("from", "2026-11-01")
			.addLocalDate("to", LocalDate.of(2026, 11, 16))
			.toJobParameters();

		// when
		InvalidJobParametersException thrown = catchThrowableOfType(InvalidJobParametersException.class,
				() -> this.validator.validate(parameters));

		// then
		assertThat(thrown).hasMessage("job parameter 'from' must be a java.time.LocalDate, was java.lang.String");
	}

	@Test
	void rangeOf367DaysIsRefused() {
		// given
		JobParameters parameters = range(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 2));

		// when
		InvalidJobParametersException thrown = catchThrowableOfType(InvalidJobParametersException.class,
				() -> this.validator.validate(parameters));

		// then
		assertThat(thrown).hasMessage("the range 2025-01-01..2026-01-02 is longer than 366 days; split it");
	}

	@Test
	void runZeroIsRefused() {
		// given
		JobParameters parameters = new JobParametersBuilder(range(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 2)))
			.addLong("run", 0L)
			.toJobParameters();

		// when
		InvalidJobParametersException thrown = catchThrowableOfType(InvalidJobParametersException.class,
				() -> this.validator.validate(parameters));

		// then
		assertThat(thrown).hasMessage("run must be 1 or more, was 0");
	}

	@Test
	void runGivenAsStringIsRefused() {
		// given
		JobParameters parameters = new JobParametersBuilder(range(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 2)))
			.addString("run", "2")
			.toJobParameters();

		// when
		InvalidJobParametersException thrown = catchThrowableOfType(InvalidJobParametersException.class,
				() -> this.validator.validate(parameters));

		// then
		assertThat(thrown).hasMessageContaining("run");
	}

	private static JobParameters range(LocalDate from, LocalDate to) {
		return new JobParametersBuilder().addLocalDate("from", from).addLocalDate("to", to).toJobParameters();
	}

}

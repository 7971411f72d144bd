package org.hubchargeback.usage;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Dates and quantities as PowerShell's {@code Export-Csv} writes them on the exporting machine: culture-formatted,
 * without an offset, and meant as UTC (domain facts 2.3).
 */
class UsageCultureTests {

	private final UsageCulture enUs = UsageCulture.of("en-US");

	private final UsageCulture deDe = UsageCulture.of("de-DE");

	private final UsageCulture enGb = UsageCulture.of("en-GB");

	@Test
	void enUsMidnightIsTwelveAm() {
		// given
		String value = "8/1/2017 12:00:00 AM";

		// when
		Instant instant = this.enUs.parseInstant(value);

		// then
		assertThat(instant).isEqualTo(Instant.parse("2017-08-01T00:00:00Z"));
	}

	@Test
	void enUsAfternoonUsesTwelveHourClock() {
		// given
		String value = "11/16/2026 1:00:00 PM";

		// when
		Instant instant = this.enUs.parseInstant(value);

		// then
		assertThat(instant).isEqualTo(Instant.parse("2026-11-16T13:00:00Z"));
	}

	@Test
	void deDeUsesDayMonthYearWithDotsAndTwentyFourHourClock() {
		// given
		String value = "16.11.2026 13:00:00";

		// when
		Instant instant = this.deDe.parseInstant(value);

		// then
		assertThat(instant).isEqualTo(Instant.parse("2026-11-16T13:00:00Z"));
	}

	@Test
	void enGbPutsTheDayFirst() {
		// given
		String value = "13/01/2026 10:00:00";

		// when
		Instant instant = this.enGb.parseInstant(value);

		// then
		assertThat(instant).isEqualTo(Instant.parse("2026-01-13T10:00:00Z"));
	}

	@Test
	void cultureNamesMatchCaseInsensitively() {
		// given
		String name = "EN-us";

		// when
		UsageCulture culture = UsageCulture.of(name);

		// then
		assertThat(culture.parseInstant("11/16/2026 1:00:00 PM")).isEqualTo(Instant.parse("2026-11-16T13:00:00Z"));
	}

	@Test
	void isoWithFractionAndZIsUtc() {
		// given
		String value = "2017-08-01T00:00:00.00Z";

		// when
		Instant instant = this.enUs.parseInstant(value);

		// then
		assertThat(instant).isEqualTo(Instant.parse("2017-08-01T00:00:00Z"));
	}

	@Test
	void isoWithZeroOffsetIsUtc() {
		// given
		String value = "2015-03-03T00:00:00+00:00";

		// when
		Instant instant = this.enUs.parseInstant(value);

		// then
		assertThat(instant).isEqualTo(Instant.parse("2015-03-03T00:00:00Z"));
	}

	@Test
	void isoWithoutZoneIsTakenAsUtc() {
		// given
		String value = "2026-11-16T00:00:00";

		// when
		Instant instant = this.enUs.parseInstant(value);

		// then
		assertThat(instant).isEqualTo(Instant.parse("2026-11-16T00:00:00Z"));
	}

	@Test
	void isoWithSpaceInsteadOfTIsTakenAsUtc() {
		// given
		String value = "2026-11-16 00:00:00";

		// when
		Instant instant = this.enUs.parseInstant(value);

		// then
		assertThat(instant).isEqualTo(Instant.parse("2026-11-16T00:00:00Z"));
	}

	@Test
	void isoOffsetIsConvertedToUtc() {
		// given
		String value = "2026-11-16T02:00:00+02:00";

		// when
		Instant instant = this.enUs.parseInstant(value);

		// then
		assertThat(instant).isEqualTo(Instant.parse("2026-11-16T00:00:00Z"));
	}

	@Test
	void isoIsAcceptedUnderEveryCulture() {
		// given
		String value = "2026-11-16T00:00:00Z";

		// when
		Instant instant = this.deDe.parseInstant(value);

		// then
		assertThat(instant).isEqualTo(Instant.parse("2026-11-16T00:00:00Z"));
	}

	@Test
	void dayThatDoesNotExistIsRejectedNamingPatternAndCulture() {
		// given: November has 30 days; a lenient parser would roll over to December 1
		String value = "11/31/2026 10:00:00 AM";

		// when
		DateTimeException thrown = catchThrowableOfType(DateTimeException.class, () -> this.enUs.parseInstant(value));

		// then
		assertThat(thrown).hasMessageContaining("'11/31/2026 10:00:00 AM'")
			.hasMessageContaining("M/d/yyyy h:mm:ss a")
			.hasMessageContaining("en-US");
	}

	@Test
	void dayFirstDateIsRejectedUnderEnUs() {
		// given: valid en-GB, but there is no month 13
		String value = "13/01/2026 10:00:00 AM";

		// when
		DateTimeException thrown = catchThrowableOfType(DateTimeException.class, () -> this.enUs.parseInstant(value));

		// then
		assertThat(thrown).hasMessageContaining("M/d/yyyy h:mm:ss a")
			.hasMessageContaining("culture en-US");
	}

	@Test
	void monthFirstDateIsRejectedUnderEnGb() {
		// given
		String value = "11/16/2026 13:00:00";

		// when
		DateTimeException thrown = catchThrowableOfType(DateTimeException.class, () -> this.enGb.parseInstant(value));

		// then
		assertThat(thrown).hasMessageContaining("dd/MM/yyyy HH:mm:ss")
			.hasMessageContaining("culture en-GB");
	}

	@Test
	void deDeRejectsAnImpossibleDateNamingItsPattern() {
		// given
		String value = "31.02.2026 10:00:00";

		// when
		DateTimeException thrown = catchThrowableOfType(DateTimeException.class, () -> this.deDe.parseInstant(value));

		// then
		assertThat(thrown).hasMessageContaining("dd.MM.yyyy HH:mm:ss")
			.hasMessageContaining("culture de-DE");
	}

	@Test
	void impossibleIsoDateIsRejected() {
		// given
		String value = "2026-02-30T00:00:00Z";

		// when
		DateTimeException thrown = catchThrowableOfType(DateTimeException.class, () -> this.enUs.parseInstant(value));

		// then
		assertThat(thrown).hasMessageContaining("ISO-8601");
	}

	@Test
	void enCaDateIsParsedWithItsOwnPattern() {
		// given
		UsageCulture enCa = UsageCulture.of("en-CA");

		// when
		Instant instant = enCa.parseInstant("2026-11-16 1:00:00 PM");

		// then
		assertThat(instant).isEqualTo(Instant.parse("2026-11-16T13:00:00Z"));
	}

	@Test
	void exponentQuantityIsKeptExact() {
		// given
		String value = "1E-05";

		// when
		BigDecimal quantity = this.enUs.parseQuantity(value);

		// then
		assertThat(quantity).isEqualByComparingTo(new BigDecimal("0.00001"));
	}

	@Test
	void longDecimalQuantityIsKeptExact() {
		// given: a double would not hold these digits exactly
		String value = "0.0416666666666667";

		// when
		BigDecimal quantity = this.enUs.parseQuantity(value);

		// then
		assertThat(quantity).isEqualByComparingTo(new BigDecimal("0.0416666666666667"));
		assertThat(quantity.toPlainString()).isEqualTo("0.0416666666666667");
	}

	@Test
	void deDeReadsTheDecimalComma() {
		// given
		String value = "2,4";

		// when
		BigDecimal quantity = this.deDe.parseQuantity(value);

		// then
		assertThat(quantity).isEqualByComparingTo(new BigDecimal("2.4"));
	}

	@Test
	void deDeReadsAnExponentQuantity() {
		// given
		String value = "1E-05";

		// when
		BigDecimal quantity = this.deDe.parseQuantity(value);

		// then
		assertThat(quantity).isEqualByComparingTo(new BigDecimal("0.00001"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "NaN", "Infinity", "-Infinity", "abc" })
	void nonNumbersAreRejected(String value) {
		// given: the value from the source

		// when
		NumberFormatException thrown = catchThrowableOfType(NumberFormatException.class,
				() -> this.enUs.parseQuantity(value));

		// then
		assertThat(thrown).hasMessage("not a number: '" + value + "'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   " })
	void emptyQuantityIsRejectedAsMissing(String value) {
		// given: the value from the source

		// when
		NumberFormatException thrown = catchThrowableOfType(NumberFormatException.class,
				() -> this.enUs.parseQuantity(value));

		// then
		assertThat(thrown).hasMessage("missing");
	}

	@Test
	void decimalCommaIsRejectedUnderEnUs() {
		// given: would otherwise be read as 24, or as 2 and 4
		String value = "2,4";

		// when
		NumberFormatException thrown = catchThrowableOfType(NumberFormatException.class,
				() -> this.enUs.parseQuantity(value));

		// then
		assertThat(thrown).hasMessageContaining("'2,4'")
			.hasMessageContaining("en-US uses '.'");
	}

	@Test
	void decimalPointIsRejectedUnderDeDe() {
		// given: in de-DE '.' is the thousands separator, so "2.4" is ambiguous
		String value = "2.4";

		// when
		NumberFormatException thrown = catchThrowableOfType(NumberFormatException.class,
				() -> this.deDe.parseQuantity(value));

		// then
		assertThat(thrown).hasMessageContaining("'2.4'")
			.hasMessageContaining("de-DE uses ','");
	}

	@Test
	void deChReadsTheDecimalPoint() {
		// given
		UsageCulture deCh = UsageCulture.of("de-CH");

		// when
		BigDecimal quantity = deCh.parseQuantity("2.4");

		// then
		assertThat(quantity).isEqualByComparingTo(new BigDecimal("2.4"));
	}

	@Test
	void unknownCultureIsRejectedListingTheKnownOnes() {
		// given
		String name = "xx-XX";

		// when
		IllegalArgumentException thrown = catchThrowableOfType(IllegalArgumentException.class,
				() -> UsageCulture.of(name));

		// then
		assertThat(thrown).hasMessageStartingWith("Unknown culture 'xx-XX'; known: [")
			.hasMessageContaining("de-de")
			.hasMessageContaining("en-gb")
			.hasMessageContaining("en-us");
	}

}

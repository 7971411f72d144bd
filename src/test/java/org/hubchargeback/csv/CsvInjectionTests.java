package org.hubchargeback.csv;

import org.hubchargeback.usage.MeterIds;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The second wall against CSV injection: whatever passed validation, no output cell starts a formula.
 */
class CsvInjectionTests {

	@Test
	void formulasAreNeutralizedNumbersAreNot() {
		// given
		String[] formulas = { "=1+1", "+1+1", "-2+3", "@SUM(1)", "\t=1+1", "\r=1", "-", "-1.", "-.5", "-1e5" };
		String[] untouched = { "-1.5", "-12", "0", "1.25", "/subscriptions/x", "'=1", "", "Base VM Size Hours" };

		// when / then
		for (String formula : formulas) {
			assertThat(CsvDialect.safe(formula)).as(formula).isEqualTo("'" + formula);
		}
		for (String text : untouched) {
			assertThat(CsvDialect.safe(text)).as(text).isEqualTo(text);
		}
	}

	@Test
	void everyLineAndReportRowGoesThroughTheWall() {
		// given
		Object[] values = { "=cmd|' /C calc'!A0", "-0.01", 5 };

		// when
		String line = CsvDialect.line(values);
		StringBuilder appended = CsvDialect.appendValue(new StringBuilder("x"), "@SUM(1)");

		// then
		assertThat(line).isEqualTo("'=cmd|' /C calc'!A0,-0.01,5");
		assertThat(appended).hasToString("x,'@SUM(1)");
	}

	@Test
	void controlCharactersArePrintedAsEscapes() {
		// given
		String name = "a\nhub-chargeback: COMPLETED\r\t\u0085.csv";

		// when
		String printed = Printable.of(name);

		// then
		assertThat(printed).isEqualTo("a\\nhub-chargeback: COMPLETED\\r\\t\\u0085.csv").doesNotContain("\n");
		assertThat(Printable.of("plain.csv")).isEqualTo("plain.csv");
	}

	@Test
	void meterIdsAreGuidsWithOrWithoutHyphens() {
		// given / when / then
		assertThat(MeterIds.isGuid("FAB6EB84-500B-4A09-A8CA-7358F8BBAEA5")).isTrue();
		assertThat(MeterIds.isGuid("F271A8A388C44D93956A063E1D2FA80B")).isTrue();
		assertThat(MeterIds.isGuid("f271a8a388c44d93956a063e1d2fa80b")).isTrue();
		assertThat(MeterIds.isGuid("@SUM(1)")).isFalse();
		assertThat(MeterIds.isGuid("meter1")).isFalse();
		assertThat(MeterIds.isGuid("F271A8A3-88C44D93956A063E1D2FA80B")).isFalse();
	}

}

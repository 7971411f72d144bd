package org.hubchargeback.charging;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.hubchargeback.charging.DayLedger.Conflict;
import org.hubchargeback.resolution.ChargeReason;
import org.hubchargeback.resolution.DefaultReason;
import org.hubchargeback.usage.InstanceData;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The charging rule of a hub's usage day: each usage record once, in reading order; an identical repeat is a
 * duplicate, a repeat with another quantity a conflict.
 */
class DayLedgerTests {

	static final String HUB_SUBSCRIPTION = "5e000000-0000-4000-8000-000000000001";

	static final String TENANT = "7e000000-0000-4000-8000-000000000001";

	static final String CSP = "c2c2c2c2-0000-4000-8000-00000000c0c2";

	static final String DEFAULT_SUBSCRIPTION = "dd8597b4-8739-4467-8b10-f8679f62bfbf";

	static final String VM_HOURS = "fab6eb84-500b-4a09-a8ca-7358f8bbaea5";

	static final String STORAGE = "b9ff3cd0-28aa-4762-84bb-fe5bbaf6ce8b";

	static final String VM = "/subscriptions/" + HUB_SUBSCRIPTION
			+ "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-1";

	static final String OTHER_VM = "/subscriptions/" + HUB_SUBSCRIPTION
			+ "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-2";

	static final Instant DAY = Instant.parse("2026-11-16T00:00:00Z");

	final DayLedger ledger = new DayLedger();

	@Nested
	class FirstOccurrenceWins {

		@Test
		void chargesARecordReadOnce() {
			// given
			ChargeableUsage record = usage(0, 2, hour(0), hour(1), "1.5");

			// when
			DayLedgerTests.this.ledger.read(record);

			// then
			Sum row = onlyRow(DayLedgerTests.this.ledger);
			assertThat(row.records()).isEqualTo(1);
			assertThat(row.quantity()).isEqualTo(new BigDecimal("1.5"));
			assertThat(DayLedgerTests.this.ledger.duplicates()).isEmpty();
			assertThat(DayLedgerTests.this.ledger.conflicts()).isEmpty();
		}

		@Test
		void countsAnIdenticalRepeatAsADuplicate() {
			// given: the same quantity spelled otherwise is the same quantity
			List<ChargeableUsage> records = List.of(usage(0, 2, hour(0), hour(1), "1.5"),
					usage(1, 7, hour(0), hour(1), "1.50"), usage(2, 3, hour(0), hour(1), "1.500"));

			// when
			records.forEach(DayLedgerTests.this.ledger::read);

			// then
			Sum row = onlyRow(DayLedgerTests.this.ledger);
			assertThat(row.records()).isEqualTo(1);
			assertThat(row.quantity()).isEqualTo(new BigDecimal("1.5"));
			assertThat(DayLedgerTests.this.ledger.duplicates()).containsOnlyKeys(total(VM_HOURS));
			Sum duplicates = DayLedgerTests.this.ledger.duplicates().get(total(VM_HOURS));
			assertThat(duplicates.records()).isEqualTo(2);
			assertThat(duplicates.quantity()).isEqualTo(new BigDecimal("3.000"));
			assertThat(DayLedgerTests.this.ledger.conflicts()).isEmpty();
			assertThat(DayLedgerTests.this.ledger.records()).isEqualTo(3);
		}

		@Test
		void rejectsARepeatWithAnotherQuantityAndChargesTheFirst() {
			// given
			ChargeableUsage first = usage(0, 2, hour(0), hour(1), "2");
			ChargeableUsage repeat = usage(1, 9, hour(0), hour(1), "3");

			// when
			DayLedgerTests.this.ledger.read(first);
			DayLedgerTests.this.ledger.read(repeat);

			// then
			assertThat(onlyRow(DayLedgerTests.this.ledger).quantity()).isEqualTo(new BigDecimal("2"));
			assertThat(DayLedgerTests.this.ledger.conflicts())
				.containsExactly(new Conflict(repeat, 0, 2, new BigDecimal("2")));
			assertThat(DayLedgerTests.this.ledger.conflicts().get(0).usage().fileIndex()).isEqualTo(1);
			assertThat(DayLedgerTests.this.ledger.duplicates()).isEmpty();
		}

		/**
		 * The first occurrence's quantity is kept as digits and scale, not as the object read: a conflict names it
		 * exactly as the export wrote it, however many digits, and a repeat of it is still a duplicate.
		 */
		@ParameterizedTest
		@ValueSource(strings = { "2.50", "0.000001", "-4.2", "1E+3", "123456789012345678", "1234567890123456789",
				"98765432109876543210.123456789" })
		void keepsTheFirstQuantityAsItWasRead(String quantity) {
			// given: the first reading, a repeat with another quantity, more records of the usage (growing its
			// arrays past a day of hours) and an identical repeat
			DayLedgerTests.this.ledger.read(usage(0, 2, hour(0), hour(1), quantity));
			DayLedgerTests.this.ledger.read(usage(1, 9, hour(0), hour(1), "7"));
			for (int minute = 1; minute < 40; minute++) {
				DayLedgerTests.this.ledger.read(usage(0, 2 + minute, hour(0).plusSeconds(60L * minute),
						hour(1).plusSeconds(60L * minute), "1"));
			}
			DayLedgerTests.this.ledger.read(usage(2, 4, hour(0), hour(1), quantity));

			// then
			BigDecimal first = DayLedgerTests.this.ledger.conflicts().get(0).firstQuantity();
			assertThat(first.unscaledValue()).isEqualTo(new BigDecimal(quantity).unscaledValue());
			assertThat(first.scale()).isEqualTo(new BigDecimal(quantity).scale());
			assertThat(DayLedgerTests.this.ledger.duplicates().get(total(VM_HOURS)).records()).isEqualTo(1);
		}

		@Test
		void comparesEveryRepeatWithTheFirstOccurrence() {
			// given: the second reading conflicts; the third matches the first, the fourth the second
			List<ChargeableUsage> records = List.of(usage(0, 2, hour(0), hour(1), "2"),
					usage(1, 2, hour(0), hour(1), "3"), usage(2, 2, hour(0), hour(1), "2"),
					usage(3, 2, hour(0), hour(1), "3"));

			// when
			records.forEach(DayLedgerTests.this.ledger::read);

			// then
			assertThat(onlyRow(DayLedgerTests.this.ledger).quantity()).isEqualTo(new BigDecimal("2"));
			assertThat(DayLedgerTests.this.ledger.duplicates().get(total(VM_HOURS)).records()).isEqualTo(1);
			assertThat(DayLedgerTests.this.ledger.conflicts()).extracting((c) -> c.usage().fileIndex())
				.containsExactly(1, 3);
			assertThat(DayLedgerTests.this.ledger.conflicts()).extracting(Conflict::firstFileIndex)
				.containsExactly(0, 0);
		}

	}

	@Nested
	class RecordIdentity {

		@ParameterizedTest
		@MethodSource("org.hubchargeback.charging.DayLedgerTests#otherCases")
		void isTheSameInAnotherCaseOfItsResource(String resourceUri) {
			// given
			ChargeableUsage first = usage(0, 2, hour(0), hour(1), "1", VM);
			ChargeableUsage repeat = usage(1, 2, hour(0), hour(1), "1", resourceUri);

			// when
			DayLedgerTests.this.ledger.read(first);
			DayLedgerTests.this.ledger.read(repeat);

			// then
			assertThat(DayLedgerTests.this.ledger.lines()).containsOnlyKeys(line(VM_HOURS, VM));
			assertThat(onlyRow(DayLedgerTests.this.ledger).resourceUri()).isEqualTo(VM);
			assertThat(DayLedgerTests.this.ledger.duplicates().get(total(VM_HOURS)).records()).isEqualTo(1);
		}

		@ParameterizedTest(name = "{0}..{1}")
		@CsvSource({ "2026-11-16T00:00:00Z, 2026-11-16T00:30:00Z", "2026-11-16T00:30:00Z, 2026-11-16T01:00:00Z",
				"2026-11-16T00:00:00.000000001Z, 2026-11-16T01:00:00Z",
				"2026-11-16T00:00:00Z, 2026-11-16T01:00:00.000000001Z", "2026-11-16T01:00:00Z, 2026-11-16T02:00:00Z" })
		void differsByStartOrEnd(Instant start, Instant end) {
			// given: the same quantity, so only the span tells the records apart
			ChargeableUsage first = usage(0, 2, hour(0), hour(1), "1");
			ChargeableUsage other = usage(0, 3, start, end, "1");

			// when
			DayLedgerTests.this.ledger.read(first);
			DayLedgerTests.this.ledger.read(other);

			// then
			Sum row = onlyRow(DayLedgerTests.this.ledger);
			assertThat(row.records()).isEqualTo(2);
			assertThat(row.quantity()).isEqualTo(new BigDecimal("2"));
			assertThat(DayLedgerTests.this.ledger.duplicates()).isEmpty();
			assertThat(DayLedgerTests.this.ledger.conflicts()).isEmpty();
		}

		@Test
		void differsByMeterOrResource() {
			// given
			List<ChargeableUsage> records = List.of(usage(0, 2, hour(0), hour(1), "1"),
					usage(0, 3, VM, STORAGE, TENANT, CSP, ChargeReason.REGISTERED, null, hour(0), hour(1), "1"),
					usage(0, 4, hour(0), hour(1), "1", OTHER_VM));

			// when
			records.forEach(DayLedgerTests.this.ledger::read);

			// then
			assertThat(DayLedgerTests.this.ledger.lines()).containsOnlyKeys(line(VM_HOURS, VM), line(STORAGE, VM),
					line(VM_HOURS, OTHER_VM));
			assertThat(DayLedgerTests.this.ledger.duplicates()).isEmpty();
		}

		@Test
		void isFoundAmongMinuteRecords() {
			// given: a day of minute records (beyond 64 per usage, looked up by start), then all of them again,
			// one with another quantity, and one with the start of another but its own end
			Instant minute100 = DAY.plus(Duration.ofMinutes(100));
			for (int m = 0; m < 1440; m++) {
				Instant start = DAY.plus(Duration.ofMinutes(m));
				DayLedgerTests.this.ledger.read(usage(0, m + 2, start, start.plusSeconds(60), "0.25"));
			}

			// when
			for (int m = 0; m < 1440; m++) {
				Instant start = DAY.plus(Duration.ofMinutes(m));
				DayLedgerTests.this.ledger
					.read(usage(1, m + 2, start, start.plusSeconds(60), (m == 100) ? "0.5" : "0.25"));
			}
			DayLedgerTests.this.ledger.read(usage(1, 1442, minute100, minute100.plusSeconds(120), "0.25"));

			// then
			Sum row = onlyRow(DayLedgerTests.this.ledger);
			assertThat(row.records()).isEqualTo(1441);
			assertThat(row.quantity()).isEqualTo(new BigDecimal("360.25"));
			Sum duplicates = DayLedgerTests.this.ledger.duplicates().get(total(VM_HOURS));
			assertThat(duplicates.records()).isEqualTo(1439);
			assertThat(duplicates.quantity()).isEqualTo(new BigDecimal("359.75"));
			assertThat(DayLedgerTests.this.ledger.conflicts())
				.containsExactly(new Conflict(usage(1, 102, minute100, minute100.plusSeconds(60), "0.5"), 0, 102,
						new BigDecimal("0.25")));
		}

	}

	@Nested
	class ChargebackRow {

		@Test
		void sumsItsRecordsExactlyWithTheirSpan() {
			// given: read out of order
			List<ChargeableUsage> records = List.of(usage(0, 2, hour(5), hour(6), "0.1"),
					usage(0, 3, hour(2), hour(3), "0.2"), usage(1, 2, hour(9), hour(10), "0.0416666666666667"));

			// when
			records.forEach(DayLedgerTests.this.ledger::read);

			// then
			Sum row = onlyRow(DayLedgerTests.this.ledger);
			assertThat(row.records()).isEqualTo(3);
			assertThat(row.lines()).isEqualTo(1);
			assertThat(row.quantity()).isEqualTo(new BigDecimal("0.3416666666666667"));
			assertThat(row.firstStart()).isEqualTo(hour(2));
			assertThat(row.lastEnd()).isEqualTo(hour(10));
			assertThat(row.cost()).isNull();
		}

		@Test
		void showsTheFirstSpellingOfItsResourceInSortOrder() {
			// given: uppercase sorts first, though read last
			String upper = VM.replace("vm-1", "VM-1");
			List<ChargeableUsage> records = List.of(usage(0, 2, hour(0), hour(1), "1", VM),
					usage(0, 3, hour(1), hour(2), "1", upper), usage(0, 4, hour(2), hour(3), "1", VM));

			// when
			records.forEach(DayLedgerTests.this.ledger::read);

			// then
			assertThat(DayLedgerTests.this.ledger.lines()).containsOnlyKeys(line(VM_HOURS, VM));
			assertThat(onlyRow(DayLedgerTests.this.ledger).resourceUri()).isEqualTo(upper);
			assertThat(onlyRow(DayLedgerTests.this.ledger).records()).isEqualTo(3);
		}

		@Test
		void isOneForEachTenantChargedSubscriptionAndReason() {
			// given: the hours of one usage resolved three ways
			List<ChargeableUsage> records = List.of(usage(0, 2, hour(0), hour(1), "1"),
					usage(0, 3, VM, VM_HOURS, "", DEFAULT_SUBSCRIPTION, ChargeReason.DEFAULT,
							DefaultReason.SUBSCRIPTION_WITHOUT_TENANT, hour(1), hour(2), "2"),
					usage(0, 4, hour(2), hour(3), "4"));

			// when
			records.forEach(DayLedgerTests.this.ledger::read);

			// then
			LineKey byDefault = new LineKey("", HUB_SUBSCRIPTION, VM.toLowerCase(Locale.ROOT), VM_HOURS,
					ChargeReason.DEFAULT, DefaultReason.SUBSCRIPTION_WITHOUT_TENANT, DEFAULT_SUBSCRIPTION);
			assertThat(DayLedgerTests.this.ledger.lines()).containsOnlyKeys(line(VM_HOURS, VM), byDefault);
			assertThat(DayLedgerTests.this.ledger.lines().get(line(VM_HOURS, VM)).quantity())
				.isEqualTo(new BigDecimal("5"));
			assertThat(DayLedgerTests.this.ledger.lines().get(byDefault).quantity()).isEqualTo(new BigDecimal("2"));
		}

	}

	@Nested
	class Totals {

		@Test
		void sumTheRowsWithoutTheirResource() {
			// given
			List<ChargeableUsage> records = List.of(usage(0, 2, hour(3), hour(4), "1", VM),
					usage(0, 3, hour(0), hour(1), "2", OTHER_VM), usage(0, 4, hour(7), hour(8), "4", OTHER_VM),
					usage(0, 5, VM, STORAGE, TENANT, CSP, ChargeReason.REGISTERED, null, hour(0), hour(1), "8"));

			// when
			records.forEach(DayLedgerTests.this.ledger::read);

			// then
			assertThat(DayLedgerTests.this.ledger.totals()).containsOnlyKeys(total(VM_HOURS), total(STORAGE));
			Sum vmHours = DayLedgerTests.this.ledger.totals().get(total(VM_HOURS));
			assertThat(vmHours.lines()).isEqualTo(2);
			assertThat(vmHours.records()).isEqualTo(3);
			assertThat(vmHours.quantity()).isEqualTo(new BigDecimal("7"));
			assertThat(vmHours.firstStart()).isEqualTo(hour(0));
			assertThat(vmHours.lastEnd()).isEqualTo(hour(8));
			assertThat(vmHours.resourceUri()).isNull();
			assertThat(DayLedgerTests.this.ledger.totals().get(total(STORAGE)).quantity())
				.isEqualTo(new BigDecimal("8"));
		}

	}

	@Test
	void chargesOneDayAtATime() {
		// given: yesterday's ledger charged the record
		DayLedger yesterday = new DayLedger();
		yesterday.read(usage(0, 2, hour(0), hour(1), "1"));

		// when
		this.ledger.read(usage(1, 2, hour(0), hour(1), "3"));

		// then: nothing carries over
		assertThat(onlyRow(this.ledger).quantity()).isEqualTo(new BigDecimal("3"));
		assertThat(this.ledger.conflicts()).isEmpty();
		assertThat(this.ledger.duplicates()).isEmpty();
		assertThat(this.ledger.records()).isEqualTo(1);
		assertThat(onlyRow(yesterday).quantity()).isEqualTo(new BigDecimal("1"));
	}

	static List<String> otherCases() {
		return List.of(VM.toUpperCase(Locale.ROOT), VM.toLowerCase(Locale.ROOT),
				VM.replace("Microsoft.Compute", "microsoft.compute"));
	}

	/**
	 * Late-reported usage: records another published folder already accounted for come first and are never charged
	 * again; what repeats them is a re-export, what does not is late usage.
	 */
	@Nested
	class AccountedElsewhere {

		@Test
		void chargesOnlyTheRecordsNoFolderAccountedFor() {
			// given: the day's folder charged hours 0 and 1 from file 0
			DayLedger ledger = DayLedgerTests.this.ledger;
			ledger.accounted(usage(0, 2, hour(0), hour(1), "1"));
			ledger.accounted(usage(0, 3, hour(1), hour(2), "1"));

			// when: a later export re-exports hour 1 and reports hour 2 late
			ledger.read(usage(1, 2, hour(1), hour(2), "1"));
			ledger.read(usage(1, 3, hour(2), hour(3), "4"));

			// then
			Sum row = onlyRow(ledger);
			assertThat(row.records()).isEqualTo(1);
			assertThat(row.quantity()).isEqualByComparingTo("4");
			assertThat(row.firstStart()).isEqualTo(hour(2));
			assertThat(ledger.duplicates().values()).singleElement()
				.satisfies((sum) -> assertThat(sum.quantity()).isEqualByComparingTo("1"));
			assertThat(ledger.records()).isEqualTo(2);
		}

		@Test
		void rejectsALateRecordThatContradictsAChargedOne() {
			// given
			DayLedgerTests.this.ledger.accounted(usage(0, 7, hour(5), hour(6), "2"));

			// when
			DayLedgerTests.this.ledger.read(usage(1, 2, hour(5), hour(6), "3"));

			// then: charged once already, at the first quantity
			assertThat(DayLedgerTests.this.ledger.lines()).isEmpty();
			assertThat(DayLedgerTests.this.ledger.conflicts()).singleElement().satisfies((conflict) -> {
				assertThat(conflict.firstFileIndex()).isZero();
				assertThat(conflict.firstLine()).isEqualTo(7);
				assertThat(conflict.firstQuantity()).isEqualByComparingTo("2");
			});
		}

		@Test
		void countsNothingForTheAccountedRecordsThemselves() {
			// given
			DayLedgerTests.this.ledger.accounted(usage(0, 2, hour(0), hour(1), "1"));
			DayLedgerTests.this.ledger.accounted(usage(0, 2, hour(0), hour(1), "1"));

			// then
			assertThat(DayLedgerTests.this.ledger.records()).isZero();
			assertThat(DayLedgerTests.this.ledger.lines()).isEmpty();
			assertThat(DayLedgerTests.this.ledger.duplicates()).isEmpty();
		}

		@Test
		void mustComeBeforeTheRecordsToCharge() {
			// given
			DayLedgerTests.this.ledger.read(usage(1, 2, hour(0), hour(1), "1"));

			// then
			assertThatIllegalStateException()
				.isThrownBy(() -> DayLedgerTests.this.ledger.accounted(usage(0, 2, hour(1), hour(2), "1")));
		}

	}

	private static Sum onlyRow(DayLedger ledger) {
		assertThat(ledger.lines()).hasSize(1);
		return ledger.lines().values().iterator().next();
	}

	/**
	 * Issue 16: the usage API returns one record per distinct instance data in a bucket.
	 */
	@Nested
	class InstanceDataIsPartOfTheIdentity {

		final String sales = InstanceData.fingerprint("local", "@{Department=Sales}", "");

		final String it = InstanceData.fingerprint("local", "@{Department=IT}", "");

		@Test
		void twoRecordsThatDifferOnlyInTagsAreBothChargedOnOneRow() {
			// given a tag changed within the hour: two records of the same resource, meter and bucket
			List<ChargeableUsage> records = List.of(tagged(0, 2, hour(0), hour(1), "0.25", this.sales),
					tagged(0, 3, hour(0), hour(1), "0.75", this.it));

			// when
			records.forEach(DayLedgerTests.this.ledger::read);

			// then both are charged, on the resource's one row
			Sum row = onlyRow(DayLedgerTests.this.ledger);
			assertThat(row.records()).isEqualTo(2);
			assertThat(row.quantity()).isEqualByComparingTo("1");
			assertThat(DayLedgerTests.this.ledger.duplicates()).isEmpty();
			assertThat(DayLedgerTests.this.ledger.conflicts()).isEmpty();
		}

		@Test
		void oneRecordExportedWithJsonTagsIsTheSameAsWithPowerShellTags() {
			// given the record from Usagesummary.ps1 (@{...}) and from a JSON export, keys in another order
			String powershell = InstanceData.fingerprint("local", "@{Department=Sales; CostCenter=4711}",
					"@{ImageType=Canonical}");
			String json = InstanceData.fingerprint("Local", "{\"CostCenter\":4711,\"Department\":\"Sales\"}",
					"{\"ImageType\":\"Canonical\"}");

			// when
			DayLedgerTests.this.ledger.read(tagged(0, 2, hour(0), hour(1), "1", powershell));
			DayLedgerTests.this.ledger.read(tagged(1, 2, hour(0), hour(1), "1", json));

			// then
			assertThat(json).isEqualTo(powershell);
			assertThat(onlyRow(DayLedgerTests.this.ledger).records()).isEqualTo(1);
			assertThat(DayLedgerTests.this.ledger.duplicates()).hasSize(1);
		}

		@Test
		void quantitiesThatAgreeToFifteenDigitsAreOneRecordAsPowerShellVersionsWriteIt() {
			// given the same double written by Windows PowerShell 5.1 (15 digits) and PowerShell 7 (17)
			DayLedgerTests.this.ledger.read(tagged(0, 2, hour(0), hour(1), "0.3", this.sales));
			DayLedgerTests.this.ledger.read(tagged(1, 2, hour(0), hour(1), "0.30000000000000004", this.sales));
			DayLedgerTests.this.ledger.read(tagged(2, 2, hour(0), hour(1), "0.30000000000001", this.sales));

			// when
			Sum row = onlyRow(DayLedgerTests.this.ledger);

			// then the first is charged, the 17-digit spelling is a duplicate, a real difference a conflict
			assertThat(row.quantity()).isEqualByComparingTo("0.3");
			assertThat(DayLedgerTests.this.ledger.duplicates()).hasSize(1);
			assertThat(DayLedgerTests.this.ledger.conflicts()).singleElement()
				.satisfies((c) -> assertThat(c.usage().line()).isEqualTo(2));
		}

	}

	private static Instant hour(int hour) {
		return DAY.plus(Duration.ofHours(hour));
	}

	private static LineKey line(String meterId, String resourceUri) {
		return new LineKey(TENANT, HUB_SUBSCRIPTION, resourceUri.toLowerCase(Locale.ROOT), meterId,
				ChargeReason.REGISTERED, null, CSP);
	}

	private static TotalKey total(String meterId) {
		return new TotalKey(TENANT, HUB_SUBSCRIPTION, meterId, ChargeReason.REGISTERED, null, CSP);
	}

	private static ChargeableUsage usage(int file, long line, Instant start, Instant end, String quantity) {
		return usage(file, line, start, end, quantity, VM);
	}

	private static ChargeableUsage tagged(int file, long line, Instant start, Instant end, String quantity,
			String instance) {
		ChargeableUsage u = usage(file, line, start, end, quantity);
		return new ChargeableUsage(u.seq(), u.line(), start, end, u.hubSubscriptionId(), u.tenantId(), u.meterId(),
				u.quantity(), u.resourceUri(), instance, u.chargedSubscriptionId(), u.reason(), u.defaultReason());
	}

	private static ChargeableUsage usage(int file, long line, Instant start, Instant end, String quantity,
			String resourceUri) {
		return usage(file, line, resourceUri, VM_HOURS, TENANT, CSP, ChargeReason.REGISTERED, null, start, end,
				quantity);
	}

	private static ChargeableUsage usage(int file, long line, String resourceUri, String meterId, String tenantId,
			String chargedSubscriptionId, ChargeReason reason, DefaultReason defaultReason, Instant start, Instant end,
			String quantity) {
		return new ChargeableUsage(((long) file << 32) + line, line, start, end, HUB_SUBSCRIPTION, tenantId, meterId,
				new BigDecimal(quantity), resourceUri, "", chargedSubscriptionId, reason, defaultReason);
	}

}

package org.hubchargeback.publish;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hubchargeback.loading.UsageBuckets;
import org.hubchargeback.registration.CustomerSubscriptionIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.ParameterizedTest;

import static org.assertj.core.api.Assertions.assertThat;

class RunMixGuardsTests {

	static final LocalDate FROM = LocalDate.parse("2026-11-16");

	static final LocalDate TO = LocalDate.parse("2026-11-18");

	static final Set<LocalDate> EVERY_DAY = Set.of(FROM, FROM.plusDays(1), TO);

	static final Instant END = Instant.parse("2026-11-19T00:00:00Z");

	static final List<String> FOLDERS = List.of("/srv/chargeback/east/usage");

	@Test
	void aHubWithUsageEveryDayAndItsTenantsKnownIsNoWarning() {
		// given
		RunMixGuards.Hub hub = new RunMixGuards.Hub("east", true, 100, 95, 5, 10, EVERY_DAY, END, FOLDERS, null);

		// when, then
		assertThat(RunMixGuards.warnings(FROM, TO, List.of(hub))).isEmpty();
	}

	@Test
	void aHubWhoseRecordsAllFallOutOfRangeIsAWarningAboutItsCulture() {
		// given
		RunMixGuards.Hub hub = new RunMixGuards.Hub("east", true, 48, 0, 48, 0, Set.of(), null, FOLDERS, null);

		// when
		List<String> warnings = RunMixGuards.warnings(FROM, TO, List.of(hub));

		// then
		assertThat(warnings).containsExactly("Hub east: all 48 usable record(s) fall outside 2026-11-16..2026-11-18,"
				+ " nothing of the hub is charged: are the exports of these days, and is the hub's culture right (an"
				+ " en-AU 3/11/2026 read as en-US is 11 March)?");
	}

	@Test
	void aDayWithoutUsageOfAHubIsAMissingExport() {
		// given
		RunMixGuards.Hub hub = new RunMixGuards.Hub("east", true, 48, 48, 0, 0, Set.of(FROM, FROM.plusDays(1)),
				Instant.parse("2026-11-18T00:00:00Z"), FOLDERS, null);

		// when
		List<String> warnings = RunMixGuards.warnings(FROM, TO, List.of(hub));

		// then
		assertThat(warnings).containsExactly("Hub east: no usage on 2026-11-18 (last usage charged ends"
				+ " 2026-11-18T00:00:00Z): an export is probably missing; add it to the hub's input folder and rerun"
				+ " the range");
	}

	@Test
	void aHubWithNoUsageAtAllInTheRangeIsAWarningNamingItsFoldersAndItsLastLedgerDay() {
		// given a hub that read nothing, and one whose every record was rejected
		RunMixGuards.Hub idle = new RunMixGuards.Hub("east", true, 0, 0, 0, 0, Set.of(), null, FOLDERS,
				LocalDate.parse("2026-11-12"));
		RunMixGuards.Hub rejected = new RunMixGuards.Hub("west", true, 7, 0, 0, 0, Set.of(), null,
				List.of("/srv/west/a", "/srv/west/b"), null);

		// when
		List<String> warnings = RunMixGuards.warnings(FROM, TO, List.of(idle, rejected));

		// then
		assertThat(warnings).containsExactly("Hub east: no usage at all in 2026-11-16..2026-11-18 (input folders"
				+ " /srv/chargeback/east/usage; the last usage day the ledger knows for it: 2026-11-12): its exports are"
				+ " probably missing or in another folder; add them and rerun the range, or remove the hub from"
				+ " hub-chargeback.hubs if it no longer runs",
				"Hub west: no usage at all in 2026-11-16..2026-11-18 (7 record(s) read, none charged; input folders"
						+ " /srv/west/a, /srv/west/b; the last usage day the ledger knows for it: none): its exports"
						+ " are probably missing or in another folder; add them and rerun the range, or remove the"
						+ " hub from hub-chargeback.hubs if it no longer runs");
	}

	@Test
	void aHubWhoseUsageOtherFoldersChargeIsNotIdle() {
		// given nothing charged here, but each day accounted for by another published folder
		RunMixGuards.Hub hub = new RunMixGuards.Hub("east", true, 0, 0, 0, 0, EVERY_DAY, null, FOLDERS, TO);

		// when, then
		assertThat(RunMixGuards.warnings(FROM, TO, List.of(hub))).isEmpty();
	}

	@Test
	void subscriptionsWithoutATenantAreAWarningWithoutAListOrAboveTheShare() {
		// given
		RunMixGuards.Hub noList = new RunMixGuards.Hub("east", false, 10, 10, 0, 1, EVERY_DAY, END, FOLDERS, null);
		RunMixGuards.Hub stale = new RunMixGuards.Hub("west", true, 10, 10, 0, 6, EVERY_DAY, END, FOLDERS, null);
		RunMixGuards.Hub fine = new RunMixGuards.Hub("north", true, 10, 10, 0, 5, EVERY_DAY, END, FOLDERS, null);

		// when
		List<String> warnings = RunMixGuards.warnings(FROM, TO, List.of(noList, stale, fine));

		// then
		assertThat(warnings).hasSize(2);
		assertThat(warnings.get(0)).startsWith("Hub east: no user-subscription list (user-subscriptions-file), so 1"
				+ " record(s) without a TenantId are charged to the default subscription");
		assertThat(warnings.get(1)).startsWith("Hub west: 6 of 10 charged record(s) belong to hub subscriptions with"
				+ " no known tenant");
	}

	@Test
	void aBucketLongerThanAnHourIsADay() {
		// given
		Instant start = Instant.parse("2026-01-11T00:00:00Z");

		// when, then
		assertThat(UsageBuckets.bucket(start, start.plusSeconds(3600))).isNull();
		assertThat(UsageBuckets.bucket(start, start.plusSeconds(86_400))).isNull();
		assertThat(UsageBuckets.bucket(start, Instant.parse("2026-02-11T00:00:00Z")))
			.startsWith("the usage bucket 2026-01-11T00:00:00Z .. 2026-02-11T00:00:00Z lasts 744h, neither an hour"
					+ " nor a day: is the hub's culture right");
		assertThat(UsageBuckets.bucket(start, start.plusSeconds(7200))).contains("lasts 2h,");
		assertThat(UsageBuckets.bucket(start, start.plusSeconds(60))).isNull();
	}

	@Test
	void customerSubscriptionsThatDifferOnlyInCaseOrAreNoGuidsCannotBeCharged() {
		// given, when, then
		assertThat(CustomerSubscriptionIds.problem(List.of("5B584C94-8FB4-4647-AFE6-879085600DBF",
				"c2c2c2c2-0000-4000-8000-00000000c0c2"))).isNull();
		assertThat(CustomerSubscriptionIds.problem(List.of("5B584C94-8FB4-4647-AFE6-879085600DBF",
				"5b584c94-8fb4-4647-afe6-879085600dbf"))).isEqualTo("customer subscriptions"
						+ " 5B584C94-8FB4-4647-AFE6-879085600DBF and 5b584c94-8fb4-4647-afe6-879085600dbf differ only"
						+ " in case: their chargeback files would collide on a case-insensitive share");
		assertThat(CustomerSubscriptionIds.problem(List.of("contoso-prod")))
			.isEqualTo("customer subscription 'contoso-prod' is not a subscription ID (a GUID)");
	}

	@Test
	void aDayWithFarFewerRecordsThanTheHubsRecentDaysIsAPartialExport() {
		// given a hub whose published days held about 200 records
		List<Long> recent = List.of(210L, 190L, 205L, 198L);

		// when
		List<String> warnings = RunMixGuards.partialDays("east", Map.of(FROM, 195L, TO, 60L), recent);

		// then
		assertThat(warnings).singleElement()
			.asString()
			.startsWith("Hub east: 2026-11-18 has 60 record(s), far fewer than its usual 205 (median of its last 4"
					+ " published days)");
	}

	@Test
	void aHubWithTooFewPublishedDaysHasNoUsualDayYet() {
		// when, then
		assertThat(RunMixGuards.partialDays("east", Map.of(FROM, 1L), List.of(200L, 200L))).isEmpty();
	}

	@Test
	void aDayWithoutUsageIsLeftToTheMissingDayWarning() {
		// when, then
		assertThat(RunMixGuards.partialDays("east", Map.of(FROM, 0L), List.of(200L, 200L, 200L))).isEmpty();
	}

	@Test
	void usageFallingToTheDefaultSubscriptionFarMoreThanOnRecentDaysIsAWarning() {
		// when: 70 of 100 records to the default subscription, against 20 of 400 before
		String warning = RunMixGuards.defaultShareRise("east", 100, 70, 400, 20);

		// then
		assertThat(warning).startsWith("Hub east: 70% of its charged records fall to its default subscription, against"
				+ " 5% on its recent published days");
	}

	@ParameterizedTest
	@CsvSource({ "100, 25, 400, 20", "15, 15, 400, 20", "100, 70, 15, 0" })
	void aSmallRiseOrTooFewRecordsIsNoWarning(long charged, long defaulted, long recentCharged, long recentDefaulted) {
		// when, then
		assertThat(RunMixGuards.defaultShareRise("east", charged, defaulted, recentCharged, recentDefaulted)).isNull();
	}

}

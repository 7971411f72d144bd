package org.hubchargeback.hubapi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.hubchargeback.OneHub;
import org.hubchargeback.Workspace;
import org.hubchargeback.Workspace.Result;
import org.hubchargeback.registration.FakeResourceManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hubchargeback.OneHub.BASE_VM;
import static org.hubchargeback.OneHub.LOCAL;
import static org.hubchargeback.OneHub.TENANT;

/**
 * Usage fetched from a hub's usage API ({@code usage-source: api}) against {@link FakeHubAdmin} on loopback: paging,
 * throttling, an expired token, empty and late windows, the checkpoint, and nights of runs that charge what the same
 * records given as exports charge.
 */
class HubApiTests {

	static final LocalDate NOV16 = LocalDate.parse("2026-11-16");

	// a local subscription of a tenant that is not registered: charged to the default subscription
	static final String OTHER_LOCAL = "5e000000-0000-4000-8000-000000000009";

	static final String OTHER_TENANT = "aaaaaaaa-0000-4000-8000-000000000009";

	@TempDir
	Path dir;

	FakeHubAdmin hub;

	@BeforeEach
	void hub() {
		this.hub = new FakeHubAdmin().userSubscription(LOCAL, TENANT).userSubscription(OTHER_LOCAL, OTHER_TENANT);
	}

	@AfterEach
	void stop() {
		this.hub.close();
	}

	Workspace apiWorkspace(Path root) {
		return apiWorkspace(root, "daily", NOV16);
	}

	Workspace apiWorkspace(Path root, String granularity, LocalDate firstReportedDay) {
		return OneHub.workspace(root).hubSetting("usage-source: api").settings("""
				  usage-api:
				    retry-delay: PT0.05S
				    max-retry-delay: PT2S
				    hubs:
				      east:
				        admin-endpoint: %s
				        provider-subscription-id: %s
				        granularity: %s
				        first-reported-day: %s
				        trust-store: %s
				        trust-store-password: %s
				        credential:
				          type: access-token
				          access-token: %s
				          audience: https://adminmanagement.local.azurestack.external/4de154de
				""".formatted(this.hub.endpoint(), FakeHubAdmin.PROVIDER_SUBSCRIPTION, granularity, firstReportedDay,
				this.hub.trustStore(), FakeResourceManager.STORE_PASSWORD, FakeResourceManager.TOKEN));
	}

	@Test
	void fetchFollowsEveryPageThroughThrottlingAndKeepsTheWindowAsACanonicalExport() throws IOException {
		// given five daily records reported on the 16th (two hours of each VM): three pages of two, the first
		// answered 429 once
		Workspace workspace = apiWorkspace(this.dir);
		for (int vm = 1; vm <= 5; vm++) {
			this.hub.report(NOV16, LOCAL, BASE_VM, NOV16, vm, "1.2000000000", "vm" + vm);
			this.hub.report(NOV16, LOCAL, BASE_VM, NOV16, vm + 10, "1.2000000000", "vm" + vm);
		}
		this.hub.fail("subscriberUsageAggregates", 429, Map.of("Retry-After", "1"), 1);

		// when
		Result result = workspace.run("--fetch-usage", "--hub-chargeback.clock=2026-11-17T07:00:00Z");

		// then
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		Path file = this.dir.resolve("east/usage/usage-api_east_reported_2026-11-16.csv");
		assertThat(result.stdout()).contains("east: reported 2026-11-16: 5 records in " + file);
		List<String> lines = Files.readAllLines(file);
		assertThat(lines).hasSize(6);
		assertThat(lines.get(0)).isEqualTo("UsageStartTime,UsageEndTime,SubscriptionId,MeterId,Quantity,InstanceData");
		assertThat(lines.get(1)).startsWith("2026-11-16T00:00:00+00:00,2026-11-17T00:00:00+00:00," + LOCAL + ","
				+ BASE_VM + ",2.4000000000,\"{\"\"Microsoft.Resources\"\":{\"\"resourceUri\"\":");
		assertThat(this.hub.usageRequests()).hasSize(4)
			.allMatch((r) -> r.contains("reportedStartTime=2026-11-16T00%3A00%3A00Z")
					&& r.contains("reportedEndTime=2026-11-17T00%3A00%3A00Z")
					&& r.contains("aggregationGranularity=Daily") && r.contains("api-version=2015-06-01-preview"));
		assertThat(this.hub.usageRequests().get(3)).contains("continuationToken=4");
		assertThat(Files.readString(this.dir.resolve("east/user-subscriptions.json"))).contains(OTHER_LOCAL);

		// and a second fetch the same night starts where the first ended: nothing is asked again
		Result again = workspace.run("--fetch-usage", "--hub-chargeback.clock=2026-11-17T09:00:00Z");
		assertThat(again.exitCode()).isZero();
		assertThat(again.stdout()).contains("every reported day before today is fetched already");
		assertThat(this.hub.usageRequests()).hasSize(4);
	}

	@Test
	void anExpiredTokenIsFetchedAgainOnceAndATokenRefusedTwiceKeepsNothing() {
		// given the first usage request answered as ARM answers an expired token
		Workspace workspace = apiWorkspace(this.dir);
		this.hub.report(NOV16, LOCAL, BASE_VM, NOV16, 1, "1", "vm1");
		this.hub.expireToken(1);

		// when
		Result result = workspace.run("--fetch-usage", "--hub=east", "--hub-chargeback.clock=2026-11-17T07:00:00Z");

		// then the request was sent again with a token fetched again
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		assertThat(this.hub.usageRequests()).hasSize(2);

		// given a token the hub refuses every time
		this.hub.expireToken(10);

		// when the next day is fetched
		Result refused = workspace.run("--fetch-usage", "--hub-chargeback.clock=2026-11-18T07:00:00Z");

		// then the run fails, nothing of the 17th is kept, and the next fetch asks for it again
		assertThat(refused.exitCode()).isEqualTo(1);
		assertThat(refused.stderr()).contains("HTTP 401", "the token was refused twice", "run the same command again");
		assertThat(this.dir.resolve("east/usage/usage-api_east_reported_2026-11-17.csv")).doesNotExist();
		assertThat(this.dir.resolve("east/usage/usage-api_east_reported_2026-11-16.csv")).exists();

		// and once the hub takes the token again, the next fetch asks for the 17th whole, and only for it
		this.hub.report(NOV16.plusDays(1), LOCAL, BASE_VM, NOV16.plusDays(1), 3, "4", "vm1");
		this.hub.clearFailures();
		Result again = workspace.run("--fetch-usage", "--hub-chargeback.clock=2026-11-18T07:00:00Z");
		assertThat(again.exitCode()).as(again.stderr()).isZero();
		assertThat(again.stdout()).contains("east: reported 2026-11-17: 1 records in").doesNotContain("2026-11-16:");
		assertThat(this.dir.resolve("east/usage/usage-api_east_reported_2026-11-17.csv")).exists();
	}

	/**
	 * Twelve nights rather than a month's thirty: every night after the first few is the same two runs with two new
	 * records and maybe a late hour, so more nights add time, not cases. Twelve still hold everything a month does:
	 * the first night, a late hour, the empty day refused and its catch-up warned, the turn of a month (October 31st
	 * to November 1st), four late hours charged on later nights, and a folder of exports of many nights beside each
	 * night's own.
	 */
	@Test
	void nightsAcrossTheTurnOfAMonthFetchedHourlyFromTheHubPublishTheSameChargebacksAsTheSameRecordsGivenAsExports()
			throws IOException {
		// given nights from the 24th of October to the 5th of November: the 25th's last hour reported late (on the
		// 26th), nothing reported on the 27th, then two records a day, and every even day's last hour reported late
		// (the day after)
		LocalDate first = LocalDate.parse("2026-10-24");
		LocalDate second = first.plusDays(1);
		LocalDate third = first.plusDays(2);
		LocalDate empty = first.plusDays(3);
		List<LocalDate> nights = Stream.iterate(second, (night) -> night.plusDays(1)).limit(12).toList();
		LocalDate lastReported = nights.get(nights.size() - 1).minusDays(1);
		assertThat(lastReported.getMonth()).isNotEqualTo(first.getMonth());
		List<Usage> usage = new ArrayList<>(List.of(new Usage(first, LOCAL, first, 1, "2.5", "vm1"),
				new Usage(first, OTHER_LOCAL, first, 2, "1", "vm9"), new Usage(first, LOCAL, first, 3, "0.25", "vm2"),
				new Usage(first, LOCAL, first, 4, "1", "vm2"), new Usage(second, LOCAL, second, 1, "3", "vm1"),
				new Usage(second, OTHER_LOCAL, second, 5, "1.5", "vm9"), new Usage(third, LOCAL, second, 23, "7", "vm1"),
				new Usage(third, LOCAL, third, 2, "1", "vm1")));
		List<Usage> late = new ArrayList<>(List.of(usage.get(6)));
		for (LocalDate day = empty.plusDays(1); !day.isAfter(lastReported); day = day.plusDays(1)) {
			usage.add(new Usage(day, LOCAL, day, day.getDayOfMonth() % 23, "1.5", "vm1"));
			usage.add(new Usage(day, OTHER_LOCAL, day, 7, "2", "vm9"));
			if (day.getDayOfMonth() % 2 == 0 && day.isBefore(lastReported)) {
				late.add(new Usage(day.plusDays(1), LOCAL, day, 23, "0.75", "vm2"));
			}
		}
		usage.addAll(late.subList(1, late.size()));
		this.hub.pageSize(3);
		usage.forEach((u) -> this.hub.report(u.reported(), u.subscription(), BASE_VM, u.day(), u.hour(), u.quantity(),
				u.resource()));
		Workspace api = apiWorkspace(this.dir.resolve("api"), "hourly", first);
		Workspace files = OneHub.workspace(this.dir.resolve("files"));
		// the hub's list as the fake serves it: names and owners go into the chargeback files
		String named = ",\"displayName\":\"s\",\"owner\":\"owner@contoso.com\"}";
		files.write("east/user-subscriptions.json", "{\"value\":[{\"subscriptionId\":\"" + LOCAL + "\",\"tenantId\":\""
				+ TENANT + "\"" + named + ",{\"subscriptionId\":\"" + OTHER_LOCAL + "\",\"tenantId\":\"" + OTHER_TENANT
				+ "\"" + named + "]}");

		// when each night runs on both installations: the API one fetches, the other is given the same records
		for (LocalDate night : nights) {
			String clock = "--hub-chargeback.clock=" + night + "T07:00:00Z";
			Result fetched = api.run("--nightly", clock);
			LocalDate reported = night.minusDays(1);
			files.write("east/usage/export-" + reported + ".csv", export(usage, reported));
			Result given = files.run("--nightly", clock);
			// the night of the empty 27th is refused alike on both (no input records at all: exit 1), and the next
			// night's catch-up of the 27th warns alike (exit 3); every other night completes
			assertThat(fetched.exitCode()).as(night + ": " + fetched.stderr()).isEqualTo(given.exitCode());
			if (reported.isBefore(empty) || reported.isAfter(empty.plusDays(2))) {
				assertThat(fetched.exitCode()).as(night + ": " + fetched.stderr()).isZero();
			}
		}

		// then every published chargeback file is the same, and every late hour is charged on a later night
		Map<String, String> fromApi = chargebacks(api.out());
		assertThat(fromApi).isEqualTo(chargebacks(files.out())).hasSizeGreaterThanOrEqualTo(nights.size());
		assertThat(late).hasSizeGreaterThanOrEqualTo(4);
		for (Usage hour : late) {
			assertThat(fromApi.entrySet()).as("late %s", hour).anySatisfy((file) -> {
				assertThat(file.getKey()).contains("_" + hour.reported() + "/");
				assertThat(file.getValue()).contains(hour.day() + ",east," + TENANT).contains("," + hour.quantity() + ",");
			});
		}
		// and the fetched files are hourly buckets, asked as such
		assertThat(Files.readAllLines(api.root().resolve("east/usage/usage-api_east_reported_2026-10-26.csv")))
			.anyMatch((line) -> line.startsWith("2026-10-25T23:00:00+00:00,2026-10-26T00:00:00+00:00,"));
		assertThat(this.hub.usageRequests()).allMatch((r) -> r.contains("aggregationGranularity=Hourly"));
		assertThat(Files.readAllLines(api.root().resolve("east/usage/usage-api_east_reported_2026-10-27.csv")))
			.containsExactly("UsageStartTime,UsageEndTime,SubscriptionId,MeterId,Quantity,InstanceData");

		// and a rerun of a past range reads the kept files without calling the hub
		int asked = this.hub.requests().size();
		Result rerun = api.run("--from=2026-10-24", "--to=2026-10-24", "--force",
				"--hub-chargeback.clock=2026-11-17T07:00:00Z");
		assertThat(rerun.exitCode()).as(rerun.stderr()).isIn(0, 3);
		assertThat(this.hub.requests()).hasSize(asked);
	}

	@Test
	void aHubWithUsageSourceApiButNoEndpointDoesNotStart() {
		// given
		Workspace workspace = OneHub.workspace(this.dir).hubSetting("usage-source: api");

		// when
		Result result = workspace.run("--fetch-usage");

		// then
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.stderr()).contains("has usage-source: api, but hub-chargeback.usage-api.hubs.east");
	}

	/**
	 * An aggregate as the hub reports it.
	 */
	record Usage(LocalDate reported, String subscription, LocalDate day, int hour, String quantity, String resource) {
	}

	/**
	 * The records reported on a day as a hand-made canonical export, written independently of the fetched files.
	 */
	private static String export(List<Usage> usage, LocalDate reported) {
		StringBuilder csv = new StringBuilder(
				"UsageStartTime,UsageEndTime,SubscriptionId,MeterId,Quantity,ResourceUri\n");
		usage.stream().filter((u) -> u.reported().equals(reported)).forEach((u) -> {
			String start = u.day().atStartOfDay().plusHours(u.hour()) + ":00Z";
			String end = u.day().atStartOfDay().plusHours(u.hour() + 1) + ":00Z";
			String resource = "/subscriptions/" + u.subscription()
					+ "/resourceGroups/rg1/providers/Microsoft.Compute/virtualMachines/" + u.resource();
			csv.append(String.join(",", start, end, u.subscription(), BASE_VM, u.quantity(), resource)).append('\n');
		});
		return csv.toString();
	}

	private static Map<String, String> chargebacks(Path out) throws IOException {
		Map<String, String> files = new TreeMap<>();
		List<Path> paths = new ArrayList<>();
		try (Stream<Path> walk = Files.walk(out)) {
			walk.filter((p) -> p.getParent().getFileName().toString().equals("chargeback"))
				.filter((p) -> !out.relativize(p).toString().startsWith("history"))
				.forEach(paths::add);
		}
		for (Path path : paths) {
			files.put(out.relativize(path.getParent().getParent()) + "/" + path.getFileName(), Files.readString(path));
		}
		return files;
	}

}

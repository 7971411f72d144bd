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
		return OneHub.workspace(root).hubSetting("usage-source: api").settings("""
				  usage-api:
				    retry-delay: PT0.05S
				    max-retry-delay: PT2S
				    hubs:
				      east:
				        admin-endpoint: %s
				        provider-subscription-id: %s
				        first-reported-day: 2026-11-16
				        trust-store: %s
				        trust-store-password: %s
				        credential:
				          type: access-token
				          access-token: %s
				          audience: https://adminmanagement.local.azurestack.external/4de154de
				""".formatted(this.hub.endpoint(), FakeHubAdmin.PROVIDER_SUBSCRIPTION, this.hub.trustStore(),
				FakeResourceManager.STORE_PASSWORD, FakeResourceManager.TOKEN));
	}

	@Test
	void fetchFollowsEveryPageThroughThrottlingAndKeepsTheWindowAsACanonicalExport() throws IOException {
		// given five records reported on the 16th: three pages of two, the first answered 429 once
		Workspace workspace = apiWorkspace(this.dir);
		for (int hour = 0; hour < 5; hour++) {
			this.hub.report(NOV16, LOCAL, BASE_VM, NOV16, hour, "2.4000000000", "vm1");
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
		assertThat(lines.get(1)).startsWith("2026-11-16T00:00:00+00:00,2026-11-16T01:00:00+00:00," + LOCAL + ","
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

	@Test
	void nightsFetchedFromTheHubPublishTheSameChargebacksAsTheSameRecordsGivenAsExports() throws IOException {
		// given four nights of usage: the 17th's last hour reported late (on the 18th), nothing reported on the 19th
		LocalDate nov17 = NOV16.plusDays(1);
		LocalDate nov18 = NOV16.plusDays(2);
		LocalDate nov19 = NOV16.plusDays(3);
		List<Usage> usage = List.of(new Usage(NOV16, LOCAL, NOV16, 1, "2.5", "vm1"),
				new Usage(NOV16, OTHER_LOCAL, NOV16, 2, "1", "vm9"), new Usage(NOV16, LOCAL, NOV16, 3, "0.25", "vm2"),
				new Usage(NOV16, LOCAL, NOV16, 4, "1", "vm2"), new Usage(nov17, LOCAL, nov17, 1, "3", "vm1"),
				new Usage(nov17, OTHER_LOCAL, nov17, 5, "1.5", "vm9"), new Usage(nov18, LOCAL, nov17, 23, "7", "vm1"),
				new Usage(nov18, LOCAL, nov18, 2, "1", "vm1"));
		this.hub.pageSize(3);
		usage.forEach((u) -> this.hub.report(u.reported(), u.subscription(), BASE_VM, u.day(), u.hour(), u.quantity(),
				u.resource()));
		Workspace api = apiWorkspace(this.dir.resolve("api"));
		Workspace files = OneHub.workspace(this.dir.resolve("files"));
		files.write("east/user-subscriptions.json", "{\"value\":[{\"subscriptionId\":\"" + LOCAL + "\",\"tenantId\":\""
				+ TENANT + "\"},{\"subscriptionId\":\"" + OTHER_LOCAL + "\",\"tenantId\":\"" + OTHER_TENANT + "\"}]}");

		// when each night runs on both installations: the API one fetches, the other is given the same records
		for (LocalDate night : List.of(nov17, nov18, nov19, nov19.plusDays(1))) {
			String clock = "--hub-chargeback.clock=" + night + "T07:00:00Z";
			Result fetched = api.run("--nightly", clock);
			LocalDate reported = night.minusDays(1);
			files.write("east/usage/export-" + reported + ".csv", export(usage, reported));
			Result given = files.run("--nightly", clock);
			// the night of the empty 19th warns on both (nothing of the hub charged), the others complete
			assertThat(fetched.exitCode()).as(fetched.stderr()).isEqualTo(given.exitCode())
				.isEqualTo(reported.equals(nov19) ? 3 : 0);
		}

		// then every published chargeback file is the same, and the late hour is charged
		Map<String, String> fromApi = chargebacks(api.out());
		assertThat(fromApi).isEqualTo(chargebacks(files.out())).hasSizeGreaterThanOrEqualTo(4);
		assertThat(fromApi.entrySet()).anySatisfy((file) -> {
			assertThat(file.getKey()).startsWith("2026-11-18_2026-11-18/");
			assertThat(file.getValue()).contains("2026-11-17,east," + TENANT).contains(",7,");
		});
		assertThat(Files.readAllLines(api.root().resolve("east/usage/usage-api_east_reported_2026-11-19.csv")))
			.containsExactly("UsageStartTime,UsageEndTime,SubscriptionId,MeterId,Quantity,InstanceData");

		// and a rerun of a past range reads the kept files without calling the hub
		int asked = this.hub.requests().size();
		Result rerun = api.run("--from=2026-11-16", "--to=2026-11-16", "--force",
				"--hub-chargeback.clock=2026-11-21T07:00:00Z");
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

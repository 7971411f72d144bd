package org.hubchargeback.metrics;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

import org.hubchargeback.OneHub;
import org.hubchargeback.Workspace;
import org.hubchargeback.Workspace.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hubchargeback.OneHub.BASE_VM;
import static org.hubchargeback.OneHub.LOCAL;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The metrics as a real Pushgateway (Debian's {@code prometheus-pushgateway}, started here on a free loopback port)
 * serves them to Prometheus after a good night, a failed night and a run with a warning. Skipped without the
 * gateway, unless {@code CI=true}: then it fails ({@code .ci/run} installs it).
 */
class PushgatewayTests {

	static final Path GATEWAY = Path.of("/usr/bin/prometheus-pushgateway");

	static Process gateway;

	static String url;

	@TempDir
	Path dir;

	@BeforeAll
	static void startThePushgateway() throws Exception {
		assumeTrue(Files.isExecutable(GATEWAY) || "true".equals(System.getenv("CI")),
				"no " + GATEWAY + " (apt-get install prometheus-pushgateway)");
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		url = "http://127.0.0.1:" + port;
		gateway = new ProcessBuilder(GATEWAY.toString(), "--web.listen-address=127.0.0.1:" + port)
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		for (int i = 0; i < 100 && !ready(); i++) {
			Thread.sleep(100);
		}
		assertThat(ready()).as("the Pushgateway answers on " + url).isTrue();
	}

	@AfterAll
	static void stopThePushgateway() {
		if (gateway != null) {
			gateway.destroy();
		}
	}

	@Test
	void aGoodNightAFailedNightAndAWarningAsTheGatewayServesThem() throws Exception {
		// given usage on three days, a gateway and an instance name
		Workspace workspace = OneHub.workspace(this.dir);
		StringBuilder rows = new StringBuilder(
				"UsageStartTime,UsageEndTime,SubscriptionId,MeterId,Quantity,ResourceUri\n");
		for (int day = 16; day <= 18; day++) {
			rows.append(String.format("2026-11-%02dT10:00:00Z,2026-11-%02dT11:00:00Z,%s,%s,2.5,/subscriptions/%s/r%n",
					day, day, LOCAL, BASE_VM, LOCAL));
		}
		workspace.write("east/usage/a.csv", rows.toString());
		String[] push = { "--hub-chargeback.metrics.pushgateway=" + url, "--hub-chargeback.metrics.instance=test" };
		long before = System.currentTimeMillis() / 1000;

		// when a good night
		Result good = workspace.run(args(push, "--nightly", "--as-of=2026-11-17T07:00:00Z"));
		String afterGood = scrape();

		// then
		assertThat(good.exitCode()).isZero();
		// the gateway orders labels by name
		String nightly = "instance=\"test\",job=\"hub_chargeback\",trigger=\"nightly\"";
		assertThat(afterGood)
			.contains("hub_chargeback_records_total{hub=\"east\",instance=\"test\",job=\"hub_chargeback\","
					+ "outcome=\"registered\",trigger=\"nightly\"} 1")
			.contains("hub_chargeback_last_exit_code{" + nightly + "} 0")
			.contains("hub_chargeback_warnings{" + nightly + "} 0")
			.contains("hub_chargeback_quantity{hub=\"east\",instance=\"test\",job=\"hub_chargeback\",meter_id=\""
					+ BASE_VM + "\",outcome=\"registered\",trigger=\"nightly\"} 2.5")
			.containsPattern("hub_chargeback_step_duration_seconds\\{instance=\"test\",job=\"hub_chargeback\","
					+ "step=\"loadUsage\",trigger=\"nightly\"} [0-9.e+-]+\n");
		assertThat(value(afterGood, "hub_chargeback_last_nightly_day_timestamp_seconds{" + nightly + "}"))
			.contains((double) LocalDate.parse("2026-11-16").atStartOfDay(ZoneOffset.UTC).toEpochSecond());
		double success = value(afterGood, "hub_chargeback_last_success_timestamp_seconds{" + nightly + "}")
			.orElseThrow();
		assertThat(success).isBetween((double) before, System.currentTimeMillis() / 1000.0 + 1);

		// when the next night fails (a file that is no usage export)
		workspace.write("east/usage/b.csv", "this|is|not|an|export\n1|2|3|4|5\n");
		Result failed = workspace.run(args(push, "--nightly", "--as-of=2026-11-18T07:00:00Z"));
		String afterFailure = scrape();

		// then the exit code says so, and the last success, its counts and its night stay as they were
		assertThat(failed.exitCode()).isEqualTo(1);
		assertThat(afterFailure).contains("hub_chargeback_last_exit_code{" + nightly + "} 1")
			.contains("hub_chargeback_records_total{hub=\"east\",instance=\"test\",job=\"hub_chargeback\","
					+ "outcome=\"registered\",trigger=\"nightly\"} 1");
		assertThat(value(afterFailure, "hub_chargeback_last_success_timestamp_seconds{" + nightly + "}"))
			.contains(success);
		assertThat(value(afterFailure, "hub_chargeback_last_nightly_day_timestamp_seconds{" + nightly + "}"))
			.contains((double) LocalDate.parse("2026-11-16").atStartOfDay(ZoneOffset.UTC).toEpochSecond());
		assertThat(value(afterFailure, "hub_chargeback_last_failure_timestamp_seconds{" + nightly + "}")).isPresent();

		// when a run by hand publishes with a warning (a rate card without a price for the day)
		Files.delete(workspace.root().resolve("east/usage/b.csv"));
		Path card = workspace.write("rate-card.csv", "MeterId,Unit,UnitPrice,Currency,ValidFrom,ValidTo,"
				+ "CustomerSubscriptionId,MarkupPercent,Description\n" + BASE_VM + ",Virtual core hours,0.02,USD,"
				+ "2027-01-01,,,,\n");
		Result warning = workspace.run(args(push, "--from=2026-11-18", "--hub-chargeback.pricing.rate-card=" + card));
		String afterWarning = scrape();

		// then it is in a group of its own: the nightly group is untouched
		assertThat(warning.exitCode()).isEqualTo(3);
		String manual = "instance=\"test\",job=\"hub_chargeback\",trigger=\"manual\"";
		assertThat(afterWarning).contains("hub_chargeback_last_exit_code{" + manual + "} 3")
			.contains("hub_chargeback_warnings{" + manual + "} 1")
			.contains("hub_chargeback_last_exit_code{" + nightly + "} 1")
			.doesNotContain("hub_chargeback_last_nightly_day_timestamp_seconds{" + manual);
	}

	static String[] args(String[] push, String... more) {
		String[] all = new String[push.length + more.length];
		System.arraycopy(push, 0, all, 0, push.length);
		System.arraycopy(more, 0, all, push.length, more.length);
		return all;
	}

	/**
	 * The value of one series as Prometheus scrapes it from the gateway, its labels as the gateway orders them.
	 */
	static Optional<Double> value(String scraped, String series) {
		return scraped.lines()
			.filter((line) -> line.startsWith(series + " "))
			.findFirst()
			.map((line) -> Double.parseDouble(line.substring(series.length() + 1).strip()));
	}

	static String scrape() throws IOException, InterruptedException {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	static boolean ready() {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/-/ready")).build();
			return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}

package org.hubchargeback.launch;

import java.nio.file.Path;
import java.util.List;

import org.hubchargeback.OneHub;
import org.hubchargeback.Workspace;
import org.hubchargeback.Workspace.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --logging.structured.format.console=ecs}: every log line is one Elastic Common Schema JSON object for a log
 * shipper; the closing {@code hub-chargeback:} lines stay as they are, for people and scripts.
 */
class StructuredLogsTests {

	@TempDir
	Path dir;

	@Test
	void eachLogLineIsAnEcsJsonObject() {
		// given
		Workspace workspace = OneHub.workspace(this.dir);
		workspace.write("east/usage/a.csv", "UsageStartTime,UsageEndTime,SubscriptionId,MeterId,Quantity,ResourceUri\n"
				+ "2026-11-16T10:00:00Z,2026-11-16T11:00:00Z," + OneHub.LOCAL + ","
				+ OneHub.BASE_VM + ",1,/subscriptions/" + OneHub.LOCAL + "/r\n");

		// when
		Result result = workspace.run("--from=2026-11-16", "--logging.structured.format.console=ecs");

		// then
		assertThat(result.exitCode()).isZero();
		List<String> logLines = result.stdout().lines().filter((line) -> !line.startsWith("hub-chargeback: ")).toList();
		assertThat(logLines).isNotEmpty();
		JsonMapper json = JsonMapper.builder().build();
		for (String line : logLines) {
			JsonNode entry = json.readTree(line);
			assertThat(entry.path("@timestamp").isString()).as(line).isTrue();
			assertThat(entry.path("log").path("level").asString()).as(line).isNotEmpty();
			assertThat(entry.path("message").isString()).as(line).isTrue();
			assertThat(entry.path("service").path("name").asString()).isEqualTo("hub-chargeback");
			assertThat(Version.line()).endsWith(" " + entry.path("service").path("version").asString());
		}
		assertThat(logLines).anySatisfy((line) -> assertThat(line).contains("Step loadUsage COMPLETED"));
		assertThat(result.stdout()).contains("hub-chargeback: files in ");
	}

}

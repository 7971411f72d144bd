package org.hubchargeback.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.hubchargeback.Workspace;
import org.hubchargeback.Workspace.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15: a mistake in the configuration stops the application before it reads or writes anything, with one plain
 * line naming the setting (exit 2), instead of charging without the setting or failing with a stack trace.
 */
class StrictConfigurationTests {

	private static final String DEFAULT_SUBSCRIPTION = "11111111-1111-4111-8111-111111111111";

	@TempDir
	Path dir;

	@Test
	void aMisspeltHubSettingIsNamedWithTheSettingItWasMeantToBe() throws IOException {
		// given user-subscriptions-file spelt without its s: the hub's tenants would all go to the default subscription
		Workspace workspace = new Workspace(this.dir);
		Path config = workspace.write("hub-chargeback.yml", """
				hub-chargeback:
				  hubs:
				    - name: east
				      default-subscription-id: %s
				      registration-file: %s
				      user-subscription-file: %s
				      input-dirs: [%s]
				""".formatted(DEFAULT_SUBSCRIPTION, this.dir.resolve("registration.json"),
				this.dir.resolve("user-subscriptions.json"), Files.createDirectories(this.dir.resolve("usage"))));

		// when
		Result result = workspace.config(config).run("--from=2026-11-16");

		// then
		assertOneLine(workspace, result, "hub-chargeback: cannot start: hub-chargeback.hubs[0].user-subscription-file is"
				+ " not a setting (" + config + " line 6); did you mean hub-chargeback.hubs[0].user-subscriptions-file?"
				+ " (a setting Spring does not know would be ignored, and the run would go on without it)");
	}

	@Test
	void aMisspeltTopLevelSettingIsNamedWithTheNearestOne() {
		// given
		Workspace workspace = eastHub().settings("  outptu-dir: " + this.dir.resolve("elsewhere") + "\n");

		// when
		Result result = workspace.run("--from=2026-11-16");

		// then
		assertOneLine(workspace, result, "hub-chargeback: cannot start: hub-chargeback.outptu-dir is not a setting ("
				+ this.dir.resolve("hub-chargeback.yml") + " line 2); did you mean hub-chargeback.output-dir?");
	}

	@Test
	void aMisspeltSettingOnTheCommandLineIsRefusedToo() {
		// given
		Workspace workspace = eastHub();

		// when
		Result result = workspace.run("--from=2026-11-16", "--hub-chargeback.rerun-guard.max-shrinks=0.2");

		// then
		assertOneLine(workspace, result, "hub-chargeback: cannot start: hub-chargeback.rerun-guard.max-shrinks is not"
				+ " a setting (on the command line); did you mean hub-chargeback.rerun-guard.max-shrink?");
	}

	@Test
	void everySpellingSpringBindsIsASetting() {
		// given camel case and snake case, and the scale-out and data-dir settings bound outside the properties record
		Workspace workspace = eastHub();

		// when
		Result result = workspace.run("--list-snapshots", "--hub-chargeback.rerunGuard.max_shrink=0.2",
				"--hub-chargeback.remote.rabbitmq.virtual-host=/", "--hub-chargeback.azure.maxRetries=2");

		// then
		assertThat(result.exitCode()).isZero();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			input-dirs: []                     | hub-chargeback.hubs[0].input-dirs: hub east has no input folder
			culture: en_US                     | hub-chargeback.hubs[0].culture: Unknown culture 'en_US'
			input-dirs: [FILE]                 | hub-chargeback.hubs[0].input-dirs: FILE is a file; name the folder
			""")
	void aHubThatCannotBeChargedAsConfiguredStopsTheApplication(String setting, String message) throws IOException {
		// given
		Path file = Files.writeString(this.dir.resolve("export.csv"), "UsageStartTime\n");
		Workspace workspace = new Workspace(this.dir);
		Path config = workspace.write("hub-chargeback.yml", """
				hub-chargeback:
				  hubs:
				    - name: east
				      input-dirs: [%s]
				      %s
				""".formatted(Files.createDirectories(this.dir.resolve("usage")), setting.replace("FILE", file.toString()))
			.replace("input-dirs: [" + this.dir.resolve("usage") + "]\n      input-dirs", "input-dirs"));

		// when
		Result result = workspace.config(config).run("--from=2026-11-16");

		// then
		assertOneLine(workspace, result, "hub-chargeback: cannot start: " + message.replace("FILE", file.toString()));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			--hub-chargeback.threads=-1                      | hub-chargeback.threads: -1 is negative
			--hub-chargeback.rejected-limit.share=-0.5       | hub-chargeback.rejected-limit.share: -0.5 is not a share
			--hub-chargeback.chunk-size=0                    | hub-chargeback.chunk-size: 0 is not a number of records
			--hub-chargeback.nightly.max-catch-up-days=0     | hub-chargeback.nightly.max-catch-up-days: 0 is not a
			--hub-chargeback.hubs[1].name=east               | hub-chargeback.hubs[1]: hub east is configured twice
			--hub-chargeback.hubs[0].culture=de-DE           | hub-chargeback.hubs[0].name is not set (a hub overridden
			""")
	void aSettingOutOfItsRangeStopsTheApplication(String argument, String message) {
		// given
		Workspace workspace = eastHub();
		String[] arguments = argument.startsWith("--hub-chargeback.hubs[1]")
				? new String[] { "--hub-chargeback.hubs[0].name=east", "--hub-chargeback.hubs[0].input-dirs=" + this.dir,
						argument, "--hub-chargeback.hubs[1].input-dirs=" + this.dir.resolve("east") }
				: new String[] { argument };

		// when
		Result result = workspace.run(arguments);

		// then
		assertOneLine(workspace, result, "hub-chargeback: cannot start: " + message);
	}

	@Test
	void aRelativeDataDirResolvesAgainstTheWorkingDirectory() {
		// given a relative path (H2 alone refuses one "implicitly relative" to the working directory)
		String relative = Path.of("").toAbsolutePath().relativize(this.dir.resolve("mydata")).toString();
		Workspace workspace = eastHub().dataDir(relative);

		// when
		Result result = workspace.run("--list-snapshots");

		// then
		assertThat(result.exitCode()).isZero();
		assertThat(this.dir.resolve("mydata/hub-chargeback.mv.db")).exists();
	}

	private Workspace eastHub() {
		return new Workspace(this.dir).hub("east", DEFAULT_SUBSCRIPTION, "en-US", Map.of(), Map.of());
	}

	private static void assertOneLine(Workspace workspace, Result result, String line) {
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.stderr().strip()).startsWith(line).doesNotContain("\n");
		assertThat(result.stdout()).doesNotContain("\tat ").doesNotContain("Exception");
		assertThat(workspace.out()).doesNotExist();
	}

}

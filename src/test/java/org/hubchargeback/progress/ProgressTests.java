package org.hubchargeback.progress;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.hubchargeback.HubChargebackApplication;
import org.hubchargeback.OneHub;
import org.hubchargeback.Workspace;
import org.hubchargeback.Workspace.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hubchargeback.OneHub.BASE_VM;
import static org.hubchargeback.OneHub.LOCAL;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What a run shows while it runs: on a pseudo-terminal ({@code script} from util-linux), a loading line redrawn in
 * place and a line per step; in a log, progress lines every interval and the step lines; with {@code --quiet},
 * neither; in the published files, never.
 */
class ProgressTests {

	@TempDir
	Path dir;

	Workspace workspace;

	@BeforeEach
	void twoFilesOfTwentyRecords() {
		this.workspace = workspace(this.dir.resolve("shown"));
	}

	static Workspace workspace(Path root) {
		Workspace workspace = OneHub.workspace(root);
		for (String file : List.of("a", "b")) {
			StringBuilder rows = new StringBuilder(
					"UsageStartTime,UsageEndTime,SubscriptionId,MeterId,Quantity,ResourceUri\n");
			for (int hour = 0; hour < 20; hour++) {
				rows.append(String.format("2026-11-16T%02d:00:00Z,2026-11-16T%02d:59:00Z,", hour, hour))
					.append(String.format("%s,%s,1,/subscriptions/%s/%s%n", LOCAL, BASE_VM, LOCAL, file));
			}
			workspace.write("east/usage/" + file + ".csv", rows.toString());
		}
		return workspace;
	}

	@Test
	void inALogProgressIsALineEveryIntervalAndALinePerStep() {
		// when
		Result result = this.workspace.run("--from=2026-11-16", "--hub-chargeback.chunk-size=5",
				"--hub-chargeback.progress.interval=PT0S");

		// then
		assertThat(result.exitCode()).isZero();
		assertThat(result.stdout()).containsPattern("INFO  loading: \\d+ records, 0\\.0 of 0\\.0 MB \\(\\d+%\\)")
			.contains("INFO  loading: 40 records, 0.0 of 0.0 MB (100%)")
			.containsPattern("INFO  Step prepareRun COMPLETED in \\d+\\.\\d s\n")
			.containsPattern("INFO  Step loadUsage COMPLETED in \\d+\\.\\d s \\(40 records read\\)\n")
			.containsPattern("INFO  Step publishOutputs COMPLETED in \\d+\\.\\d s\n")
			.doesNotContain("\u001b[");
		assertThat(result.stdout().lines().filter((line) -> line.contains("INFO  loading: ")).count())
			.isGreaterThan(2);
	}

	@Test
	void quietShowsNoProgressAndTheFilesAreTheSameWithOrWithout() {
		// given
		Workspace quiet = workspace(this.dir.resolve("quiet"));

		// when
		Result shown = this.workspace.run("--from=2026-11-16", "--hub-chargeback.progress.interval=PT0S");
		Result silent = quiet.run("--from=2026-11-16", "--quiet", "--hub-chargeback.progress.interval=PT0S");

		// then
		assertThat(silent.exitCode()).isZero();
		assertThat(silent.stdout()).doesNotContain("loading:").doesNotContain("Step ");
		assertThat(shown.stdout()).contains("loading:");
		assertThat(published(quiet)).isEqualTo(published(this.workspace));
	}

	@Test
	void onATerminalTheLoadingLineIsRedrawnInPlaceAndEachStepGetsALine() throws Exception {
		// given a pseudo-terminal: util-linux's script runs the application with one
		boolean script = Files.isExecutable(Path.of("/usr/bin/script"));
		assumeTrue(script || "true".equals(System.getenv("CI")), "no /usr/bin/script (util-linux)");
		Path configFile = this.workspace.write("hub-chargeback.yml", Files.readString(configOf(this.workspace)));

		// when
		String output = onPseudoTerminal(this.workspace.root(),
				"--spring.config.additional-location=file:" + configFile, "--output-dir=" + this.workspace.out(),
				"--data-dir=" + this.workspace.root().resolve("data"), "--from=2026-11-16",
				"--hub-chargeback.chunk-size=5");

		// then
		assertThat(output).contains("\r\u001b[Khub-chargeback: loading: ")
			.contains("\r\u001b[Khub-chargeback: loading: 40 records, 0.0 of 0.0 MB (100%)")
			.containsPattern("\r\u001b\\[Khub-chargeback: loadUsage COMPLETED in \\d+\\.\\d s \\(40 records read\\)")
			.containsPattern("\r\u001b\\[Khub-chargeback: publishOutputs COMPLETED in \\d+\\.\\d s")
			.contains("hub-chargeback: 2026-11-16 run 1 COMPLETED")
			.doesNotContain("INFO  loading:");
		assertThat(String.join("", Workspace.publishedFiles(this.workspace.range("2026-11-16", "2026-11-16")).values()))
			.doesNotContain("loading").doesNotContain("records/s").doesNotContain("\u001b");
	}

	/**
	 * The published files, with the workspace's folder (in the manifest's paths) left out.
	 */
	private static Map<String, String> published(Workspace workspace) {
		Map<String, String> files = new TreeMap<>();
		Workspace.publishedFiles(workspace.range("2026-11-16", "2026-11-16"))
			.forEach((name, text) -> files.put(name, text.replace(workspace.root().toString(), "<root>")));
		return files;
	}

	/**
	 * The configuration {@link Workspace#run} writes, written by a run that only asks for the version.
	 */
	private static Path configOf(Workspace workspace) {
		workspace.run("--version");
		return workspace.root().resolve("hub-chargeback.yml");
	}

	private static String onPseudoTerminal(Path workingDirectory, String... args)
			throws IOException, InterruptedException {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(
				List.of(java, "-Xmx256m", "-cp", classPath, HubChargebackApplication.class.getName()));
		command.addAll(List.of(args));
		StringBuilder shell = new StringBuilder();
		for (String word : command) {
			shell.append(shell.isEmpty() ? "" : " ").append('\'').append(word.replace("'", "'\\''")).append('\'');
		}
		Process process = new ProcessBuilder("script", "-q", "-e", "-c", shell.toString(), "/dev/null")
			.directory(workingDirectory.toFile())
			.redirectErrorStream(true)
			.redirectInput(ProcessBuilder.Redirect.PIPE)
			.start();
		process.getOutputStream().close();
		byte[] output = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		String text = new String(output, StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as(text).isZero();
		return text;
	}

}

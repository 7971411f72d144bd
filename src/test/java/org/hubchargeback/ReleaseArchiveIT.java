package org.hubchargeback;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.hubchargeback.launch.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The release archive as an operator gets it: {@code mvn verify} builds {@code target/hub-chargeback-<version>.tar.gz}
 * in the package phase, and this test (failsafe, after it) unpacks it into a temporary folder and charges the sample
 * data it carries with the launcher it carries, from a working directory of its own, no checkout in sight. Run by
 * {@code .ci/run}; {@code mvn test} stops before the archive exists.
 */
class ReleaseArchiveIT {

	@TempDir
	Path dir;

	@Test
	void theUnpackedArchiveChargesTheSampleDataWithItsOwnLauncher() throws Exception {
		// given
		String version = Version.line().substring("hub-chargeback ".length());
		Path archive = Path.of(System.getProperty("basedir", "."), "target", "hub-chargeback-" + version + ".tar.gz");
		assertThat(archive).isRegularFile();
		Path opt = Files.createDirectories(this.dir.resolve("opt"));
		assertThat(run(opt, "tar", "-xzf", archive.toAbsolutePath().toString()).exit()).isZero();
		Path installed = opt.resolve("hub-chargeback-" + version);
		Path work = Files.createDirectories(this.dir.resolve("var-lib"));
		assertThat(run(work, "cp", "-r", installed.resolve("sample-data").toString(), ".").exit()).isZero();
		String launcher = installed.resolve("bin/hub-chargeback").toString();

		// when
		Output versionLine = run(work, launcher, "--version");
		Output night = run(work, launcher, "--config", "sample-data/hub-chargeback.yml", "--from", "2026-11-16",
				"--to", "2026-11-18", "--quiet");
		// a cache folder that cannot be made: the jar runs as it is
		Output unwritableCache = run(work, Map.of("HUB_CHARGEBACK_CACHE", "/dev/null/cache"), launcher, "--version");

		// then
		assertThat(installed.resolve("bin/hub-chargeback")).isExecutable();
		assertThat(installed).isDirectoryContaining("glob:**/lib").isDirectoryContaining("glob:**/systemd");
		assertThat(installed.resolve("lib/hub-chargeback.jar")).isRegularFile();
		// the README sends finance and operators to the guides: they must be where its links point
		assertThat(installed.resolve("README.md")).content().contains("(docs/finance-guide.md)", "(docs/operations.md)");
		assertThat(installed.resolve("docs")).isDirectoryContaining("glob:**/finance-guide.md")
			.isDirectoryContaining("glob:**/operations.md")
			.isDirectoryContaining("glob:**/architecture.md")
			.isDirectoryContaining("glob:**/summary-html.png");
		assertThat(installed.resolve("systemd")).isDirectoryContaining("glob:**/hub-chargeback.service")
			.isDirectoryContaining("glob:**/hub-chargeback.timer");
		assertThat(installed.resolve("examples")).isDirectoryContaining("glob:**/hub-chargeback.yml")
			.isDirectoryContaining("glob:**/cron.example")
			.isDirectoryContaining("glob:**/logrotate.example");
		assertThat(versionLine.text()).isEqualTo(Version.line() + "\n");
		assertThat(unwritableCache.text()).isEqualTo(Version.line() + "\n");
		// the launcher ran the jar unpacked beside it, once for both runs, with the class data sharing archive its
		// first start made (silently: the version line above is all the first start printed)
		try (Stream<Path> unpacked = Files.list(installed.resolve("lib/.extracted"))) {
			assertThat(unpacked).singleElement()
				.satisfies((form) -> assertThat(form.resolve("hub-chargeback.jar")).isRegularFile())
				.satisfies((form) -> assertThat(form.resolve("lib")).isDirectory())
				.satisfies((form) -> assertThat(form).isDirectoryContaining("glob:**/cds-*.jsa")
					.isDirectoryNotContaining("glob:**/*.failed"));
		}
		assertThat(night.exit()).as(night.text()).isZero();
		assertThat(night.text()).contains("hub-chargeback: 2026-11-16..2026-11-18 run 1 COMPLETED: 1037 input records:"
				+ " 857 charged to customer subscriptions, 167 to default subscriptions, 5 rejected, 1 duplicate,"
				+ " 7 out of range\n")
			.contains("hub-chargeback: files in " + work.toRealPath().resolve("out/2026-11-16_2026-11-18"))
			.doesNotContain("\u001b[");
		assertThat(work.resolve("out/2026-11-16_2026-11-18/manifest.json")).isRegularFile();
	}

	record Output(int exit, String text) {
	}

	private static Output run(Path workingDirectory, String... command) throws IOException, InterruptedException {
		return run(workingDirectory, Map.of(), command);
	}

	private static Output run(Path workingDirectory, Map<String, String> environment, String... command)
			throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(workingDirectory.toFile())
			.redirectErrorStream(true);
		// the launcher must find its own jar, not one a developer's shell points at
		builder.environment().remove("HUB_CHARGEBACK_JAR");
		builder.environment().remove("HUB_CHARGEBACK_CACHE");
		builder.environment().putAll(environment);
		Process process = builder.start();
		byte[] output = process.getInputStream().readAllBytes();
		if (!process.waitFor(180, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException(String.join(" ", command) + " did not end in 180 s");
		}
		return new Output(process.exitValue(), new String(output, StandardCharsets.UTF_8));
	}

}

package org.hubchargeback.run;

import java.nio.file.Path;
import java.util.stream.Stream;

import org.hubchargeback.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two processes with job databases of their own ({@code --data-dir}) never run into the same output folder at once.
 */
class OutputLockTests {

	@TempDir
	Path dir;

	@Test
	void aSecondProcessWithAnotherDataDirIsRefusedTheOutputFolderAndTheFirstRunsOn() throws Exception {
		// given a run of data dir "first" halted while loading into the shared output folder
		FileSystemUtils.copyRecursively(Path.of("sample-data"), this.dir.resolve("sample-data"));
		ChildProcess first = ChildProcess.start(this.dir,
				args("./first", "--hub-chargeback.debug.halt-at=" + HaltPoints.LOADING));
		try {
			first.awaitFile(this.dir.resolve("halt-marker"));

			// when a second process with its own job database runs into the same output folder
			ChildProcess second = ChildProcess.start(this.dir, args("./second"));
			int exit = second.waitFor();

			// then it is refused, naming the first one's data dir, before its run starts
			assertThat(exit).as(second.output()).isEqualTo(2);
			assertThat(second.output()).contains("hub-chargeback: another hub-chargeback process is using the output"
					+ " folder " + this.dir.resolve("out").toRealPath() + " (data dir "
					+ this.dir.resolve("first").toRealPath());
			assertThat(second.output()).doesNotContain("Step prepareRun");
		}
		finally {
			first.kill();
		}

		// then once the first is gone, the second runs
		ChildProcess again = ChildProcess.start(this.dir, args("./second"));
		assertThat(again.waitFor()).as(again.output()).isZero();
	}

	private static String[] args(String dataDir, String... more) {
		return Stream.concat(Stream.of("--spring.config.additional-location=file:sample-data/hub-chargeback.yml",
				"--output-dir=out", "--data-dir=" + dataDir, "--from=2026-11-16", "--to=2026-11-16",
				"--hub-chargeback.chunk-size=10"), Stream.of(more))
			.toArray(String[]::new);
	}

}

package org.hubchargeback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The application in a JVM of its own, started in a working directory, so a test can kill it for real
 * ({@code kill -9}: {@link Process#destroyForcibly()}) at a chosen point of a run.
 */
public final class ChildProcess {

	/**
	 * Test-only options for the child JVM (the launcher, jobs/hub-chargeback, has none of them): a child runs a few
	 * seconds on tiny fixtures, so the C2 compiler's work never pays off, and on 2 cores it takes CPU from the run
	 * itself. A run of the sample data takes 4.5 s instead of 6.4 on an idle machine, 6 s instead of 10 to 12 on a
	 * busy one, with half the CPU time; the serial collector made no difference, and a CDS archive of the
	 * application's classes cannot be made on Java 17 from a class path with the target/classes folders on it. (The
	 * surefire JVM itself keeps C2: it runs for minutes, and with C1 only, whole-job test classes took 13 percent longer
	 * on an idle machine.)
	 */
	static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1");

	private final Process process;

	private final Path log;

	private ChildProcess(Process process, Path log) {
		this.process = process;
		this.log = log;
	}

	/**
	 * Starts {@code HubChargebackApplication} with the test class path in {@code workingDirectory}.
	 */
	public static ChildProcess start(Path workingDirectory, String... args) {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx256m"));
		command.addAll(JVM_OPTIONS);
		command.addAll(List.of("-cp", classPath, HubChargebackApplication.class.getName()));
		command.addAll(List.of(args));
		try {
			Path log = Files.createTempFile(workingDirectory, "child-", ".log");
			Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			return new ChildProcess(process, log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Runs to the end and returns the exit code.
	 */
	public int waitFor() {
		try {
			if (!this.process.waitFor(120, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
				throw new IllegalStateException("child did not finish in 120 s:\n" + output());
			}
			return this.process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Waits until the child writes {@code marker}, then kills it with SIGKILL.
	 */
	public void killWhen(Path marker) {
		awaitFile(marker);
		this.process.destroyForcibly();
		try {
			this.process.waitFor(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Waits until the child writes {@code marker}.
	 */
	public void awaitFile(Path marker) {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
		while (!Files.exists(marker)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("child ended before " + marker + ":\n" + output());
			}
			if (Instant.now().isAfter(deadline)) {
				this.process.destroyForcibly();
				throw new IllegalStateException("child never reached " + marker + ":\n" + output());
			}
			sleep(50);
		}
	}

	/**
	 * Waits until the child has printed {@code text}.
	 */
	public void awaitOutput(String text) {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
		while (!output().contains(text)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("child ended before printing '" + text + "':\n" + output());
			}
			if (Instant.now().isAfter(deadline)) {
				this.process.destroyForcibly();
				throw new IllegalStateException("child never printed '" + text + "':\n" + output());
			}
			sleep(50);
		}
	}

	/**
	 * Stops the child as systemd does (SIGTERM) and returns its exit code.
	 */
	public int stop() {
		this.process.destroy();
		return waitFor();
	}

	/**
	 * Kills the child with SIGKILL, now.
	 */
	public void kill() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	public String output() {
		try {
			return Files.readString(this.log, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "(no output: " + ex.getMessage() + ")";
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

package org.hubchargeback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import org.springframework.util.FileSystemUtils;

/**
 * Debian's chromium, headless, to see an HTML output as a browser renders it. Each call starts a fresh browser with
 * a throw-away profile, no background networking and no host name resolution, opens the file and quits.
 */
public final class HeadlessChromium {

	public static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

	private static final long TIMEOUT_SECONDS = 60;

	// what chromium logs for each console message, e.g. a load the page's Content-Security-Policy blocked
	private static final Pattern CONSOLE = Pattern.compile("^\\[[^\\]]*:CONSOLE[^\\]]*\\] (.*)$", Pattern.MULTILINE);

	private HeadlessChromium() {
	}

	public static boolean isInstalled() {
		return Files.isExecutable(EXECUTABLE);
	}

	/**
	 * Skips the calling test when chromium is not installed, except on CI ({@code CI=true}), where it fails it:
	 * {@code .ci/run} installs chromium, so a missing browser there is a broken build, not a reason to skip.
	 */
	public static void assumeInstalled() {
		if (isInstalled()) {
			return;
		}
		String message = EXECUTABLE + " is not installed; install it with: apt-get install -y chromium";
		if ("true".equals(System.getenv("CI"))) {
			Assertions.fail(message);
		}
		Assumptions.abort(message);
	}

	/**
	 * The DOM after the page loaded, serialized as HTML ({@code --dump-dom}).
	 *
	 * @throws IllegalStateException if chromium fails, times out, or the page logs to the console (a script error, or
	 * a load that was blocked: our pages have no script and load nothing)
	 */
	public static String dumpDom(Path html) {
		return dumpDom(html, List.of());
	}

	/**
	 * The DOM after the page loaded in a window of this size: what a script measuring the layout wrote into it.
	 */
	public static String dumpDom(Path html, int width, int height) {
		return dumpDom(html, List.of("--window-size=" + width + "," + height));
	}

	private static String dumpDom(Path html, List<String> options) {
		List<String> arguments = new ArrayList<>(options);
		arguments.addAll(List.of("--dump-dom", uri(html)));
		Run run = run(arguments);
		List<String> console = new ArrayList<>();
		Matcher matcher = CONSOLE.matcher(run.log());
		while (matcher.find()) {
			console.add(matcher.group(1));
		}
		if (!console.isEmpty()) {
			throw new IllegalStateException(html + " logged to the console:\n" + String.join("\n", console));
		}
		return run.output();
	}

	/**
	 * Takes a screenshot 1280 pixels wide and 2400 high (what does not fit is cut off).
	 */
	public static void screenshot(Path html, Path png) {
		screenshot(html, png, 1280, 2400);
	}

	public static void screenshot(Path html, Path png, int width, int height) {
		try {
			Files.createDirectories(png.toAbsolutePath().getParent());
			Files.deleteIfExists(png);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Run run = run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
				"--hide-scrollbars", uri(html)));
		if (!Files.isRegularFile(png)) {
			throw new IllegalStateException("chromium wrote no screenshot " + png + ":\n" + run.log());
		}
	}

	private static String uri(Path html) {
		return html.toAbsolutePath().toUri().toString();
	}

	private static Run run(List<String> arguments) {
		Path home = null;
		try {
			home = Files.createTempDirectory("chromium-");
			List<String> command = new ArrayList<>(List.of(EXECUTABLE.toString(), "--headless", "--no-sandbox",
					"--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
					"--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND",
					"--enable-logging=stderr", "--user-data-dir=" + home.resolve("profile")));
			command.addAll(arguments);
			Path output = home.resolve("stdout");
			Path log = home.resolve("stderr");
			ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(output.toFile())
				.redirectError(log.toFile());
			// caches and settings go to the throw-away directory too, not to the user's home
			builder.environment().put("HOME", home.toString());
			builder.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
			builder.environment().put("XDG_CACHE_HOME", home.resolve("cache").toString());
			Process process = builder.start();
			if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				// the renderer and GPU processes first: they are no longer descendants once the browser is gone
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly();
				throw new IllegalStateException("chromium did not finish in " + TIMEOUT_SECONDS + " s: " + command
						+ "\n" + read(log));
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException("chromium exited with " + process.exitValue() + ": " + command + "\n"
						+ read(log));
			}
			return new Run(read(output), read(log));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		finally {
			if (home != null) {
				try {
					FileSystemUtils.deleteRecursively(home);
				}
				catch (IOException ex) {
					// a helper process may still be writing to its profile: it is only a temporary directory
				}
			}
		}
	}

	private static String read(Path file) throws IOException {
		return Files.readString(file, StandardCharsets.UTF_8);
	}

	private record Run(String output, String log) {
	}

}

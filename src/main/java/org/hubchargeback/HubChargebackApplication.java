package org.hubchargeback;

import java.util.Arrays;

import org.hubchargeback.launch.Version;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class HubChargebackApplication {

	public static void main(String[] args) {
		System.exit(run(args));
	}

	/**
	 * Runs the command line and returns the exit code that drives cron and systemd: 0 completed, 1 a run failed, 2
	 * bad command or configuration, 3 completed with warnings.
	 */
	public static int run(String... args) {
		if (Arrays.asList(args).contains("--version")) {
			System.out.println(Version.line());
			return 0;
		}
		try {
			return SpringApplication.exit(SpringApplication.run(HubChargebackApplication.class, args));
		}
		catch (RuntimeException ex) {
			// the application could not start: a configuration error is told in this one line only (see
			// ConfigurationErrorReporter); anything else (a locked job repository) Spring has logged with its stack
			String reason = rootMessage(ex);
			System.err.println("hub-chargeback: cannot start: " + (reason.contains("file is locked")
					? "another hub-chargeback process is using the job database (" + reason + "); wait for it to end"
					: reason));
			return 2;
		}
	}

	static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		return message.lines().findFirst().orElse(message);
	}

}

package org.hubchargeback;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class HubChargebackApplication {

	public static void main(String[] args) {
		// the exit code drives cron and systemd: 0 completed, 1 a run failed, 2 bad command or configuration
		int exitCode;
		try {
			exitCode = SpringApplication.exit(SpringApplication.run(HubChargebackApplication.class, args));
		}
		catch (RuntimeException ex) {
			// the application could not start (configuration, a locked job repository): Spring has logged why
			System.err.println("hub-chargeback: cannot start: " + rootMessage(ex));
			exitCode = 2;
		}
		System.exit(exitCode);
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

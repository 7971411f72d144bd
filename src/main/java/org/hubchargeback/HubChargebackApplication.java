package org.hubchargeback;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class HubChargebackApplication {

	public static void main(String[] args) {
		// the exit code drives cron and systemd: 0 completed, 1 a run failed, 2 bad command or configuration
		System.exit(SpringApplication.exit(SpringApplication.run(HubChargebackApplication.class, args)));
	}

}

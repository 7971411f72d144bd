package org.hubchargeback.config;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * "Now" for the nightly schedule and snapshot dates. {@code hub-chargeback.clock=2026-11-17T07:00:00Z} fixes it:
 * tests use that, and so can an operator replaying a past night.
 */
@Configuration(proxyBeanMethods = false)
public class ClockConfiguration {

	@Bean
	Clock clock(HubChargebackProperties properties) {
		Instant fixed = properties.fixedNow();
		return (fixed != null) ? Clock.fixed(fixed, ZoneOffset.UTC) : Clock.systemUTC();
	}

}

package org.hubchargeback.metrics;

import java.net.URI;
import java.net.URISyntaxException;

import org.hubchargeback.config.InvalidConfigurationException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hub-chargeback.metrics.*}.
 *
 * @param pushgateway the Pushgateway's base URL ({@code http://monitoring:9091}); metrics are off when empty
 * @param instance the {@code instance} label of every pushed series: this installation; the host name when empty
 */
@ConfigurationProperties("hub-chargeback.metrics")
public record MetricsSettings(@DefaultValue("") String pushgateway, @DefaultValue("") String instance) {

	public MetricsSettings {
		if (!pushgateway.isBlank()) {
			try {
				URI uri = new URI(pushgateway.strip());
				if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
					throw new URISyntaxException(pushgateway, "not an http(s) URL with a host");
				}
			}
			catch (URISyntaxException ex) {
				throw new InvalidConfigurationException("hub-chargeback.metrics.pushgateway: '" + pushgateway
						+ "' is not an http(s) URL such as http://monitoring:9091");
			}
		}
	}

	public boolean enabled() {
		return !this.pushgateway.isBlank();
	}

}

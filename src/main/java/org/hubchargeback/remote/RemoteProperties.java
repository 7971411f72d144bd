package org.hubchargeback.remote;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Scale-out settings, under {@code hub-chargeback.remote.*}.
 *
 * @param enabled this run is a manager: its loading and summing partitions go to workers ({@code --worker}
 * processes) instead of running here
 * @param queue the RabbitMQ queue the manager sends partitions to and the workers take them from; one per
 * installation
 * @param pollInterval how often the manager looks in the job repository for finished partitions and for partitions
 * whose worker died
 * @param timeout how long the manager waits for one step's partitions, all of them, before it fails the run (a
 * partition nobody takes because no worker runs is only noticed then)
 * @param rabbitmq the broker
 */
@ConfigurationProperties("hub-chargeback.remote")
public record RemoteProperties(@DefaultValue("false") boolean enabled,
		@DefaultValue("hub-chargeback.partitions") String queue, @DefaultValue("PT1S") Duration pollInterval,
		@DefaultValue("PT12H") Duration timeout, @DefaultValue Rabbitmq rabbitmq) {

	/**
	 * @param host the broker's host
	 * @param port its AMQP port
	 * @param username the user
	 * @param password its password
	 * @param virtualHost the virtual host
	 */
	public record Rabbitmq(@DefaultValue("127.0.0.1") String host, @DefaultValue("5672") int port,
			@DefaultValue("guest") String username, @DefaultValue("guest") String password,
			@DefaultValue("/") String virtualHost) {
	}

}

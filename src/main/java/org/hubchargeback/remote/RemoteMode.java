package org.hubchargeback.remote;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * When the process talks to RabbitMQ: a manager ({@code hub-chargeback.remote.enabled=true}) or a worker
 * ({@code --worker}). Otherwise no AMQP bean exists and a run never connects to a broker.
 */
final class RemoteMode extends SpringBootCondition {

	static final String ENABLED = "hub-chargeback.remote.enabled";

	/**
	 * The command-line option that starts a worker; {@code --worker} is also a property, with an empty value.
	 */
	static final String WORKER = "worker";

	static boolean manager(Environment environment) {
		return environment.getProperty(ENABLED, Boolean.class, false);
	}

	static boolean worker(Environment environment) {
		return environment.containsProperty(WORKER);
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Environment environment = context.getEnvironment();
		return new ConditionOutcome(manager(environment) || worker(environment), "remote manager or worker");
	}

	/**
	 * The process runs partitions for a manager.
	 */
	static final class Worker extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return new ConditionOutcome(worker(context.getEnvironment()), "--worker");
		}

	}

}

package org.hubchargeback.remote;

import java.util.Map;

import javax.sql.DataSource;

import org.hubchargeback.config.HubChargebackProperties;
import org.hubchargeback.run.StepNames;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.support.converter.SimpleMessageConverter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * RabbitMQ and Spring Integration for a manager or a worker, and nothing at all otherwise (see {@link RemoteMode}):
 * the embedded-H2 default never loads an AMQP bean. {@code @EnableIntegration} rather than Spring Batch's
 * {@code @EnableBatchIntegration}: the builder factories that one adds are not needed, the manager step is built with
 * {@code RemotePartitioningManagerStepBuilder} directly.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(RemoteMode.class)
@EnableIntegration
public class RemotePartitioningConfiguration {

	@Bean
	PartitionLiveness partitionLiveness(DataSource dataSource) {
		return new PartitionLiveness(dataSource);
	}

	@Bean
	CachingConnectionFactory partitionConnectionFactory(RemoteProperties properties) {
		RemoteProperties.Rabbitmq rabbit = properties.rabbitmq();
		CachingConnectionFactory factory = new CachingConnectionFactory(rabbit.host(), rabbit.port());
		factory.setUsername(rabbit.username());
		factory.setPassword(rabbit.password());
		factory.setVirtualHost(rabbit.virtualHost());
		return factory;
	}

	/**
	 * Declares the queue when the process first connects; manager and workers alike, whichever starts first.
	 */
	@Bean
	RabbitAdmin partitionAdmin(CachingConnectionFactory partitionConnectionFactory) {
		return new RabbitAdmin(partitionConnectionFactory);
	}

	@Bean
	Queue partitionQueue(RemoteProperties properties) {
		return new Queue(properties.queue(), true);
	}

	/**
	 * Requests travel Java-serialized; only the request class may be read back.
	 */
	@Bean
	SimpleMessageConverter partitionMessageConverter() {
		SimpleMessageConverter converter = new SimpleMessageConverter();
		converter.setAllowedListPatterns(java.util.List.of(StepExecutionRequest.class.getName(), "java.lang.*"));
		return converter;
	}

	/**
	 * The manager: partition requests go from a channel to the queue.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(RemoteMode.ENABLED)
	static class Manager {

		@Bean
		DirectChannel partitionRequests() {
			return new DirectChannel();
		}

		@Bean
		IntegrationFlow partitionRequestsToRabbit(DirectChannel partitionRequests,
				CachingConnectionFactory partitionConnectionFactory, SimpleMessageConverter partitionMessageConverter,
				RemoteProperties properties) {
			RabbitTemplate template = new RabbitTemplate(partitionConnectionFactory);
			template.setMessageConverter(partitionMessageConverter);
			return IntegrationFlow.from(partitionRequests)
				.handle(Amqp.outboundAdapter(template).routingKey(properties.queue()))
				.get();
		}

		@Bean
		RemotePartitioning remotePartitioning(DirectChannel partitionRequests, RemoteProperties properties,
				PartitionLiveness partitionLiveness, JdbcTemplate jdbcTemplate) {
			return new RemotePartitioning(partitionRequests, properties, partitionLiveness, jdbcTemplate);
		}

	}

	/**
	 * A worker: {@code threads} consumers take one request each at a time, and acknowledge it when the partition has
	 * ended. A request whose worker dies goes back to the queue, and the next worker drops it (see
	 * {@link PartitionWorker}).
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(RemoteMode.Worker.class)
	static class Worker {

		/**
		 * How long a stopping worker waits for its partitions to end their current chunk.
		 */
		private static final long SHUTDOWN_TIMEOUT_MILLIS = 60_000;

		@Bean
		PartitionWorker partitionWorker(JobRepository jobRepository,
				@Qualifier(StepNames.LOAD_FILE) Step loadFile,
				@Qualifier(StepNames.SUM_DAY) Step sumDay, PartitionLiveness partitionLiveness,
				HubChargebackProperties properties) {
			return new PartitionWorker(jobRepository,
					Map.of(StepNames.LOAD_FILE, loadFile, StepNames.SUM_DAY, sumDay),
					partitionLiveness, properties.outputDir());
		}

		@Bean
		SimpleMessageListenerContainer partitionListenerContainer(CachingConnectionFactory partitionConnectionFactory,
				RemoteProperties remote, HubChargebackProperties properties) {
			SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(partitionConnectionFactory);
			container.setQueueNames(remote.queue());
			container.setConcurrentConsumers(properties.parallelism());
			// one request at a time per consumer: the others stay in the queue for whichever worker is free first
			container.setPrefetchCount(1);
			container.setAcknowledgeMode(AcknowledgeMode.AUTO);
			// a request whose partition failed is not retried: the failure is recorded, a restart makes a new one
			container.setDefaultRequeueRejected(false);
			container.setShutdownTimeout(SHUTDOWN_TIMEOUT_MILLIS);
			return container;
		}

		@Bean
		IntegrationFlow partitionRequestsFromRabbit(SimpleMessageListenerContainer partitionListenerContainer,
				SimpleMessageConverter partitionMessageConverter, PartitionWorker partitionWorker) {
			return IntegrationFlow
				.from(Amqp.inboundAdapter(partitionListenerContainer).messageConverter(partitionMessageConverter))
				.handle(StepExecutionRequest.class, (request, headers) -> {
					partitionWorker.handle(request);
					return null;
				})
				.get();
		}

	}

}

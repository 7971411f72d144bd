package org.hubchargeback.benchmark;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The least any job on this stack costs: a Spring Boot application with the job's class path and auto-configuration,
 * its H2 file database migrated by Flyway from the job's own migrations, and Spring Batch running a job of one step
 * that does nothing. None of the job's beans, settings or work. {@code jobs/benchmark start} times it as a process,
 * as the job is timed, to show which targets a whole run can meet at all on this machine.
 *
 * <p>Argument: the directory for its database (created fresh by the caller).
 */
@EnableAutoConfiguration // not a @Configuration: the job's own tests scan this package for configurations
public class StackFloor {

	@Bean
	Job nothing(JobRepository jobRepository, PlatformTransactionManager transactionManager) {
		return new JobBuilder("nothing", jobRepository)
			.start(new StepBuilder("nothing", jobRepository)
				.tasklet((contribution, chunk) -> RepeatStatus.FINISHED, transactionManager)
				.build())
			.build();
	}

	public static void main(String[] args) {
		String dir = (args.length > 0) ? args[0] : "target/stack-floor";
		// the job's own application.yml (if on the class path) is not read: only what is set here
		System.exit(SpringApplication.exit(new SpringApplicationBuilder(StackFloor.class)
			.properties("spring.config.name=stack-floor", "spring.main.banner-mode=off",
					"logging.level.root=WARN",
					"spring.datasource.url=jdbc:h2:file:" + dir + "/floor;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
					"spring.datasource.username=sa", "spring.datasource.password=",
					"spring.flyway.locations=classpath:db/migration/{vendor}",
					"spring.batch.jdbc.initialize-schema=always", "spring.batch.job.enabled=true")
			.run()));
	}

}

package org.hubchargeback.job;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import org.hubchargeback.chargeback.ChargebackCsv;
import org.hubchargeback.chargeback.ChargebackLine;
import org.hubchargeback.chargeback.SubscriptionPartitioner;
import org.hubchargeback.config.HubChargebackProperties;
import org.hubchargeback.report.CsvDialect;
import org.hubchargeback.registration.RegistrationSnapshot;
import org.hubchargeback.registration.RegistrationSnapshots;
import org.hubchargeback.report.RejectedRecordsCsv;
import org.hubchargeback.usage.Meter;
import org.hubchargeback.usage.MeterCatalog;
import org.hubchargeback.usage.UsageFilesItemReader;
import org.hubchargeback.usage.UsageRow;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.batch.infrastructure.item.file.FlatFileHeaderCallback;
import org.springframework.batch.infrastructure.item.file.FlatFileItemWriter;
import org.springframework.batch.infrastructure.item.file.builder.FlatFileItemWriterBuilder;
import org.springframework.batch.infrastructure.item.file.transform.LineAggregator;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.FileSystemResource;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;

/**
 * The chargeback job: prepare the run, load and resolve every usage record into staging tables, mark duplicates,
 * write one chargeback file per charged subscription, the rejected records and the reports, then verify and publish.
 * Loading commits every {@code chunk-size} records with the reader's position, so a restart resumes where the
 * failed execution stopped; every other step is a re-runnable unit.
 */
@Configuration(proxyBeanMethods = false)
public class ChargebackJobConfiguration {

	public static final String JOB = "chargebackJob";

	public static final String PREPARE_RUN = "prepareRun";

	public static final String LOAD_USAGE = "loadUsage";

	public static final String MARK_DUPLICATES = "markDuplicates";

	public static final String CHECK_REJECTIONS = "checkRejections";

	public static final String WRITE_CHARGEBACKS = "writeChargebacks";

	public static final String WRITE_CHARGEBACK_FILE = "writeChargebackFile";

	public static final String WRITE_REJECTED = "writeRejected";

	public static final String WRITE_REPORTS = "writeReports";

	public static final String PUBLISH_OUTPUTS = "publishOutputs";

	public static final String REJECTED_RECORDS = "rejected-records.csv";

	private final HubChargebackProperties properties;

	private final RunStore store;

	private final HaltPoints haltPoints;

	public ChargebackJobConfiguration(HubChargebackProperties properties, RunStore store, HaltPoints haltPoints) {
		this.properties = properties;
		this.store = store;
		this.haltPoints = haltPoints;
	}

	// job configuration

	@Bean
	Job chargebackJob(JobRepository jobRepository, Step prepareRun, Step loadUsage, Step markDuplicates,
			Step checkRejections, Step writeChargebacks, Step writeRejected, Step writeReports, Step publishOutputs) {
		return new JobBuilder(JOB, jobRepository).validator(new ChargebackJobParametersValidator())
			.start(prepareRun)
			.next(loadUsage)
			.next(markDuplicates)
			.next(checkRejections)
			.next(writeChargebacks)
			.next(writeRejected)
			.next(writeReports)
			.next(publishOutputs)
			.build();
	}

	// step 1: prepare

	@Bean
	Step prepareRun(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			PrepareRunTasklet prepareRunTasklet) {
		return taskletStep(PREPARE_RUN, prepareRunTasklet, jobRepository, transactionManager);
	}

	@Bean
	@StepScope
	PrepareRunTasklet prepareRunTasklet(@Value("#{stepExecution}") StepExecution stepExecution, RunInputs inputs,
			RegistrationSnapshots snapshots, JobRepository jobRepository) {
		Map<String, Long> pinned = new HashMap<>();
		for (long id : ChargebackJobParameters.of(stepExecution.getJobParameters()).options().pinnedSnapshots()) {
			RegistrationSnapshot snapshot = snapshots.find(id)
				.orElseThrow(() -> new InvalidConfigurationException("no registration snapshot " + id));
			if (pinned.put(snapshot.hub(), id) != null) {
				throw new InvalidConfigurationException("two snapshots pinned for hub " + snapshot.hub());
			}
		}
		return new PrepareRunTasklet(inputs, this.store, paths(stepExecution), pinned, jobRepository);
	}

	// step 2: load and resolve

	@Bean
	Step loadUsage(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			UsageFilesItemReader usageReader, ResolveUsageProcessor resolveUsageProcessor,
			StagedUsageWriter stagedUsageWriter) {
		return new StepBuilder(LOAD_USAGE, jobRepository).<UsageRow, StagedUsage>chunk(this.properties.chunkSize())
			.transactionManager(transactionManager)
			.reader(usageReader)
			.processor(resolveUsageProcessor)
			.writer(stagedUsageWriter)
			.listener(this.haltPoints.afterChunk(HaltPoints.LOADING, 1, 2))
			.build();
	}

	@Bean
	@StepScope
	UsageFilesItemReader usageReader(@Value("#{stepExecution}") StepExecution stepExecution) {
		return new UsageFilesItemReader(this.store.inputFiles(runId(stepExecution)));
	}

	@Bean
	@StepScope
	ResolveUsageProcessor resolveUsageProcessor(@Value("#{stepExecution}") StepExecution stepExecution,
			RunInputs inputs, JobRepository jobRepository) {
		ChargebackJobParameters parameters = ChargebackJobParameters.of(stepExecution.getJobParameters());
		// "the future" is measured from when the run first started, so a restart judges every row alike
		LocalDateTime started = jobRepository.getJobExecutions(stepExecution.getJobExecution().getJobInstance())
			.stream()
			.map(JobExecution::getCreateTime)
			.min(LocalDateTime::compareTo)
			.orElse(stepExecution.getJobExecution().getCreateTime());
		return new ResolveUsageProcessor(inputs.hubsOfRun(runId(stepExecution), this.store), parameters.from(),
				parameters.to(), started.atZone(ZoneId.systemDefault()).toInstant().plus(Duration.ofDays(1)));
	}

	@Bean
	@StepScope
	StagedUsageWriter stagedUsageWriter(@Value("#{stepExecution}") StepExecution stepExecution) {
		return new StagedUsageWriter(this.store, runId(stepExecution));
	}

	// step 3: duplicates

	@Bean
	Step markDuplicates(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			MarkDuplicatesTasklet markDuplicatesTasklet) {
		return taskletStep(MARK_DUPLICATES, markDuplicatesTasklet, jobRepository, transactionManager);
	}

	@Bean
	@StepScope
	MarkDuplicatesTasklet markDuplicatesTasklet(@Value("#{stepExecution}") StepExecution stepExecution) {
		return new MarkDuplicatesTasklet(this.store, runId(stepExecution));
	}

	// step 4: too many rejections

	@Bean
	Step checkRejections(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			CheckRejectionsTasklet checkRejectionsTasklet) {
		return taskletStep(CHECK_REJECTIONS, checkRejectionsTasklet, jobRepository, transactionManager);
	}

	@Bean
	@StepScope
	CheckRejectionsTasklet checkRejectionsTasklet(@Value("#{stepExecution}") StepExecution stepExecution) {
		return new CheckRejectionsTasklet(this.store, runId(stepExecution), this.properties.rejectedLimit());
	}

	// step 5: one chargeback file per charged subscription

	@Bean
	Step writeChargebacks(JobRepository jobRepository, SubscriptionPartitioner subscriptionPartitioner,
			Step writeChargebackFile) {
		return new StepBuilder(WRITE_CHARGEBACKS, jobRepository)
			.partitioner(WRITE_CHARGEBACK_FILE, subscriptionPartitioner)
			.step(writeChargebackFile)
			.build();
	}

	@Bean
	@StepScope
	SubscriptionPartitioner subscriptionPartitioner(@Value("#{stepExecution}") StepExecution stepExecution) {
		long runId = runId(stepExecution);
		return new SubscriptionPartitioner(() -> this.store.chargedSubscriptions(runId),
				paths(stepExecution).chargebackDir());
	}

	@Bean
	Step writeChargebackFile(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			JdbcCursorItemReader<ChargebackLine> chargebackReader, FlatFileItemWriter<ChargebackLine> chargebackWriter) {
		return new StepBuilder(WRITE_CHARGEBACK_FILE, jobRepository)
			.<ChargebackLine, ChargebackLine>chunk(this.properties.chunkSize())
			.transactionManager(transactionManager)
			.reader(chargebackReader)
			.writer(chargebackWriter)
			.listener(this.haltPoints.afterChunk(HaltPoints.WRITING_CHARGEBACKS, 2, 1))
			.build();
	}

	@Bean
	@StepScope
	JdbcCursorItemReader<ChargebackLine> chargebackReader(@Value("#{stepExecution}") StepExecution stepExecution,
			@Value("#{stepExecutionContext['" + SubscriptionPartitioner.SUBSCRIPTION_ID + "']}") String subscription,
			DataSource dataSource, MeterCatalog meters) {
		long runId = runId(stepExecution);
		Map<String, String> snapshots = new HashMap<>();
		this.store.runHubs(runId)
			.forEach((hub) -> snapshots.put((String) hub.get("HUB"),
					((String) hub.get("REGISTRATION_SHA256")).substring(0, 12)));
		return new JdbcCursorItemReaderBuilder<ChargebackLine>().name("chargebackReader")
			.dataSource(dataSource)
			.sql(RunStore.CHARGEBACK_SQL)
			.queryArguments(runId, subscription)
			.rowMapper((rs, i) -> {
				String hub = rs.getString(2);
				@Nullable Meter meter = meters.find(rs.getString(6)).orElse(null);
				return new ChargebackLine(rs.getObject(1, LocalDate.class), hub, rs.getString(3), rs.getString(4),
						rs.getString(5), rs.getString(6), (meter != null) ? meter.name() : "",
						(meter != null) ? meter.unit() : "", rs.getBigDecimal(9), rs.getString(7), rs.getString(8),
						subscription, rs.getLong(10), rs.getObject(11, LocalDateTime.class).toInstant(ZoneOffset.UTC),
						rs.getObject(12, LocalDateTime.class).toInstant(ZoneOffset.UTC), snapshots.get(hub));
			})
			.build();
	}

	@Bean
	@StepScope
	FlatFileItemWriter<ChargebackLine> chargebackWriter(
			@Value("#{stepExecutionContext['" + SubscriptionPartitioner.OUTPUT_FILE + "']}") String outputFile) {
		return csvWriter("chargebackWriter", Path.of(outputFile), ChargebackCsv.HEADER_CALLBACK, new ChargebackCsv());
	}

	// step 6: rejected records

	@Bean
	Step writeRejected(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			JdbcCursorItemReader<RejectedRecordsCsv.Row> rejectedReader,
			FlatFileItemWriter<RejectedRecordsCsv.Row> rejectedWriter) {
		return new StepBuilder(WRITE_REJECTED, jobRepository)
			.<RejectedRecordsCsv.Row, RejectedRecordsCsv.Row>chunk(this.properties.chunkSize())
			.transactionManager(transactionManager)
			.reader(rejectedReader)
			.writer(rejectedWriter)
			.build();
	}

	@Bean
	@StepScope
	JdbcCursorItemReader<RejectedRecordsCsv.Row> rejectedReader(@Value("#{stepExecution}") StepExecution stepExecution,
			DataSource dataSource) {
		return new JdbcCursorItemReaderBuilder<RejectedRecordsCsv.Row>().name("rejectedReader")
			.dataSource(dataSource)
			.sql(RunStore.REJECTED_SQL)
			.queryArguments(runId(stepExecution))
			.rowMapper((rs, i) -> new RejectedRecordsCsv.Row(rs.getString(1), rs.getString(2), rs.getLong(3),
					rs.getString(4), rs.getString(5), rs.getString(6)))
			.build();
	}

	@Bean
	@StepScope
	FlatFileItemWriter<RejectedRecordsCsv.Row> rejectedWriter(@Value("#{stepExecution}") StepExecution stepExecution) {
		return csvWriter("rejectedWriter", paths(stepExecution).staging().resolve(REJECTED_RECORDS),
				RejectedRecordsCsv.HEADER_CALLBACK, new RejectedRecordsCsv());
	}

	// step 7: reports

	@Bean
	Step writeReports(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			WriteReportsTasklet writeReportsTasklet) {
		return taskletStep(WRITE_REPORTS, writeReportsTasklet, jobRepository, transactionManager);
	}

	@Bean
	@StepScope
	WriteReportsTasklet writeReportsTasklet(@Value("#{stepExecution}") StepExecution stepExecution,
			MeterCatalog meters) {
		return new WriteReportsTasklet(this.store, meters, paths(stepExecution));
	}

	// step 8: verify and publish

	@Bean
	Step publishOutputs(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			PublishOutputsTasklet publishOutputsTasklet) {
		return taskletStep(PUBLISH_OUTPUTS, publishOutputsTasklet, jobRepository, transactionManager);
	}

	@Bean
	@StepScope
	PublishOutputsTasklet publishOutputsTasklet(@Value("#{stepExecution}") StepExecution stepExecution,
			JobRepository jobRepository, Clock clock,
			@Value("${hub-chargeback.rerun-guard.max-shrink:0.5}") BigDecimal maxShrink) {
		return new PublishOutputsTasklet(this.store, paths(stepExecution),
				ChargebackJobParameters.of(stepExecution.getJobParameters()), jobRepository, clock, this.haltPoints,
				maxShrink);
	}

	/**
	 * A step of one tasklet, its database work in one transaction.
	 */
	private static Step taskletStep(String name, Tasklet tasklet, JobRepository jobRepository,
			PlatformTransactionManager transactionManager) {
		return new StepBuilder(name, jobRepository).tasklet(tasklet, transactionManager).build();
	}

	/**
	 * A restartable file writer in the output CSV dialect: on restart it truncates to the last committed chunk.
	 */
	private static <T> FlatFileItemWriter<T> csvWriter(String name, Path file, FlatFileHeaderCallback header,
			LineAggregator<T> aggregator) {
		return new FlatFileItemWriterBuilder<T>().name(name)
			.resource(new FileSystemResource(file))
			.encoding("UTF-8")
			.lineSeparator(CsvDialect.LINE_SEPARATOR)
			.headerCallback(header)
			.lineAggregator(aggregator)
			.build();
	}

	private RunPaths paths(StepExecution stepExecution) {
		ChargebackJobParameters parameters = ChargebackJobParameters.of(stepExecution.getJobParameters());
		return new RunPaths(this.properties.outputDir(), parameters.rangeName(), runId(stepExecution));
	}

	private static long runId(StepExecution stepExecution) {
		return stepExecution.getJobExecution().getJobInstance().getInstanceId();
	}

}

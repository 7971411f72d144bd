package org.hubchargeback.job;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.hubchargeback.chargeback.ChargebackFileTasklet;
import org.hubchargeback.chargeback.SubscriptionPartitioner;
import org.hubchargeback.charging.AggregateDayTasklet;
import org.hubchargeback.charging.DayTotalsStore;
import org.hubchargeback.config.DisplayPaths;
import org.hubchargeback.config.HubChargebackProperties;
import org.hubchargeback.csv.CsvDialect;
import org.hubchargeback.focus.FocusFileTasklet;
import org.hubchargeback.focus.FocusPrices;
import org.hubchargeback.focus.FocusSettings;
import org.hubchargeback.ledger.LedgerStore;
import org.hubchargeback.loading.CheckRejectionsTasklet;
import org.hubchargeback.loading.InputCounts;
import org.hubchargeback.loading.ResolveUsageProcessor;
import org.hubchargeback.loading.StagedUsageWriter;
import org.hubchargeback.pricing.RateCard;
import org.hubchargeback.publish.PublishOutputsTasklet;
import org.hubchargeback.reconcile.PartnerCenterReconciliation;
import org.hubchargeback.registration.RegistrationSnapshots;
import org.hubchargeback.registration.SubscriptionNames;
import org.hubchargeback.remote.RemotePartitioning;
import org.hubchargeback.report.RejectedRecordsCsv;
import org.hubchargeback.report.WriteReportsTasklet;
import org.hubchargeback.run.ChargebackJobParameters;
import org.hubchargeback.run.ChargebackJobParametersValidator;
import org.hubchargeback.run.HaltPoints;
import org.hubchargeback.run.PrepareRunTasklet;
import org.hubchargeback.run.RunInputs;
import org.hubchargeback.run.RunNames;
import org.hubchargeback.run.RunPaths;
import org.hubchargeback.run.RunRateCard;
import org.hubchargeback.run.RunStore;
import org.hubchargeback.run.RunTotals;
import org.hubchargeback.run.StagedUsage;
import org.hubchargeback.run.StepNames;
import org.hubchargeback.usage.InputFile;
import org.hubchargeback.usage.MeterCatalog;
import org.hubchargeback.usage.UsageFilesItemReader;
import org.hubchargeback.usage.UsageRow;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.listener.StepListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.AbstractStep;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.ChunkOrientedStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.batch.infrastructure.item.file.FlatFileHeaderCallback;
import org.springframework.batch.infrastructure.item.file.FlatFileItemWriter;
import org.springframework.batch.infrastructure.item.file.builder.FlatFileItemWriterBuilder;
import org.springframework.batch.infrastructure.item.file.transform.LineAggregator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

import static org.hubchargeback.run.StepNames.CHECK_REJECTIONS;
import static org.hubchargeback.run.StepNames.JOB;
import static org.hubchargeback.run.StepNames.LOAD_FILE;
import static org.hubchargeback.run.StepNames.LOAD_SKIPPED_FILES;
import static org.hubchargeback.run.StepNames.LOAD_USAGE;
import static org.hubchargeback.run.StepNames.PREPARE_RUN;
import static org.hubchargeback.run.StepNames.PUBLISH_OUTPUTS;
import static org.hubchargeback.run.StepNames.SUM_DAY;
import static org.hubchargeback.run.StepNames.SUM_DAYS;
import static org.hubchargeback.run.StepNames.WRITE_CHARGEBACKS;
import static org.hubchargeback.run.StepNames.WRITE_CHARGEBACK_FILE;
import static org.hubchargeback.run.StepNames.WRITE_FOCUS_FILE;
import static org.hubchargeback.run.StepNames.WRITE_FOCUS_FILES;
import static org.hubchargeback.run.StepNames.WRITE_REJECTED;
import static org.hubchargeback.run.StepNames.WRITE_REPORTS;

/**
 * The chargeback job: prepare the run; load and resolve every usage record, one partition per input file, spilling
 * the records of the range per usage day; sum each usage day and hub, charging each record once; then write one
 * chargeback file per charged subscription (and optionally its FOCUS file), the rejected records and the reports,
 * verify and publish. Partitions run {@code threads} at once (on remote workers too, see {@link RemotePartitioning}).
 * Loading commits every {@code chunk-size} records with its reader's position and its spill files' lengths, so a
 * restart resumes each unfinished file where it stopped; a usage day, a chargeback file and every other step are
 * re-runnable units.
 */
@Configuration(proxyBeanMethods = false)
public class ChargebackJobConfiguration {

	private final HubChargebackProperties properties;

	private final RunStore store;

	// the last job execution's totals (see runTotals)
	private final AtomicReference<@Nullable ExecutionTotals> lastTotals = new AtomicReference<>();

	private final HaltPoints haltPoints;

	private final LedgerStore ledger;

	public ChargebackJobConfiguration(HubChargebackProperties properties, RunStore store, HaltPoints haltPoints,
			LedgerStore ledger) {
		this.ledger = ledger;
		this.properties = properties;
		this.store = store;
		this.haltPoints = haltPoints;
	}

	// job configuration

	@Bean
	Job chargebackJob(JobRepository jobRepository, Step prepareRun, Step loadUsage, Step loadSkippedFiles,
			Step sumDays, Step checkRejections, Step writeChargebacks, Step writeFocusFiles, Step writeRejected, Step writeReports,
			Step publishOutputs, ObjectProvider<JobExecutionListener> listeners,
			ObjectProvider<StepExecutionListener> stepListeners) {
		SimpleJobBuilder job = new JobBuilder(JOB, jobRepository).validator(new ChargebackJobParametersValidator())
			.start(prepareRun)
			.next(loadUsage)
			.next(loadSkippedFiles)
			.next(sumDays)
			.next(checkRejections)
			.next(writeChargebacks);
		if (this.properties.focus().enabled()) {
			job = job.next(writeFocusFiles);
		}
		job = job.next(writeRejected).next(writeReports).next(publishOutputs);
		// and each of its steps as it ends (progress lines, step durations in the metrics)
		for (Step step : List.of(prepareRun, loadUsage, loadSkippedFiles, sumDays, checkRejections, writeChargebacks,
				writeFocusFiles, writeRejected, writeReports, publishOutputs)) {
			if (step instanceof AbstractStep listened) {
				stepListeners.orderedStream().forEach(listened::registerStepExecutionListener);
			}
		}
		// what operators see beside the files: history retention, progress, metrics
		for (JobExecutionListener listener : listeners.orderedStream().toList()) {
			job = job.listener(listener);
		}
		return job.build();
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
			RegistrationSnapshots snapshots, JobRepository jobRepository, MeterCatalog meters) {
		ChargebackJobParameters parameters = ChargebackJobParameters.of(stepExecution.getJobParameters());
		Map<String, Long> pinned = snapshots.pinned(parameters.options().pinnedSnapshots());
		return new PrepareRunTasklet(inputs, this.store, paths(stepExecution), parameters, pinned, jobRepository,
				this.properties.pricing().rateCard(), meters, this.ledger, this.properties.names().customerFile());
	}

	// step 2: load and resolve, one partition per input file

	/**
	 * Runs partitions {@code threads} at once.
	 */
	@Bean
	TaskExecutor partitionExecutor() {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("partition-");
		executor.setConcurrencyLimit(this.properties.parallelism());
		return executor;
	}

	@Bean
	Step loadUsage(JobRepository jobRepository, FilePartitioner filePartitioner, Step loadFile,
			TaskExecutor partitionExecutor, ObjectProvider<RemotePartitioning> remote) {
		return distributableStep(LOAD_USAGE, filePartitioner, loadFile, jobRepository, partitionExecutor, remote);
	}

	@Bean
	@StepScope
	FilePartitioner filePartitioner(@Value("#{stepExecution}") StepExecution stepExecution) {
		return new FilePartitioner(this.store.filesToRead(runId(stepExecution)));
	}

	@Bean
	Step loadSkippedFiles(JobRepository jobRepository, SkippedFilePartitioner skippedFilePartitioner, Step loadFile,
			TaskExecutor partitionExecutor, ObjectProvider<RemotePartitioning> remote) {
		return distributableStep(LOAD_SKIPPED_FILES, skippedFilePartitioner, loadFile, jobRepository,
				partitionExecutor, remote);
	}

	@Bean
	@StepScope
	SkippedFilePartitioner skippedFilePartitioner(@Value("#{stepExecution}") StepExecution stepExecution) {
		return new SkippedFilePartitioner(paths(stepExecution), this.store.inputFileRows(runId(stepExecution)));
	}

	/**
	 * One input file: read, validate and resolve each record, spill it. Built per partition (see
	 * {@link PartitionWorkerStep}).
	 */
	@Bean
	Step loadFile(JobRepository jobRepository, PlatformTransactionManager transactionManager, RunInputs inputs,
			ObjectProvider<StepExecutionListener> stepListeners) {
		StepListener halt = this.haltPoints.afterChunk(HaltPoints.LOADING, 1, 2);
		return new PartitionWorkerStep(LOAD_FILE, (stepExecution) -> {
			InputFile file = inputFile(stepExecution,
					stepExecution.getExecutionContext().getInt(StepNames.FILE_INDEX));
			ChunkOrientedStepBuilder<UsageRow, StagedUsage> step = new StepBuilder(LOAD_FILE, jobRepository)
				.<UsageRow, StagedUsage>chunk(this.properties.chunkSize())
				.transactionManager(transactionManager)
				.reader(new UsageFilesItemReader(List.of(file)))
				.processor(resolveUsageProcessor(stepExecution, inputs, jobRepository))
				.writer(new StagedUsageWriter(this.store, paths(stepExecution), file))
				.listener(halt);
			// the loading progress counts each chunk's records
			stepListeners.orderedStream().filter(ChunkListener.class::isInstance).forEach(step::listener);
			return step.build();
		});
	}

	private ResolveUsageProcessor resolveUsageProcessor(StepExecution stepExecution, RunInputs inputs,
			JobRepository jobRepository) {
		ChargebackJobParameters parameters = ChargebackJobParameters.of(stepExecution.getJobParameters());
		// "the future" is measured from when the run first started, so a restart judges every row alike
		LocalDateTime started = jobRepository.getJobExecutions(stepExecution.getJobExecution().getJobInstance())
			.stream()
			.map(JobExecution::getCreateTime)
			.min(LocalDateTime::compareTo)
			.orElse(stepExecution.getJobExecution().getCreateTime());
		return new ResolveUsageProcessor(inputs.hubsOfRun(runId(stepExecution), this.store), parameters.from(),
				parameters.to(), started.atZone(ZoneId.systemDefault()).toInstant().plus(Duration.ofDays(1)),
				this.ledger.view(runId(stepExecution)));
	}

	private InputFile inputFile(StepExecution stepExecution, int fileIndex) {
		return this.store.inputFiles(runId(stepExecution))
			.stream()
			.filter((file) -> file.index() == fileIndex)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no input file " + fileIndex + " in this run"));
	}

	// step 3: sum each usage day of each hub, charging each record once

	@Bean
	Step sumDays(JobRepository jobRepository, DayPartitioner dayPartitioner, Step sumDay,
			TaskExecutor partitionExecutor, ObjectProvider<RemotePartitioning> remote) {
		return distributableStep(SUM_DAYS, dayPartitioner, sumDay, jobRepository, partitionExecutor, remote);
	}

	@Bean
	@StepScope
	DayPartitioner dayPartitioner(@Value("#{stepExecution}") StepExecution stepExecution) {
		List<String> hubs = this.store.runHubs(runId(stepExecution)).stream().map(RunStore.PreparedHub::name).toList();
		return new DayPartitioner(paths(stepExecution), hubs);
	}

	@Bean
	Step sumDay(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			AggregateDayTasklet aggregateDayTasklet) {
		return taskletStep(SUM_DAY, aggregateDayTasklet, jobRepository, transactionManager);
	}

	@Bean
	@StepScope
	AggregateDayTasklet aggregateDayTasklet(@Value("#{stepExecution}") StepExecution stepExecution,
			@Value("#{stepExecutionContext['" + DayPartitioner.DAY + "']}") String day,
			@Value("#{stepExecutionContext['" + DayPartitioner.HUB + "']}") String hub, MeterCatalog meters,
			DayTotalsStore dayTotals, JobRepository jobRepository, RunInputs inputs) {
		long runId = runId(stepExecution);
		return new AggregateDayTasklet(dayTotals, paths(stepExecution), LocalDate.parse(day), hub,
				this.store.runHub(runId, hub).snapshotFingerprint(), this.store.inputFileNames(runId), meters,
				rateCard(stepExecution, meters), this.ledger.view(runId), this.store.inputFilePaths(runId),
				() -> InputCounts.of(jobRepository, stepExecution.getJobExecution(), this.store.inputFileRows(runId))
					.sha256(),
				names(stepExecution, inputs));
	}

	// step 4: too many rejections

	@Bean
	Step checkRejections(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			CheckRejectionsTasklet checkRejectionsTasklet) {
		return taskletStep(CHECK_REJECTIONS, checkRejectionsTasklet, jobRepository, transactionManager);
	}

	@Bean
	@StepScope
	CheckRejectionsTasklet checkRejectionsTasklet(@Value("#{stepExecution}") StepExecution stepExecution,
			JobRepository jobRepository) {
		return new CheckRejectionsTasklet(this.store, runId(stepExecution), this.properties.rejectedLimit(),
				jobRepository);
	}

	// step 5: one chargeback file per charged subscription, its usage days' rows in order, in groups of files

	@Bean
	Step writeChargebacks(JobRepository jobRepository, SubscriptionPartitioner subscriptionPartitioner,
			Step writeChargebackFile, TaskExecutor partitionExecutor) {
		return partitionedStep(WRITE_CHARGEBACKS, subscriptionPartitioner, writeChargebackFile, jobRepository,
				partitionExecutor);
	}

	@Bean
	@StepScope
	SubscriptionPartitioner subscriptionPartitioner(@Value("#{stepExecution}") StepExecution stepExecution) {
		long runId = runId(stepExecution);
		return new SubscriptionPartitioner(() -> this.store.chargedSubscriptions(runId));
	}

	@Bean
	Step writeChargebackFile(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ChargebackFileTasklet chargebackFileTasklet) {
		return new StepBuilder(WRITE_CHARGEBACK_FILE, jobRepository).tasklet(chargebackFileTasklet, transactionManager)
			.listener(this.haltPoints.afterStep(HaltPoints.WRITING_CHARGEBACKS, 2))
			.build();
	}

	@Bean
	@StepScope
	ChargebackFileTasklet chargebackFileTasklet(@Value("#{stepExecution}") StepExecution stepExecution,
			@Value("#{stepExecutionContext['" + SubscriptionPartitioner.SUBSCRIPTION_IDS + "']}")
			String subscriptions, MeterCatalog meters, RunInputs inputs) {
		RateCard rateCard = rateCard(stepExecution, meters);
		return new ChargebackFileTasklet(List.of(subscriptions.split(",")), paths(stepExecution),
				this.properties.csv().byteOrderMark(), rateCard,
				(rateCard != null) ? this.store.chargebackFileCosts(runId(stepExecution)) : Map.of(),
				names(stepExecution, inputs));
	}

	// step 5b (optional): a FOCUS file per chargeback file

	@Bean
	Step writeFocusFiles(JobRepository jobRepository, SubscriptionPartitioner subscriptionPartitioner,
			Step writeFocusFile, TaskExecutor partitionExecutor) {
		return partitionedStep(WRITE_FOCUS_FILES, subscriptionPartitioner, writeFocusFile, jobRepository,
				partitionExecutor);
	}

	@Bean
	Step writeFocusFile(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			FocusFileTasklet focusFileTasklet) {
		return taskletStep(WRITE_FOCUS_FILE, focusFileTasklet, jobRepository, transactionManager);
	}

	@Bean
	@StepScope
	FocusFileTasklet focusFileTasklet(@Value("#{stepExecution}") StepExecution stepExecution,
			@Value("#{stepExecutionContext['" + SubscriptionPartitioner.SUBSCRIPTION_IDS + "']}")
			String subscriptions, MeterCatalog meters) {
		RunPaths paths = paths(stepExecution);
		RateCard rateCard = RunRateCard.required(paths, this.properties.pricing().rateCard(), meters,
				"the FOCUS export");
		HubChargebackProperties.Focus focus = this.properties.focus();
		FocusSettings settings = new FocusSettings(
				focus.providerName().isBlank() ? focus.invoiceIssuerName() : focus.providerName(),
				focus.publisherName(), focus.invoiceIssuerName());
		return new FocusFileTasklet(List.of(subscriptions.split(",")), paths,
				settings, FocusPrices.of(rateCard), meters, this.properties.csv().byteOrderMark());
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
		boolean byteOrderMark = this.properties.csv().byteOrderMark();
		return csvWriter("rejectedWriter", paths(stepExecution).staged(RunPaths.REJECTED_RECORDS), (writer) -> {
			if (byteOrderMark) {
				writer.write(CsvDialect.BYTE_ORDER_MARK);
			}
			RejectedRecordsCsv.HEADER_CALLBACK.writeHeader(writer);
		}, new RejectedRecordsCsv());
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
			MeterCatalog meters, RunInputs inputs) {
		return new WriteReportsTasklet(this.store, runTotals(stepExecution), meters, paths(stepExecution),
				this.properties.csv().byteOrderMark(),
				rateCard(stepExecution, meters), ChargebackJobParameters.of(stepExecution.getJobParameters()),
				this.ledger.view(runId(stepExecution)), names(stepExecution, inputs));
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
			JobRepository jobRepository, Clock clock, MeterCatalog meters, PartnerCenterReconciliation reconciliation) {
		return new PublishOutputsTasklet(this.store, runTotals(stepExecution), paths(stepExecution),
				ChargebackJobParameters.of(stepExecution.getJobParameters()), jobRepository, clock, this.haltPoints,
				this.properties.rerunGuard().maxShrink(), this.properties.csv().byteOrderMark(),
				rateCard(stepExecution, meters), this.properties.pricing().rateCard(), meters, this.ledger,
				inputFolders(), reconciliation.inRun() ? reconciliation : null);
	}

	/**
	 * The run's totals for the steps after the days are summed (they no longer change then): summed once per job
	 * execution, for the reports and publishing alike. A restart is another execution and sums them again.
	 */
	private Supplier<RunTotals> runTotals(StepExecution stepExecution) {
		long execution = stepExecution.getJobExecutionId();
		long runId = runId(stepExecution);
		ChargebackJobParameters parameters = ChargebackJobParameters.of(stepExecution.getJobParameters());
		return () -> {
			ExecutionTotals last = this.lastTotals.get();
			if (last != null && last.jobExecutionId() == execution) {
				return last.totals();
			}
			RunTotals totals = this.store.totals(runId, parameters.from(), parameters.to());
			this.lastTotals.set(new ExecutionTotals(execution, totals));
			return totals;
		};
	}

	private record ExecutionTotals(long jobExecutionId, RunTotals totals) {
	}

	/**
	 * @return each hub's input folders as the operator reads them, for the warning of a hub without usage
	 */
	private Map<String, List<String>> inputFolders() {
		Map<String, List<String>> folders = new LinkedHashMap<>();
		this.properties.hubs()
			.forEach((hub) -> folders.put(hub.name(), hub.inputDirs().stream().map(DisplayPaths::of).toList()));
		return folders;
	}

	/**
	 * A step that runs {@code worker} once per partition, {@code threads} partitions at once.
	 */
	private Step partitionedStep(String name, Partitioner partitioner, Step worker, JobRepository jobRepository,
			TaskExecutor partitionExecutor) {
		return new StepBuilder(name, jobRepository).partitioner(worker.getName(), partitioner)
			.step(worker)
			.gridSize(this.properties.parallelism())
			.taskExecutor(partitionExecutor)
			.build();
	}

	/**
	 * A partitioned step whose partitions run on the workers when this process is a remote manager
	 * ({@code hub-chargeback.remote.enabled}), else here like {@link #partitionedStep}. Only loading and summing are
	 * distributed: they are most of the run, and their partitions share nothing but the job repository and the work
	 * folder.
	 */
	private Step distributableStep(String name, Partitioner partitioner, Step worker, JobRepository jobRepository,
			TaskExecutor partitionExecutor, ObjectProvider<RemotePartitioning> remote) {
		RemotePartitioning manager = remote.getIfAvailable();
		if (manager == null) {
			return partitionedStep(name, partitioner, worker, jobRepository, partitionExecutor);
		}
		return manager.managerStep(name, partitioner, worker.getName(), this.properties.parallelism(), jobRepository);
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

	/**
	 * The run's prices: the copy of the rate card it started with, or null when it has none.
	 */
	private @Nullable RateCard rateCard(StepExecution stepExecution, MeterCatalog meters) {
		return RunRateCard.of(paths(stepExecution), this.properties.pricing().rateCard(), meters);
	}

	private SubscriptionNames names(StepExecution stepExecution, RunInputs inputs) {
		return RunNames.of(paths(stepExecution), inputs.hubs());
	}

	private RunPaths paths(StepExecution stepExecution) {
		ChargebackJobParameters parameters = ChargebackJobParameters.of(stepExecution.getJobParameters());
		return new RunPaths(this.properties.outputDir(), parameters.rangeName(), runId(stepExecution));
	}

	private static long runId(StepExecution stepExecution) {
		return stepExecution.getJobExecution().getJobInstance().getInstanceId();
	}

}

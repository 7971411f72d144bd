package org.hubchargeback.metrics;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.hubchargeback.run.ChargebackJobParameters;
import org.hubchargeback.run.RunOptions;
import org.hubchargeback.run.RunOutcome;
import org.hubchargeback.run.RunStore;
import org.hubchargeback.run.RunTotals;
import org.hubchargeback.run.StepNames;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * Pushes each run's metrics to the Pushgateway ({@code hub-chargeback.metrics.pushgateway}), into the group
 * {@code job="hub_chargeback", trigger="nightly"|"manual", instance}. Pushed with POST, which replaces only the
 * metrics a push names: a failed run replaces the exit code and its step durations but leaves the last success's
 * timestamp, counts and night in place, which is what "no successful night in 36 h" alerts on. Dry runs push nothing.
 * A push that fails is logged; it never changes how the run ends.
 */
@Component
public class RunMetrics implements JobExecutionListener, StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(RunMetrics.class);

	private final MetricsSettings settings;

	private final RunStore store;

	private final Map<String, Double> stepSeconds = new ConcurrentHashMap<>();

	private @Nullable HttpClient http;

	public RunMetrics(MetricsSettings settings, RunStore store) {
		this.settings = settings;
		this.store = store;
	}

	@Override
	public void beforeJob(JobExecution jobExecution) {
		this.stepSeconds.clear();
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		LocalDateTime start = stepExecution.getStartTime();
		if (StepNames.JOB_STEPS.contains(stepExecution.getStepName()) && start != null) {
			LocalDateTime end = (stepExecution.getEndTime() != null) ? stepExecution.getEndTime() : LocalDateTime.now();
			this.stepSeconds.put(stepExecution.getStepName(), Duration.between(start, end).toMillis() / 1000.0);
		}
		return stepExecution.getExitStatus();
	}

	@Override
	public void afterJob(JobExecution jobExecution) {
		ChargebackJobParameters parameters = ChargebackJobParameters.of(jobExecution.getJobParameters());
		if (!this.settings.enabled() || parameters.options().dryRun()) {
			return;
		}
		push(parameters.options().trigger(), metrics(jobExecution, parameters, System.currentTimeMillis() / 1000.0));
	}

	PushedMetrics metrics(JobExecution jobExecution, ChargebackJobParameters parameters, double now) {
		RunOutcome outcome = RunOutcome.of(jobExecution);
		int exit = (outcome == null) ? 1 : outcome.warnings().isEmpty() ? 0 : 3;
		PushedMetrics metrics = new PushedMetrics().add("hub_chargeback_last_exit_code", "gauge", exit)
			.add("hub_chargeback_last_run_timestamp_seconds", "gauge", now);
		this.stepSeconds.forEach((step, seconds) -> metrics.add("hub_chargeback_step_duration_seconds", "gauge",
				seconds, "step", step));
		if (outcome == null) {
			return metrics.add("hub_chargeback_last_failure_timestamp_seconds", "gauge", now);
		}
		long runId = jobExecution.getJobInstance().getInstanceId();
		RunTotals totals = this.store.totals(runId, parameters.from(), parameters.to());
		totals.outcomeCounts()
			.forEach((hub, counts) -> counts.forEach((kind, records) -> metrics.add("hub_chargeback_records_total",
					"counter", records, "hub", hub, "outcome", kind.toLowerCase(Locale.ROOT))));
		totals.outcomeQuantities()
			.forEach((hub, meters) -> meters.forEach((meter, quantities) -> quantities.forEach((kind,
					quantity) -> metrics.add("hub_chargeback_quantity", "gauge", quantity.doubleValue(), "hub", hub,
							"meter_id", meter, "outcome", kind.toLowerCase(Locale.ROOT)))));
		metrics.add("hub_chargeback_warnings", "gauge", outcome.warnings().size())
			.add("hub_chargeback_last_success_timestamp_seconds", "gauge", now);
		if (RunOptions.nightly().trigger().equals(parameters.options().trigger())) {
			metrics.add("hub_chargeback_last_nightly_day_timestamp_seconds", "gauge",
					parameters.to().atStartOfDay(ZoneOffset.UTC).toEpochSecond());
		}
		return metrics;
	}

	private void push(String trigger, PushedMetrics metrics) {
		URI uri = URI.create(this.settings.pushgateway().strip().replaceAll("/+$", "") + "/metrics/job/hub_chargeback"
				+ "/trigger/" + segment(trigger) + "/instance/" + segment(instance()));
		HttpRequest request = HttpRequest.newBuilder(uri)
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
			.POST(HttpRequest.BodyPublishers.ofString(metrics.text(), StandardCharsets.UTF_8))
			.build();
		try {
			HttpResponse<String> response = client().send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() / 100 != 2) {
				log.warn("The Pushgateway at {} refused the run's metrics: HTTP {} {}", uri, response.statusCode(),
						response.body().strip());
			}
		}
		catch (IOException ex) {
			log.warn("Could not push the run's metrics to {}: {}", uri, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private synchronized HttpClient client() {
		if (this.http == null) {
			this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		}
		return this.http;
	}

	private String instance() {
		if (!this.settings.instance().isBlank()) {
			return this.settings.instance().strip();
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "unknown";
		}
	}

	private static String segment(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}

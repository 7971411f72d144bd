package org.hubchargeback.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.hubchargeback.config.HubChargebackProperties;
import org.hubchargeback.run.ChargebackJobParameters;
import org.hubchargeback.run.RunPaths;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

/**
 * Applies {@link HistoryRetention} to every range under {@code <output-dir>/.history} once a run has published, so
 * that a failed or dry run never removes anything, and days-based limits also reach ranges that are not rerun. A
 * replaced run that cannot be removed is logged and left: the run itself has published and stays a success.
 */
@Component
public class HistoryPruning implements JobExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(HistoryPruning.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HistoryRetention retention;

	private final Path outputDir;

	private final Clock clock;

	public HistoryPruning(HistoryRetention retention, HubChargebackProperties properties, Clock clock) {
		this.retention = retention;
		this.outputDir = properties.outputDir();
		this.clock = clock;
	}

	@Override
	public void afterJob(JobExecution jobExecution) {
		if (jobExecution.getStatus() != BatchStatus.COMPLETED || this.retention.keepsEverything()
				|| ChargebackJobParameters.of(jobExecution.getJobParameters()).options().dryRun()) {
			return;
		}
		Path history = RunPaths.historyRoot(this.outputDir);
		for (Path range : folders(history)) {
			List<HistoryRetention.Run> runs = folders(range).stream().map(HistoryPruning::replacedRun).toList();
			Path published = this.outputDir.resolve(range.getFileName().toString());
			Instant current = publishedAt(published.resolve(RunPaths.MANIFEST));
			for (String folder : this.retention.toRemove(runs, current, Instant.now(this.clock))) {
				remove(range.resolve(folder));
			}
			if (folders(range).isEmpty()) {
				remove(range);
			}
		}
	}

	private void remove(Path folder) {
		try {
			FileSystemUtils.deleteRecursively(folder);
			log.info("Removed {} ({})", folder, this.retention);
		}
		catch (IOException ex) {
			log.warn("Could not remove {}: {}", folder, ex.toString());
		}
	}

	private static HistoryRetention.Run replacedRun(Path folder) {
		Path manifest = folder.resolve(RunPaths.MANIFEST);
		return new HistoryRetention.Run(folder.getFileName().toString(), run(manifest), publishedAt(manifest));
	}

	private static long run(Path manifest) {
		JsonNode run = runNode(manifest);
		return (run != null) ? run.path("run").asLong(0) : 0;
	}

	private static @Nullable Instant publishedAt(Path manifest) {
		JsonNode run = runNode(manifest);
		try {
			return (run != null && run.hasNonNull("generatedAt")) ? Instant.parse(run.path("generatedAt").asString())
					: null;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static @Nullable JsonNode runNode(Path manifest) {
		if (!Files.isRegularFile(manifest)) {
			return null;
		}
		try {
			return JSON.readTree(Files.readString(manifest, StandardCharsets.UTF_8)).path("run");
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	private static List<Path> folders(Path dir) {
		if (!Files.isDirectory(dir)) {
			return List.of();
		}
		try (Stream<Path> children = Files.list(dir)) {
			return new ArrayList<>(children.filter(Files::isDirectory).sorted().toList());
		}
		catch (IOException ex) {
			log.warn("Could not list {}: {}", dir, ex.toString());
			return List.of();
		}
	}

}

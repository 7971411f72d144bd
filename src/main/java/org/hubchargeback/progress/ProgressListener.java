package org.hubchargeback.progress;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.hubchargeback.run.RunStore;
import org.hubchargeback.run.StepNames;
import org.hubchargeback.usage.InputFile;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.boot.ApplicationArguments;
import org.springframework.stereotype.Component;

/**
 * Progress for the operator. On a terminal: a loading line redrawn in place (records, bytes of the total, records a
 * second, time left), then one line per step as it ends, on standard error. Anywhere else (cron, systemd, a pipe): the
 * same loading line logged every {@code hub-chargeback.progress.interval}, and the step lines logged. {@code --quiet}
 * turns both off. Listens to the job, to each of its steps, and to each chunk of each input file's partition (which
 * run in parallel, hence the concurrent bookkeeping); a partition run by a remote worker is seen when it ends.
 */
@Component
public class ProgressListener implements JobExecutionListener, StepExecutionListener, ChunkListener<Object, Object> {

	private static final Logger log = LoggerFactory.getLogger(ProgressListener.class);

	// a terminal's line is redrawn at most this often: faster is flicker, and costs the loading threads a lock
	private static final long REDRAW_NANOS = Duration.ofMillis(200).toNanos();

	private final RunStore store;

	private final boolean enabled;

	private final boolean terminal;

	private final long intervalNanos;

	private final PrintStream err;

	private volatile @Nullable Loading loading;

	public ProgressListener(RunStore store, ProgressSettings settings, ApplicationArguments arguments) {
		this.store = store;
		this.enabled = !arguments.containsOption("quiet");
		this.terminal = onTerminal();
		this.intervalNanos = this.terminal ? REDRAW_NANOS : settings.interval().toNanos();
		this.err = System.err;
	}

	/**
	 * A console that is a terminal: Java 22+ has a console even when redirected, and says so with
	 * {@code isTerminal()}.
	 */
	static boolean onTerminal() {
		Console console = System.console();
		if (console == null) {
			return false;
		}
		try {
			return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
		}
		catch (ReflectiveOperationException ex) {
			return true; // before Java 22 there is a console only on a terminal
		}
	}

	@Override
	public void beforeJob(JobExecution jobExecution) {
		this.loading = null;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		if (this.enabled && stepExecution.getStepName().equals(StepNames.LOAD_USAGE)) {
			long runId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
			Map<Integer, FileSize> files = new ConcurrentHashMap<>();
			for (InputFile file : this.store.filesToRead(runId)) {
				files.put(file.index(), FileSize.of(file.path()));
			}
			this.loading = new Loading(files, System.nanoTime());
		}
	}

	@Override
	public void afterChunk(Chunk<Object> chunk) {
		Loading loading = this.loading;
		StepContext context = StepSynchronizationManager.getContext();
		if (loading == null || context == null) {
			return; // a remote worker's partition, or progress is off
		}
		StepExecution partition = context.getStepExecution();
		loading.read(fileIndex(partition), chunk.size());
		show(loading, false);
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		String name = stepExecution.getStepName();
		Loading loading = this.loading;
		if (loading != null && name.startsWith(StepNames.LOAD_FILE)) {
			loading.done(fileIndex(stepExecution));
			show(loading, false);
		}
		else if (this.enabled && StepNames.JOB_STEPS.contains(name)) {
			if (loading != null && name.equals(StepNames.LOAD_USAGE)) {
				show(loading, true);
				this.loading = null;
			}
			stepLine(stepExecution);
		}
		return stepExecution.getExitStatus();
	}

	private void show(Loading loading, boolean last) {
		long now = System.nanoTime();
		if (!last && !loading.due(now, this.intervalNanos)) {
			return;
		}
		String line = "hub-chargeback: " + loading.progress(now).line();
		synchronized (this) {
			if (this.terminal) {
				// redraw in place: back to the start of the line and clear it
				this.err.print("\r\u001b[K" + line + (last ? "\n" : ""));
				this.err.flush();
			}
			else {
				log.info("{}", line.substring("hub-chargeback: ".length()));
			}
		}
	}

	private void stepLine(StepExecution step) {
		Duration took = Duration.between(step.getStartTime(),
				(step.getEndTime() != null) ? step.getEndTime() : LocalDateTime.now());
		String line = String.format(Locale.ROOT, "%s %s in %.1f s", step.getStepName(), step.getStatus(),
				took.toMillis() / 1000.0) + ((step.getReadCount() > 0)
						? String.format(Locale.ROOT, " (%,d records read)", step.getReadCount()) : "");
		synchronized (this) {
			if (this.terminal) {
				this.err.println("\r\u001b[Khub-chargeback: " + line);
			}
			else {
				log.info("Step {}", line);
			}
		}
	}

	private static int fileIndex(StepExecution partition) {
		return partition.getExecutionContext().getInt(StepNames.FILE_INDEX, -1);
	}

	/**
	 * A file's size, and what one of its records takes of it.
	 */
	record FileSize(long bytes, double bytesPerRecord) {

		static FileSize of(Path file) {
			try {
				return new FileSize(Files.size(file), BytesPerRecord.of(file));
			}
			catch (IOException ex) {
				return new FileSize(0, 0);
			}
		}

	}

	/**
	 * Loading so far: records read per partition, and which files are read whole.
	 */
	private static final class Loading {

		private final Map<Integer, FileSize> files;

		private final long startNanos;

		private final Map<Integer, Long> records = new ConcurrentHashMap<>();

		private final Set<Integer> done = ConcurrentHashMap.newKeySet();

		private volatile long shownNanos;

		Loading(Map<Integer, FileSize> files, long startNanos) {
			this.files = files;
			this.startNanos = startNanos;
			this.shownNanos = startNanos;
		}

		void read(int file, int records) {
			this.records.merge(file, (long) records, Long::sum);
		}

		void done(int file) {
			this.done.add(file);
		}

		synchronized boolean due(long now, long interval) {
			if (now - this.shownNanos < interval) {
				return false;
			}
			this.shownNanos = now;
			return true;
		}

		LoadingProgress progress(long now) {
			long total = 0;
			long read = 0;
			for (Map.Entry<Integer, FileSize> file : this.files.entrySet()) {
				FileSize size = file.getValue();
				total += size.bytes();
				long records = this.records.getOrDefault(file.getKey(), 0L);
				read += this.done.contains(file.getKey()) ? size.bytes()
						: Math.min(size.bytes(), Math.round(records * size.bytesPerRecord()));
			}
			long records = this.records.values().stream().mapToLong(Long::longValue).sum();
			return new LoadingProgress(records, read, total, Duration.ofNanos(now - this.startNanos));
		}

	}

}

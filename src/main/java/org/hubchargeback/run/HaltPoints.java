package org.hubchargeback.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.hubchargeback.config.HubChargebackProperties;
import org.hubchargeback.config.HubChargebackProperties.Debug;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.listener.StepListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.stereotype.Component;

/**
 * A diagnostic for proving restarts: {@code hub-chargeback.debug.halt-at=<point>} makes the process stop dead at that
 * point of a run (it writes {@code halt-marker} and sleeps) so that a test, or an operator rehearsing a recovery, can
 * kill it there with {@code kill -9}. Unset, it does nothing.
 */
@Component
public class HaltPoints {

	private static final Logger log = LoggerFactory.getLogger(HaltPoints.class);

	// the points are named, and described, where the setting is checked at start-up

	public static final String LOADING = Debug.LOADING;

	public static final String WRITING_CHARGEBACKS = Debug.WRITING_CHARGEBACKS;

	public static final String PUBLISHING = Debug.PUBLISHING;

	private final String haltAt;

	private final Path marker;

	public HaltPoints(HubChargebackProperties properties) {
		this.haltAt = properties.debug().haltAt();
		this.marker = properties.debug().haltMarker();
	}

	/**
	 * A listener that halts at {@code point} after the {@code chunk}-th chunk of the {@code step}-th execution of the
	 * step it listens to (partitions run one step execution each).
	 */
	public StepListener afterChunk(String point, int step, int chunk) {
		return new HaltListener(point, step, chunk);
	}

	/**
	 * A listener that halts at {@code point} when the {@code step}-th execution of the step it listens to has done its
	 * work, before it is recorded as complete.
	 */
	public StepExecutionListener afterStep(String point, int step) {
		return new HaltListener(point, step, 0);
	}

	private final class HaltListener implements ChunkListener<Object, Object>, StepExecutionListener {

		private final String point;

		private final int step;

		private final int chunk;

		private final AtomicInteger steps = new AtomicInteger();

		/**
		 * The ordinal of the step execution running on this thread, and its chunks so far: partitions run in parallel,
		 * each on a thread of its own, and share this listener.
		 */
		private final ThreadLocal<int[]> current = ThreadLocal.withInitial(() -> new int[2]);

		HaltListener(String point, int step, int chunk) {
			this.point = point;
			this.step = step;
			this.chunk = chunk;
		}

		@Override
		public void beforeStep(StepExecution stepExecution) {
			int[] current = this.current.get();
			current[0] = this.steps.incrementAndGet();
			current[1] = 0;
		}

		@Override
		public void afterChunk(Chunk<Object> items) {
			int[] current = this.current.get();
			if (++current[1] == this.chunk && current[0] == this.step) {
				reached(this.point);
			}
		}

		/**
		 * With no chunk given: when the step's work is done, before it is recorded as complete.
		 */
		@Override
		public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
			if (this.chunk == 0 && this.current.get()[0] == this.step) {
				reached(this.point);
			}
			return null;
		}

	}

	private boolean enabled(String point) {
		return this.haltAt.equals(point);
	}

	public void reached(String point) {
		if (!enabled(point)) {
			return;
		}
		log.warn("Halting at {} (hub-chargeback.debug.halt-at) until killed", point);
		try {
			Files.writeString(this.marker, point);
			Thread.sleep(Long.MAX_VALUE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

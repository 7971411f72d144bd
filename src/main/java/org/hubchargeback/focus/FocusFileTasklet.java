package org.hubchargeback.focus;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import org.hubchargeback.run.RunPaths;
import org.hubchargeback.usage.MeterCatalog;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Writes the FOCUS files of a group of subscriptions from their finished chargeback files. Re-runnable: a restart
 * writes them again from the start.
 */
public class FocusFileTasklet implements Tasklet {

	private final List<String> subscriptions;

	private final RunPaths paths;

	private final FocusSettings settings;

	private final FocusPrices prices;

	private final MeterCatalog meters;

	private final boolean byteOrderMark;

	public FocusFileTasklet(List<String> subscriptions, RunPaths paths, FocusSettings settings,
			FocusPrices prices, MeterCatalog meters, boolean byteOrderMark) {
		this.subscriptions = List.copyOf(subscriptions);
		this.paths = paths;
		this.settings = settings;
		this.prices = prices;
		this.meters = meters;
		this.byteOrderMark = byteOrderMark;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
		Files.createDirectories(this.paths.focusDir());
		for (String subscription : this.subscriptions) {
			FocusFile.write(this.paths.chargebackFile(subscription), this.paths.focusFile(subscription), this.settings, this.prices, this.meters,
					this.byteOrderMark);
			contribution.incrementWriteCount(1);
		}
		return RepeatStatus.FINISHED;
	}

}

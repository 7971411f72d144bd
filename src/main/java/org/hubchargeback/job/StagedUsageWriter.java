package org.hubchargeback.job;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes a chunk of loaded records to the staging tables, in the chunk's transaction: a crash loses nothing that
 * the restarted reader will not read again.
 */
public class StagedUsageWriter implements ItemWriter<StagedUsage> {

	private final RunStore store;

	private final long runId;

	public StagedUsageWriter(RunStore store, long runId) {
		this.store = store;
		this.runId = runId;
	}

	@Override
	public void write(Chunk<? extends StagedUsage> chunk) {
		this.store.insert(this.runId, chunk.getItems());
	}

}

package org.hubchargeback.job;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hubchargeback.run.StepNames;
import org.hubchargeback.usage.InputFile;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * One load partition per input file, named after its index: a restart re-runs only the files that did not finish,
 * each from its last committed chunk.
 */
public class FilePartitioner implements Partitioner {

	private final List<InputFile> files;

	public FilePartitioner(List<InputFile> files) {
		this.files = List.copyOf(files);
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		for (InputFile file : this.files) {
			ExecutionContext context = new ExecutionContext();
			context.putInt(StepNames.FILE_INDEX, file.index());
			partitions.put(StepNames.filePartition(file), context);
		}
		return partitions;
	}

}

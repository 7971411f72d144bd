package org.hubchargeback.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.hubchargeback.charging.AggregateDayTasklet;
import org.hubchargeback.run.RunPaths;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * One partition per usage day and hub that loading found records for.
 */
public class DayPartitioner implements Partitioner {

	public static final String DAY = "day";

	public static final String HUB = "hub";

	private final RunPaths paths;

	private final List<String> hubs;

	public DayPartitioner(RunPaths paths, List<String> hubs) {
		this.paths = paths;
		this.hubs = List.copyOf(hubs);
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		Path spill = this.paths.work().resolve("spill");
		if (!Files.isDirectory(spill)) {
			return partitions;
		}
		try (Stream<Path> days = Files.list(spill)) {
			Map<LocalDate, Path> sorted = new TreeMap<>();
			days.forEach((dir) -> sorted.put(LocalDate.parse(dir.getFileName().toString()), dir));
			for (LocalDate day : sorted.keySet()) {
				for (String hub : this.hubs) {
					if (Files.isDirectory(this.paths.spillDir(day, hub))) {
						ExecutionContext context = new ExecutionContext();
						context.putString(DAY, day.toString());
						context.putString(HUB, hub);
						partitions.put("day:" + AggregateDayTasklet.bucket(day, hub), context);
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return partitions;
	}

}

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
 * One partition per usage day and hub that loading found records to charge for. A day whose spill folder holds only
 * records other folders accounted for (prior spill files) has nothing to charge: a nightly run with a long history in
 * its folders would otherwise start a partition for every day of it.
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
					if (holdsRecordsToCharge(this.paths.spillDir(day, hub))) {
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

	static boolean holdsRecordsToCharge(Path dir) throws IOException {
		if (!Files.isDirectory(dir)) {
			return false;
		}
		try (Stream<Path> files = Files.list(dir)) {
			return files.anyMatch(RunPaths::isSpillToCharge);
		}
	}

}

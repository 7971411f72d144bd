package org.hubchargeback.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.hubchargeback.config.InvalidConfigurationException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ranges published under {@code output-dir}: every folder named {@code <from>_<to>} that holds a manifest (written
 * last, so a folder without one was never published). Two published folders that share a day charge that day twice,
 * which is what the launcher asks this class about before a run; {@code .staging} and {@code .history} are not
 * published.
 */
public final class PublishedFolders {

	private static final Pattern RANGE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})_(\\d{4}-\\d{2}-\\d{2})");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<Folder> folders;

	PublishedFolders(List<Folder> folders) {
		this.folders = folders.stream().sorted(Comparator.comparing(Folder::from).thenComparing(Folder::to)).toList();
	}

	/**
	 * @return the published folders directly under {@code outputDir}, oldest range first; none when it does not exist
	 * @throws InvalidConfigurationException when it cannot be listed
	 */
	public static PublishedFolders in(Path outputDir) {
		if (!Files.isDirectory(outputDir)) {
			return new PublishedFolders(List.of());
		}
		List<Folder> folders = new ArrayList<>();
		try (Stream<Path> listing = Files.list(outputDir)) {
			for (Path folder : listing.toList()) {
				Matcher name = RANGE.matcher(folder.getFileName().toString());
				if (name.matches() && Files.isRegularFile(folder.resolve(RunPaths.MANIFEST))) {
					Days days = days(name.group(1), name.group(2));
					if (days != null) {
						folders.add(new Folder(folder.getFileName().toString(), days.from(), days.to(), run(folder)));
					}
				}
			}
		}
		catch (IOException ex) {
			throw new InvalidConfigurationException("cannot list the output folder " + outputDir.toAbsolutePath()
					+ ": " + ex.getMessage());
		}
		return new PublishedFolders(folders);
	}

	private static @Nullable Days days(String from, String to) {
		try {
			Days days = new Days(LocalDate.parse(from), LocalDate.parse(to));
			return days.from().isAfter(days.to()) ? null : days;
		}
		catch (DateTimeParseException ex) {
			return null; // 2026-13-01_...: named like a range, but no job ever wrote it
		}
	}

	/**
	 * The run number the manifest records; 0 when it cannot be read (the folder still counts as published).
	 */
	private static long run(Path folder) {
		try {
			String manifest = Files.readString(folder.resolve(RunPaths.MANIFEST), StandardCharsets.UTF_8);
			return JSON.readTree(manifest).path("run").path("run").asLong(0);
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	/**
	 * @return every published folder, oldest range first
	 */
	public List<Folder> all() {
		return this.folders;
	}

	/**
	 * @return the published folders that share a day with {@code from..to}, other than that range's own folder (a
	 * rerun replaces it)
	 */
	public List<Folder> overlapping(LocalDate from, LocalDate to) {
		String own = new Days(from, to).folderName();
		return this.folders.stream()
			.filter((folder) -> !folder.name().equals(own))
			.filter((folder) -> !folder.from().isAfter(to) && !folder.to().isBefore(from))
			.toList();
	}

	/**
	 * @return the published folder that holds {@code day} (the first, should several)
	 */
	public Optional<Folder> holding(LocalDate day) {
		return this.folders.stream()
			.filter((folder) -> !day.isBefore(folder.from()) && !day.isAfter(folder.to()))
			.findFirst();
	}

	/**
	 * @return the days of {@code from..to} no published folder holds, as the fewest ranges, oldest first
	 */
	public List<Days> uncovered(LocalDate from, LocalDate to) {
		List<Days> gaps = new ArrayList<>();
		@Nullable LocalDate start = null;
		for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
			if (holding(day).isPresent()) {
				if (start != null) {
					gaps.add(new Days(start, day.minusDays(1)));
					start = null;
				}
			}
			else if (start == null) {
				start = day;
			}
		}
		if (start != null) {
			gaps.add(new Days(start, to));
		}
		return gaps;
	}

	/**
	 * A published range folder.
	 *
	 * @param name the folder's name, {@code <from>_<to>}
	 * @param run the run of the range it holds, as its manifest says (0 when the manifest cannot be read)
	 */
	public record Folder(String name, LocalDate from, LocalDate to, long run) {

		public Days days() {
			return new Days(this.from, this.to);
		}

	}

	/**
	 * Inclusive UTC usage dates.
	 */
	public record Days(LocalDate from, LocalDate to) {

		/**
		 * @return the options that charge these days
		 */
		public String options() {
			return "--from " + this.from + " --to " + this.to;
		}

		public String folderName() {
			return RunPaths.rangeName(this.from, this.to);
		}

		@Override
		public String toString() {
			return this.from.equals(this.to) ? this.from.toString() : this.from + ".." + this.to;
		}

	}

}

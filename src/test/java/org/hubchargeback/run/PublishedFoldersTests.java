package org.hubchargeback.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.hubchargeback.run.PublishedFolders.Days;
import org.hubchargeback.run.PublishedFolders.Folder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which ranges an output folder has published, and which days of a range they hold.
 */
class PublishedFoldersTests {

	@TempDir
	Path out;

	private void publish(String name, long run) throws IOException {
		Path folder = Files.createDirectories(this.out.resolve(name));
		Files.writeString(folder.resolve(RunPaths.MANIFEST), "{\"run\":{\"from\":\"x\",\"to\":\"y\",\"run\":" + run
				+ ",\"trigger\":\"manual\",\"runId\":" + (run + 40) + "}}");
	}

	private static LocalDate day(int day) {
		return LocalDate.of(2026, 11, day);
	}

	@Test
	void onlyRangeFoldersWithAManifestArePublished() throws IOException {
		// given two published ranges, and what else lives in an output folder
		publish("2026-11-17_2026-11-18", 2);
		publish("2026-11-16_2026-11-16", 1);
		Files.createDirectories(this.out.resolve("2026-11-19_2026-11-19")); // a crash before its manifest was written
		Files.createDirectories(this.out.resolve(".history/2026-11-16_2026-11-16/run1"));
		Files.createDirectories(this.out.resolve(".staging/2026-11-20_2026-11-20-run9"));
		publish("2026-11-30_2026-11-01", 1); // named like a range, ending before it starts
		publish("2026-13-01_2026-13-01", 1);
		publish("notes", 1);
		Files.writeString(this.out.resolve("2026-11-21_2026-11-21"), "a file, not a folder");

		// when
		PublishedFolders published = PublishedFolders.in(this.out);

		// then oldest first, with the run number its manifest records
		assertThat(published.all()).containsExactly(new Folder("2026-11-16_2026-11-16", day(16), day(16), 1),
				new Folder("2026-11-17_2026-11-18", day(17), day(18), 2));
	}

	@Test
	void aManifestThatCannotBeReadStillMarksTheFolderPublished() throws IOException {
		// given
		Path folder = Files.createDirectories(this.out.resolve("2026-11-16_2026-11-16"));
		Files.writeString(folder.resolve(RunPaths.MANIFEST), "{ not json");

		// when
		PublishedFolders published = PublishedFolders.in(this.out);

		// then
		assertThat(published.all()).containsExactly(new Folder("2026-11-16_2026-11-16", day(16), day(16), 0));
	}

	@Test
	void anOutputFolderThatDoesNotExistYetHasPublishedNothing() {
		// when
		PublishedFolders published = PublishedFolders.in(this.out.resolve("first-run"));

		// then
		assertThat(published.all()).isEmpty();
	}

	@Test
	void foldersThatShareADayOverlapButTheRangesOwnFolderDoesNot() throws IOException {
		// given
		publish("2026-11-14_2026-11-15", 1);
		publish("2026-11-16_2026-11-16", 1);
		publish("2026-11-17_2026-11-17", 3);
		publish("2026-11-16_2026-11-17", 1);
		publish("2026-11-18_2026-11-20", 1);

		// when
		PublishedFolders published = PublishedFolders.in(this.out);

		// then
		assertThat(published.overlapping(day(16), day(17))).extracting(Folder::name)
			.containsExactly("2026-11-16_2026-11-16", "2026-11-17_2026-11-17");
		assertThat(published.overlapping(day(15), day(18))).extracting(Folder::name)
			.containsExactly("2026-11-14_2026-11-15", "2026-11-16_2026-11-16", "2026-11-16_2026-11-17",
					"2026-11-17_2026-11-17", "2026-11-18_2026-11-20");
		assertThat(published.overlapping(day(21), day(30))).isEmpty();
	}

	@Test
	void theDaysNoFolderHoldsAreTheFewestRangesOldestFirst() throws IOException {
		// given
		publish("2026-11-16_2026-11-17", 1);
		publish("2026-11-20_2026-11-20", 1);

		// when
		PublishedFolders published = PublishedFolders.in(this.out);

		// then
		assertThat(published.uncovered(day(17), day(18))).containsExactly(new Days(day(18), day(18)));
		assertThat(published.uncovered(day(14), day(22))).containsExactly(new Days(day(14), day(15)),
				new Days(day(18), day(19)), new Days(day(21), day(22)));
		assertThat(published.uncovered(day(16), day(17))).isEmpty();
		assertThat(published.holding(day(17))).map(Folder::name).contains("2026-11-16_2026-11-17");
		assertThat(published.holding(day(18))).isEmpty();
	}

	@Test
	void daysAreNamedAsTheCommandLineTakesThem() {
		// given
		Days days = new Days(day(18), day(19));

		// then
		assertThat(days.options()).isEqualTo("--from 2026-11-18 --to 2026-11-19");
		assertThat(days.folderName()).isEqualTo("2026-11-18_2026-11-19");
		assertThat(days).hasToString("2026-11-18..2026-11-19");
		assertThat(new Days(day(18), day(18))).hasToString("2026-11-18");
	}

}

package dev.llmtwin.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

class SkipSummaryListenerTest {

	@Test
	void everyTestThatDidNotRunIsListedWithItsReason(@TempDir Path directory) throws Exception {
		launcher().execute(request().selectors(selectClass(SomeSkipped.class), selectClass(NoneRun.class)).build(),
				new SkipSummaryListener(directory));

		List<Path> files;
		try (var listing = Files.list(directory)) {
			files = listing.toList();
		}
		assertThat(files).hasSize(1);
		assertThat(Files.readAllLines(files.get(0))).containsExactlyInAnyOrder(
				"skipped\t1\tSkipSummaryListenerTest.SomeSkipped.disabled\tnot on Tuesdays",
				"skipped\t1\tSkipSummaryListenerTest.SomeSkipped.aborted\tChromium must be installed",
				"skipped\t2\tSkipSummaryListenerTest.NoneRun\tno Docker engine answers");
	}

	@Test
	void nothingSkippedWritesNothing(@TempDir Path directory) throws Exception {
		launcher().execute(request().selectors(selectClass(AllRun.class)).build(), new SkipSummaryListener(directory));
		try (var listing = Files.list(directory)) {
			assertThat(listing).isEmpty();
		}
	}

	/** Without the listener registered for this run, which would report these too. */
	private static Launcher launcher() {
		return LauncherFactory
			.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build());
	}

	static class SomeSkipped {

		@Test
		void runs() {
		}

		@Test
		@Disabled("not on Tuesdays")
		void disabled() {
		}

		@Test
		void aborted() {
			Assumptions.abort("Chromium must be installed");
		}

	}

	static class NoneRun {

		@BeforeAll
		static void requireDocker() {
			Assumptions.abort("no Docker engine answers");
		}

		@Test
		void one() {
		}

		@Test
		void two() {
		}

	}

	static class AllRun {

		@Test
		void runs() {
		}

	}

}

package dev.llmtwin.bench.fleet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import dev.llmtwin.bench.Benchmark;
import dev.llmtwin.bench.Goal;
import dev.llmtwin.bench.MakeRunFlags;

import static dev.llmtwin.bench.Figures.round;

/**
 * The memory {@code make run}'s fleet takes while it works: the peak resident set of its
 * process (the kernel's {@code VmHWM}) after it crawled, published, embedded and indexed
 * {@value #PAGES} pages and answered {@value #SEARCHES} searches, with the JVM flags of
 * {@code make run} (a 512 MiB heap).
 */
public class FleetMemoryBenchmark implements Benchmark {

	private static final int PAGES = 100;

	private static final int SEARCHES = 200;

	private static final int FIRST_PAGE = 5000;

	/** Waits until the feature store holds {@code count} articles. */
	private static void awaitArticles(FleetProcess fleet, int count) throws Exception {
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (fleet.client().stats().path("types").path("article").path("documents").asLong() < count) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("The fleet did not store " + count + " articles within 3 minutes");
			}
			Thread.sleep(100);
		}
	}

	@Override
	public String name() {
		return "fleet-memory";
	}

	@Override
	public List<Goal> goals() {
		return List.of(Goal.below("peakRssMiB", 1024));
	}

	@Override
	public String description() {
		return "peak resident memory of make run's fleet while it crawls, publishes, embeds and serves search";
	}

	@Override
	public Map<String, Object> run() throws Exception {
		Path log = Path.of(System.getProperty("bench.results", "bench/results")).resolve("fleet-memory-fleet.log");
		Map<String, Object> figures = new LinkedHashMap<>();
		try (NotesSite site = NotesSite.start();
				FleetProcess fleet = FleetProcess.start(FleetProcess.notesSite(), log)) {
			long idle = fleet.rssMiB();
			List<String> links = new ArrayList<>();
			for (int page = FIRST_PAGE; page < FIRST_PAGE + PAGES; page++) {
				links.add(site.url(page));
			}
			System.out.printf("   fleet ready at %d MiB; crawling %d pages…%n", idle, PAGES);
			JsonNode job = fleet.client().crawlJob(links, "Memory Writer");
			String authorId = job.get("author").get("id").asString();
			awaitArticles(fleet, PAGES);
			for (int i = 0; i < SEARCHES; i++) {
				fleet.client().search(NotesSite.title(FIRST_PAGE + i % PAGES), authorId, 10);
			}
			figures.put("peakRssMiB", fleet.peakRssMiB());
			figures.put("rssAfterMiB", fleet.rssMiB());
			figures.put("rssIdleAfterStartMiB", idle);
			figures.put("maxHeapMiB", round(fleet.metric("jvm.memory.max?tag=area:heap") / (1 << 20)));
			figures.put("heapUsedMiB", round(fleet.metric("jvm.memory.used?tag=area:heap") / (1 << 20)));
			figures.put("jvmFlags", String.join(" ", MakeRunFlags.jvmFlags()));
			figures.put("pages", PAGES);
			figures.put("searches", SEARCHES);
		}
		return figures;
	}

}

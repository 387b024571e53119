package dev.llmtwin.bench.fleet;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import tools.jackson.databind.JsonNode;

import dev.llmtwin.bench.Benchmark;
import dev.llmtwin.bench.Figures;
import dev.llmtwin.bench.Goal;

import static dev.llmtwin.bench.Figures.round;

/**
 * How long until a crawled page is searchable: {@code make run}'s fleet as a process of
 * its own, pages served on loopback, from {@code POST /api/crawls} to the page among the
 * hits of {@code /api/search}. Single pages on an idle fleet (the first one apart, it
 * meets a cold JVM), then a batch of 50 in one job. A single page's time is split by
 * stage from what the services report: crawl (queue, fetch, extract, store: the link's
 * last update), CDC publish (the stream's write-to-confirm lag), embed and write (to the
 * cleaned document's {@code appliedAt}) and visible (until a search returns it); within
 * them, fetch, extract and store, and embed and index (the vector store's write), from
 * the services' stage timers ({@code crawler.page.*}, {@code feature.stage}), what each
 * recorded while the page went through. Search is polled every 25 ms, which bounds the
 * resolution.
 */
public class FreshnessBenchmark implements Benchmark {

	private static final int SINGLE_RUNS = 20;

	private static final int BATCH = 50;

	/** Batch pages are numbered from here, away from the single ones. */
	private static final int BATCH_FIRST_PAGE = 1000;

	private static final Duration POLL = Duration.ofMillis(25);

	private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(90);

	@Override
	public String name() {
		return "freshness";
	}

	@Override
	public List<Goal> goals() {
		return List.of(Goal.below("singleP50Seconds", 0.5), Goal.below("singleP95Seconds", 1.0));
	}

	@Override
	public String description() {
		return "seconds from POST /api/crawls to the page returned by /api/search on make run's fleet: " + SINGLE_RUNS
				+ " single pages on an idle fleet, and a batch of " + BATCH;
	}

	@Override
	public Map<String, Object> run() throws Exception {
		Path log = Path.of(System.getProperty("bench.results", "bench/results")).resolve("freshness-fleet.log");
		Map<String, Object> figures = new LinkedHashMap<>();
		try (NotesSite site = NotesSite.start();
				FleetProcess fleet = FleetProcess.start(FleetProcess.notesSite(), log)) {
			System.out.printf("   fleet ready (pid log: %s); %d single pages…%n", log, SINGLE_RUNS + 1);
			Stages first = single(fleet, site, 0);
			// The timers exist once the first page has gone through.
			StageTimes timed = StageTimes.read(fleet);
			List<Stages> singles = new ArrayList<>();
			List<StageTimes> split = new ArrayList<>();
			for (int page = 1; page <= SINGLE_RUNS; page++) {
				singles.add(single(fleet, site, page));
				StageTimes now = StageTimes.read(fleet);
				split.add(now.since(timed));
				timed = now;
			}
			System.out.printf("   a batch of %d pages…%n", BATCH);
			List<Double> batch = batch(fleet, site);
			List<Double> totals = singles.stream().map(Stages::totalSeconds).toList();
			figures.put("singleFirstSeconds", round(first.totalSeconds()));
			figures.put("singleP50Seconds", round(percentile(totals, 50)));
			figures.put("singleP95Seconds", round(percentile(totals, 95)));
			figures.put("singleCrawlP50Millis", median(singles, Stages::crawlMillis));
			figures.put("singleFetchP50Millis", median(split, StageTimes::fetchMillis));
			figures.put("singleExtractP50Millis", median(split, StageTimes::extractMillis));
			figures.put("singleStoreP50Millis", median(split, StageTimes::storeMillis));
			figures.put("singleCdcPublishP50Millis", median(singles, Stages::cdcPublishMillis));
			figures.put("singleEmbedAndWriteP50Millis", median(singles, Stages::embedAndWriteMillis));
			figures.put("singleEmbedP50Millis", median(split, StageTimes::embedMillis));
			figures.put("singleIndexP50Millis", median(split, StageTimes::indexMillis));
			figures.put("singleVisibleP50Millis", median(singles, Stages::visibleMillis));
			figures.put("batchPages", BATCH);
			figures.put("batchP50Seconds", round(percentile(batch, 50)));
			figures.put("batchP95Seconds", round(percentile(batch, 95)));
			figures.put("batchPagesPerSecond",
					round(BATCH / batch.stream().mapToDouble(Double::doubleValue).max().orElseThrow()));
			figures.put("searchPollMillis", POLL.toMillis());
		}
		return figures;
	}

	/** One page in a job of its own, by an author of its own. */
	private static Stages single(FleetProcess fleet, NotesSite site, int page) throws Exception {
		long posted = System.nanoTime();
		Instant postedAt = Instant.now();
		JsonNode job = fleet.client().crawlJob(List.of(site.url(page)), "Fresh Writer" + page);
		String authorId = job.get("author").get("id").asString();
		long visible = awaitSearchable(fleet, List.of(site.url(page)), authorId, NotesSite.title(page)).values()
			.iterator()
			.next();
		double total = (visible - posted) / 1e9;
		Instant visibleAt = postedAt.plusNanos(visible - posted);
		Instant crawled = Instant
			.parse(fleet.client().job(job.get("id").asString()).get("links").get(0).get("updatedAt").asString());
		double cdcPublish = articlesLagMillis(fleet);
		Instant applied = Instant.parse(fleet.client().stats().get("lastApplied").get("appliedAt").asString());
		double crawlMillis = Duration.between(postedAt, crawled).toNanos() / 1e6;
		double embedAndWrite = Duration.between(crawled, applied).toNanos() / 1e6 - cdcPublish;
		double visibleMillis = Duration.between(applied, visibleAt).toNanos() / 1e6;
		return new Stages(total, crawlMillis, cdcPublish, embedAndWrite, visibleMillis);
	}

	/** Seconds from the job's post to each page's first appearance in the search. */
	private static List<Double> batch(FleetProcess fleet, NotesSite site) throws Exception {
		List<String> links = new ArrayList<>();
		for (int page = BATCH_FIRST_PAGE; page < BATCH_FIRST_PAGE + BATCH; page++) {
			links.add(site.url(page));
		}
		long posted = System.nanoTime();
		JsonNode job = fleet.client().crawlJob(links, "Batch Writer");
		Map<String, Long> seen = awaitSearchable(fleet, links, job.get("author").get("id").asString(), "field notes");
		return seen.values().stream().map((at) -> (at - posted) / 1e9).toList();
	}

	/**
	 * Polls the author's search hits until every link is among them; returns when each
	 * was first seen ({@link System#nanoTime()}). Each page is one chunk, so {@code k} =
	 * the number of pages returns all of them once stored.
	 */
	static Map<String, Long> awaitSearchable(FleetProcess fleet, List<String> links, String authorId, String query)
			throws Exception {
		Map<String, Long> seen = new HashMap<>();
		long deadline = System.nanoTime() + PAGE_TIMEOUT.toNanos();
		while (seen.size() < links.size()) {
			for (JsonNode hit : fleet.client().search(query, authorId, Math.max(5, links.size())).get("hits")) {
				String link = hit.get("link").asString();
				if (links.contains(link)) {
					seen.putIfAbsent(link, System.nanoTime());
				}
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException((links.size() - seen.size()) + " of " + links.size()
						+ " pages not searchable after " + PAGE_TIMEOUT);
			}
			Thread.sleep(POLL);
		}
		return seen;
	}

	private static double articlesLagMillis(FleetProcess fleet) throws Exception {
		for (JsonNode stream : fleet.cdcStatus().get("streams")) {
			if (stream.get("collection").asString().equals("articles") && stream.hasNonNull("lagMillis")) {
				return stream.get("lagMillis").asDouble();
			}
		}
		throw new IllegalStateException("The articles stream reports no lag");
	}

	private static <T> double median(List<T> runs, ToDoubleFunction<T> stage) {
		return round(Figures.percentile(runs.stream().mapToDouble(stage).toArray(), 0.5));
	}

	static double percentile(List<Double> values, int percentile) {
		return Figures.percentile(values.stream().mapToDouble(Double::doubleValue).toArray(), percentile / 100.0);
	}

	private record Stages(double totalSeconds, double crawlMillis, double cdcPublishMillis, double embedAndWriteMillis,
			double visibleMillis) {
	}

	/** What the services' stage timers have recorded, in milliseconds. */
	private record StageTimes(double fetchMillis, double extractMillis, double storeMillis, double embedMillis,
			double indexMillis) {

		static StageTimes read(FleetProcess fleet) {
			return new StageTimes(1e3 * fleet.crawlerTimerSeconds("crawler.page.fetch"),
					1e3 * fleet.crawlerTimerSeconds("crawler.page.extract"),
					1e3 * fleet.crawlerTimerSeconds("crawler.page.store"),
					1e3 * fleet.featureTimerSeconds("feature.stage?tag=stage:embed"),
					1e3 * fleet.featureTimerSeconds("feature.stage?tag=stage:vectors"));
		}

		StageTimes since(StageTimes before) {
			return new StageTimes(this.fetchMillis - before.fetchMillis, this.extractMillis - before.extractMillis,
					this.storeMillis - before.storeMillis, this.embedMillis - before.embedMillis,
					this.indexMillis - before.indexMillis);
		}

	}

}

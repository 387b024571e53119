package dev.llmtwin.bench.crawler;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jsoup.Jsoup;

import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.llmtwin.bench.Benchmark;
import dev.llmtwin.bench.Goal;
import dev.llmtwin.bench.ProcessClock;
import dev.llmtwin.crawler.CrawlerServiceApplication;
import dev.llmtwin.crawler.article.ExpandProperties;
import dev.llmtwin.crawler.crawl.CrawlResult;
import dev.llmtwin.crawler.crawl.SourceCrawler;
import dev.llmtwin.crawler.extract.PageExtractor;
import dev.llmtwin.crawler.worker.WorkerProperties;
import dev.llmtwin.embedded.EmbeddedMongoServer;
import dev.llmtwin.model.CrawlCommand;
import dev.llmtwin.model.Ids;
import dev.llmtwin.model.RawCollections;
import dev.llmtwin.model.Source;
import dev.llmtwin.model.UserDocument;

import static dev.llmtwin.bench.Figures.percentile;
import static dev.llmtwin.bench.Figures.round;

/**
 * The web crawler of crawler-service (SSRF guard, robots.txt, rate limit, fetch over
 * loopback HTTP, Readability extraction, content hash, write to the embedded MongoDB)
 * against our own extractor on the same pages from memory (the goal), jsoup parsing them
 * from memory, and jsoup fetching and parsing them over the same loopback HTTP; one
 * thread each, the crawl's as one worker of the service crawls (its lane extracts one
 * page while the next is fetched and the last written, at most the prefetch's count of
 * commands held). Also one worker crawling a blog whose feed lists 600 posts (fetched
 * ahead and written behind extraction), and the web workers in parallel.
 */
public class CrawlerThroughputBenchmark implements Benchmark {

	private static final int PAGES = 400;

	/**
	 * Pages handled before the jsoup baselines and the parallel rounds: the crawl path
	 * runs through the HTTP client, the MongoDB driver and the embedded server, whose
	 * code the JIT compiles only after a few thousand calls (a store took 2.2 ms after
	 * 100 pages, 0.6 ms after 6,000).
	 */
	private static final int WARMUP = 3_000;

	/**
	 * The warm-up of the extractor, the one-thread crawl and the blog crawl is taken in
	 * this many turns: the paths share code (the blog crawl runs the HTTP client and the
	 * MongoDB driver on virtual threads), and until every path has run many times the JIT
	 * keeps deoptimizing and recompiling it, on the core the crawl's network work needs.
	 * After three turns the compilers still took 5.1 s during the measured rounds and the
	 * crawl 3.3 ms of CPU a page; after eight, 0.9-1.3 s and 1.4-1.8 ms.
	 */
	private static final int WARMUP_TURNS = 8;

	/** Pages of the extractor and of the one-thread crawl in each turn of the warm-up. */
	private static final int TURN_PAGES = 1_000;

	/**
	 * Pairs of blocks, the extractor's then the one-thread crawl's, each pair's ratio
	 * taken and the median reported. The machine's own speed moves by the second: in
	 * rounds of 600 pages the extractor took 0.69 ms of CPU a page in one and 1.5 ms in
	 * the next, so the best of three rounds each compared moments, not the crawler; a
	 * block pair lasts a quarter of a second and shares its moment.
	 */
	private static final int PAIRS = 16;

	/** Pages in each block of a pair. */
	private static final int BLOCK = 120;

	/** Rounds of the blog crawl, the best reported. */
	private static final int ROUNDS = 3;

	/**
	 * Posts of the blog crawl, and pages of the baselines and the parallel crawl,
	 * measured after the warm-up; link {@code i} serves page {@code i % PAGES}. The
	 * one-thread crawl's warm-up and pairs stay below {@link #LINKS_PER_RUN} links.
	 */
	private static final int MEASURED = 600;

	/** Each run crawls links of its own, so that every crawl stores a new article. */
	private static final int LINKS_PER_RUN = 10_000;

	private static final UserDocument AUTHOR = new UserDocument(Ids.authorId("Bench", "Writer"), "Bench", "Writer",
			Map.of());

	@Override
	public String name() {
		return "crawler-throughput";
	}

	@Override
	public String description() {
		return "web crawler pages fetched, extracted and stored per second (loopback HTTP, embedded MongoDB) "
				+ "against our own extractor on the same pages from memory, jsoup parse-only and jsoup "
				+ "fetch-and-parse";
	}

	@Override
	public List<Goal> goals() {
		return List.of(Goal.atLeast("extractorRatio", 0.5));
	}

	@Override
	public Map<String, Object> run() throws Exception {
		List<byte[]> pages = new ArrayList<>();
		for (int i = 0; i < PAGES; i++) {
			pages.add(page(i).getBytes(StandardCharsets.UTF_8));
		}
		HttpServer site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		site.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		site.createContext("/posts/", (exchange) -> {
			String path = exchange.getRequestURI().getPath();
			byte[] body = pages.get(Integer.parseInt(path.substring(path.lastIndexOf('/') + 1)) % PAGES);
			exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, body.length);
			try (exchange) {
				exchange.getResponseBody().write(body);
			}
		});
		// A blog's author page whose feed lists MEASURED posts from the one its name
		// gives.
		site.createContext("/author/", (exchange) -> {
			String path = exchange.getRequestURI().getPath();
			String[] parts = path.split("/");
			int first = Integer.parseInt(parts[2].substring(1));
			String base = "http://" + exchange.getRequestHeaders().getFirst("Host");
			byte[] body = (path.endsWith("feed.xml") ? feed(base, first) : blogIndex(path + "feed.xml"))
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders()
				.set("Content-Type", path.endsWith("feed.xml") ? "application/rss+xml" : "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, body.length);
			try (exchange) {
				exchange.getResponseBody().write(body);
			}
		});
		site.createContext("/", (exchange) -> {
			exchange.sendResponseHeaders(404, -1);
			exchange.close();
		});
		site.start();
		String base = "http://127.0.0.1:" + site.getAddress().getPort() + "/posts/";
		Map<String, Object> figures = new LinkedHashMap<>();
		try (EmbeddedMongoServer mongo = EmbeddedMongoServer.inMemory();
				ConfigurableApplicationContext service = new SpringApplicationBuilder(CrawlerServiceApplication.class)
					.bannerMode(Banner.Mode.OFF)
					.run("--spring.mongodb.uri=" + mongo.uri(RawCollections.DATABASE), "--server.port=0",
							SERVICE_API_KEY_ARGUMENT, "--server.address=127.0.0.1", "--crawler.sources=",
							"--crawler.fetch.allowed-hosts=127.0.0.1",
							"--crawler.fetch.host-requests-per-second=1000000", "--crawler.workers.web.render=never",
							"--crawler.expand.max-articles=" + MEASURED, "--logging.level.dev.llmtwin=WARN")) {
			SourceCrawler crawler = service.getBeansOfType(SourceCrawler.class)
				.values()
				.stream()
				.filter((candidate) -> candidate.source() == Source.WEB)
				.findFirst()
				.orElseThrow();
			double parseOnly = rate(
					(i) -> Jsoup.parse(new String(pages.get(i % PAGES), StandardCharsets.UTF_8), base + i));
			PageExtractor extractor = service.getBean(PageExtractor.class);
			PageTask extract = (i) -> extractor
				.extract(Jsoup.parse(new String(pages.get(i % PAGES), StandardCharsets.UTF_8), base + i), null);
			double fetchAndParse = rate((i) -> Jsoup.connect(base + (LINKS_PER_RUN + i)).get());
			int prefetch = service.getEnvironment()
				.getRequiredProperty("spring.rabbitmq.listener.simple.prefetch", Integer.class);
			Worker worker = new Worker(crawler, prefetch);
			PageTask crawl = (i) -> worker.crawl(base + (2 * LINKS_PER_RUN + i));
			// One worker crawling a blog: one command, the author page, expanded into the
			// MEASURED posts its feed lists.
			PageTask expandBlog = (round) -> {
				String link = "http://127.0.0.1:" + site.getAddress().getPort() + "/author/p"
						+ (4 * LINKS_PER_RUN + round * MEASURED) + "/";
				CrawlResult result = crawler.crawl(new CrawlCommand("bench", 0, link, Source.WEB, AUTHOR.id()), AUTHOR);
				if (result.documents().size() != MEASURED || !result.changed()) {
					throw new IllegalStateException(link + " gave " + result.documents().size() + " posts");
				}
				return null;
			};
			for (int turn = 0; turn < WARMUP_TURNS; turn++) {
				for (int i = turn * TURN_PAGES; i < (turn + 1) * TURN_PAGES; i++) {
					extract.run(i);
					crawl.run(i);
				}
				worker.finish();
				expandBlog.run(turn);
			}
			StageTimes serialStages = new StageTimes(service.getBean(MeterRegistry.class));
			double[] extractRates = new double[PAIRS];
			double[] crawlRates = new double[PAIRS];
			double[] pairRatios = new double[PAIRS];
			double blogCrawled = 0;
			long crawlNanos = 0;
			long extractCpuNanos = 0;
			long crawlCpuNanos = 0;
			long blogCpuNanos = 0;
			long jitMillis = ProcessClock.compileMillis();
			for (int pair = 0; pair < PAIRS; pair++) {
				int first = WARMUP_TURNS * TURN_PAGES + pair * BLOCK;
				long cpu = ProcessClock.cpuNanos();
				extractRates[pair] = measure(extract, first, BLOCK);
				extractCpuNanos += ProcessClock.cpuNanos() - cpu;
				serialStages.start();
				long started = System.nanoTime();
				cpu = ProcessClock.cpuNanos();
				measure(crawl, first, BLOCK);
				worker.finish();
				long nanos = System.nanoTime() - started;
				crawlCpuNanos += ProcessClock.cpuNanos() - cpu;
				crawlNanos += nanos;
				crawlRates[pair] = BLOCK / (nanos / 1e9);
				serialStages.stop();
				pairRatios[pair] = crawlRates[pair] / extractRates[pair];
			}
			worker.close();
			for (int round = 0; round < ROUNDS; round++) {
				long blogStarted = System.nanoTime();
				long cpu = ProcessClock.cpuNanos();
				expandBlog.run(WARMUP_TURNS + round);
				blogCpuNanos += ProcessClock.cpuNanos() - cpu;
				blogCrawled = Math.max(blogCrawled, MEASURED / ((System.nanoTime() - blogStarted) / 1e9));
			}
			jitMillis = ProcessClock.compileMillis() - jitMillis;
			// As the service runs: the web source's workers crawl links in parallel; the
			// extractor on every core.
			int workers = service.getBean(WorkerProperties.class).worker(Source.WEB).concurrency();
			int cores = Runtime.getRuntime().availableProcessors();
			double extractParallel = parallelRate(cores,
					() -> new ThreadTask((i) -> extractor
						.extract(Jsoup.parse(new String(pages.get(i % PAGES), StandardCharsets.UTF_8), base + i), null),
							() -> {
							}));
			double crawledParallel = parallelRate(workers, () -> {
				Worker own = new Worker(crawler, prefetch);
				return new ThreadTask((i) -> own.crawl(base + (3 * LINKS_PER_RUN + i)), () -> {
					own.finish();
					own.close();
				});
			});
			double crawled = percentile(crawlRates, 0.5);
			double extractOnly = percentile(extractRates, 0.5);
			figures.put("pages", PAIRS * BLOCK);
			figures.put("warmUpPages", WARMUP_TURNS * TURN_PAGES);
			figures.put("warmUpTurns", WARMUP_TURNS);
			figures.put("pairs", PAIRS);
			figures.put("pagesPerBlock", BLOCK);
			figures.put("blogRounds", ROUNDS);
			// Medians of the blocks' rates.
			figures.put("crawledPagesPerSecond", round(crawled));
			figures.put("jsoupParsePagesPerSecond", round(parseOnly));
			figures.put("jsoupFetchAndParsePagesPerSecond", round(fetchAndParse));
			// The one-thread crawl's measured pages stage by stage, and its time a page:
			// the store runs behind the next page's fetch and extraction.
			for (String stage : StageTimes.STAGES) {
				figures.put(stage + "MeanMillis", round(serialStages.meanMillis(stage)));
			}
			figures.put("crawlMeanMillis", round(crawlNanos / 1e6 / (PAIRS * BLOCK)));
			figures.put("extractorPagesPerSecond", round(extractOnly));
			// The median of the pairs' ratios, and how far the pairs spread.
			figures.put("extractorRatio", round(percentile(pairRatios, 0.5)));
			figures.put("extractorRatioLowestPair", round(percentile(pairRatios, 0)));
			figures.put("extractorRatioHighestPair", round(percentile(pairRatios, 1)));
			figures.put("blogCrawledPagesPerSecond", round(blogCrawled));
			figures.put("fetchAhead", service.getBean(ExpandProperties.class).fetchAhead());
			figures.put("blogExtractorRatio", round(blogCrawled / extractOnly));
			// The whole process's CPU per measured page: the test site and the embedded
			// MongoDB run in it too.
			figures.put("extractorCpuMillisPerPage", round(extractCpuNanos / 1e6 / (PAIRS * BLOCK)));
			figures.put("crawlCpuMillisPerPage", round(crawlCpuNanos / 1e6 / (PAIRS * BLOCK)));
			figures.put("blogCpuMillisPerPage", round(blogCpuNanos / 1e6 / (ROUNDS * MEASURED)));
			// The JIT compilers' time while the rounds ran: on two cores it competes with
			// the crawl's network work, not with the one-thread extractor.
			figures.put("jitMillisInRounds", jitMillis);
			figures.put("workers", workers);
			figures.put("crawledParallelPagesPerSecond", round(crawledParallel));
			figures.put("extractorParallelPagesPerSecond", round(extractParallel));
			figures.put("parallelExtractorRatio", round(crawledParallel / extractParallel));
			figures.put("ratio", round(crawled / parseOnly));
			figures.put("crawlVsFetchAndParseRatio", round(crawled / fetchAndParse));
			figures.put("pageBytes", pages.get(0).length);
		}
		finally {
			site.stop(0);
		}
		return figures;
	}

	/** Pages per second over the pages after the warm-up. */
	private static double rate(PageTask task) throws Exception {
		warmUp(task);
		return measure(task, WARMUP, MEASURED);
	}

	private static void warmUp(PageTask task) throws Exception {
		for (int i = 0; i < WARMUP; i++) {
			task.run(i);
		}
	}

	/** Pages per second over the given number of pages from the given one. */
	private static double measure(PageTask task, int first, int pages) throws Exception {
		long start = System.nanoTime();
		for (int i = first; i < first + pages; i++) {
			task.run(i);
		}
		return pages / ((System.nanoTime() - start) / 1e9);
	}

	/**
	 * Pages per second over the pages after the warm-up, taken by {@code threads} threads
	 * from one counter, each with a task of its own.
	 */
	private static double parallelRate(int threads, Supplier<ThreadTask> tasks) throws Exception {
		ThreadTask warmUp = tasks.get();
		for (int i = 0; i < WARMUP; i++) {
			warmUp.task().run(i);
		}
		warmUp.finish().run();
		AtomicInteger next = new AtomicInteger(WARMUP);
		try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
			long start = System.nanoTime();
			List<Future<?>> running = new ArrayList<>();
			for (int thread = 0; thread < threads; thread++) {
				running.add(pool.submit(() -> {
					ThreadTask own = tasks.get();
					for (int i = next.getAndIncrement(); i < WARMUP + MEASURED; i = next.getAndIncrement()) {
						own.task().run(i);
					}
					own.finish().run();
					return null;
				}));
			}
			for (Future<?> done : running) {
				done.get();
			}
			return MEASURED / ((System.nanoTime() - start) / 1e9);
		}
	}

	private static String blogIndex(String feed) {
		return """
				<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench Writer | Bench Blog</title>
				<link rel="alternate" type="application/rss+xml" href="%s"></head>
				<body><h1>Posts by Bench Writer</h1><p>Everything the writer posted, newest first.</p></body></html>"""
			.formatted(feed);
	}

	/** An RSS feed listing {@link #MEASURED} posts from the given one. */
	private static String feed(String base, int first) {
		StringBuilder items = new StringBuilder();
		for (int i = first; i < first + MEASURED; i++) {
			items.append("<item><title>Post ")
				.append(i)
				.append("</title><link>")
				.append(base)
				.append("/posts/")
				.append(i)
				.append("</link></item>");
		}
		return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Bench Blog</title>"
				+ items + "</channel></rss>";
	}

	/**
	 * A blog post page with navigation, sidebar, comments and footer around the article.
	 */
	private static String page(int index) {
		StringBuilder article = new StringBuilder();
		for (int section = 0; section < 6; section++) {
			article.append("<h2>Section ").append(section).append(" of post ").append(index).append("</h2>");
			for (int paragraph = 0; paragraph < 4; paragraph++) {
				article.append("<p>Paragraph ")
					.append(paragraph)
					.append(" of section ")
					.append(section)
					.append(" in post ")
					.append(index)
					.append(": a change stream is an ordered, resumable feed of every write, and the consumer ")
					.append("turns each event into chunks, embeddings and points in the vector store.</p>");
			}
		}
		String template = """
				<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Post %1$d | Bench Blog</title>
				<meta property="og:title" content="Post %1$d"><meta name="author" content="Bench Writer">
				<meta property="article:published_time" content="2024-03-18T08:30:00Z">
				<script>window.dataLayer = window.dataLayer || [];</script><style>body{font-family:serif}</style></head>
				<body><header><nav><a href="/">Home</a><a href="/archive">Archive</a><a href="/about">About</a></nav></header>
				<main><article><h1>Post %1$d</h1>%2$s</article>
				<section class="comments"><h3>3 Comments</h3><p>Nice post!</p><form><textarea></textarea></form></section></main>
				<aside><h3>Popular posts</h3><ul><li><a href="/posts/1">One</a></li><li><a href="/posts/2">Two</a></li></ul></aside>
				<footer><p>All rights reserved.</p><a href="/privacy">Privacy policy</a></footer></body></html>""";
		return template.formatted(index, article);
	}

	/**
	 * The crawler's {@code crawler.page.*} timers of the web source, summed over the
	 * spans from each start to its stop.
	 */
	private static final class StageTimes {

		static final List<String> STAGES = List.of("fetch", "extract", "store");

		private final MeterRegistry meters;

		private final Map<String, double[]> started = new LinkedHashMap<>();

		private final Map<String, double[]> summed = new LinkedHashMap<>();

		StageTimes(MeterRegistry meters) {
			this.meters = meters;
		}

		void start() {
			for (String stage : STAGES) {
				this.started.put(stage, countAndMillis(stage));
			}
		}

		void stop() {
			for (String stage : STAGES) {
				double[] now = countAndMillis(stage);
				double[] then = this.started.get(stage);
				double[] sum = this.summed.computeIfAbsent(stage, (key) -> new double[2]);
				sum[0] += now[0] - then[0];
				sum[1] += now[1] - then[1];
			}
		}

		/** The stage's mean time per page over the spans. */
		double meanMillis(String stage) {
			double[] sum = this.summed.getOrDefault(stage, new double[2]);
			return (sum[0] > 0) ? sum[1] / sum[0] : 0;
		}

		private double[] countAndMillis(String stage) {
			Timer timer = this.meters.find("crawler.page." + stage).tag("source", Source.WEB.routingKey()).timer();
			return (timer != null) ? new double[] { timer.count(), timer.totalTime(TimeUnit.MILLISECONDS) }
					: new double[2];
		}

	}

	@FunctionalInterface
	private interface PageTask {

		Object run(int index) throws Exception;

	}

	@FunctionalInterface
	private interface Finish {

		void run() throws Exception;

	}

	/** A thread's task and what it does when the pages run out. */
	private record ThreadTask(PageTask task, Finish finish) {
	}

	/**
	 * One crawl worker as the service runs it: its lane, one thread, extracts a page
	 * while the next is fetched and the last is written, and it holds at most the
	 * prefetch's count of commands, so before it takes one more it waits for the oldest
	 * to be written (the broker delivers the next command when that one is acknowledged).
	 */
	private static final class Worker implements AutoCloseable {

		private final SourceCrawler crawler;

		private final int prefetch;

		private final ExecutorService lane = Executors.newSingleThreadExecutor();

		private final Deque<CompletableFuture<CrawlResult>> unacknowledged = new ArrayDeque<>();

		Worker(SourceCrawler crawler, int prefetch) {
			this.crawler = crawler;
			this.prefetch = prefetch;
		}

		Object crawl(String link) {
			while (this.unacknowledged.size() >= this.prefetch) {
				acknowledge();
			}
			this.unacknowledged.add(this.crawler.crawlOn(this.lane,
					new CrawlCommand("bench", 0, link, Source.WEB, AUTHOR.id()), AUTHOR));
			return null;
		}

		@Override
		public void close() {
			this.lane.shutdownNow();
		}

		/**
		 * Waits for every write, as a block's or a thread's last pages are acknowledged.
		 */
		void finish() {
			while (!this.unacknowledged.isEmpty()) {
				acknowledge();
			}
		}

		private void acknowledge() {
			CrawlResult result = this.unacknowledged.removeFirst().join();
			if (!result.changed()) {
				throw new IllegalStateException(result.primaryDocumentId() + " was not stored");
			}
		}

	}

}

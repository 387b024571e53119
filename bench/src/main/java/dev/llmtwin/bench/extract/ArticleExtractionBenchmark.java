package dev.llmtwin.bench.extract;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

import net.dankito.readability4j.Readability4J;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import tools.jackson.databind.JsonNode;

import dev.llmtwin.bench.Benchmark;
import dev.llmtwin.bench.Goal;
import dev.llmtwin.crawler.extract.ArticleExtractor;
import dev.llmtwin.crawler.extract.ExtractedArticle;
import dev.llmtwin.crawler.extract.PageExtractor.PageExtraction;
import dev.llmtwin.crawler.extract.PageExtractor;
import dev.llmtwin.crawler.fetch.PageFetcher;
import dev.llmtwin.crawler.job.SourceDispatcher;
import dev.llmtwin.crawler.link.LinkNormalizer;
import dev.llmtwin.crawler.source.medium.MediumRules;
import dev.llmtwin.crawler.source.substack.SubstackRules;
import dev.llmtwin.model.TwinJson;

import static dev.llmtwin.bench.Figures.percentile;
import static dev.llmtwin.bench.Figures.round;

/**
 * The main-text extractor on the article-extraction benchmark (181 real pages with
 * hand-made ground truth, {@code ../shared/benchmarks/article-extraction}): every page
 * through the code path of {@code POST /api/extract} with raw bytes (charset detection,
 * site rules, boilerplate rules, Readability), scored by the benchmark's own
 * {@code score.py}; against the published predictions of trafilatura 2.0.0 and
 * Readability.js scored in the same run, and against Readability4J alone (the base
 * library). Speed is CPU time per page on one thread after a warm-up pass.
 */
public class ArticleExtractionBenchmark implements Benchmark {

	/** Runs of each large page, whose median is reported. */
	private static final int LARGE_PAGE_RUNS = 3;

	private static final int MEASURED_PASSES = 3;

	/** Subsets of main-text-mixed whose labelled main text opens with the headline. */
	private static final Set<String> LABELLED_HEADLINES = Set.of("l3s-gn1", "dragnet");

	@Override
	public String name() {
		return "article-extraction";
	}

	@Override
	public List<Goal> goals() {
		return List.of(Goal.atLeast("f1", 0.97), Goal.atLeast("mixedF1", 0.93),
				Goal.atLeast("mixedLowestSubsetF1", 0.88));
	}

	@Override
	public String description() {
		return "main-text F1 on 181 real pages (score.py) against trafilatura 2.0.0, Readability.js and "
				+ "Readability4J alone, and on the 738 pages of main-text-mixed per subset against its all-text "
				+ "baseline; title, author, date and site name against what the pages declare; CPU ms per page";
	}

	@Override
	public Map<String, Object> run() throws Exception {
		Path dataset = Path
			.of(System.getProperty("bench.article-extraction", "../shared/benchmarks/article-extraction"));
		if (!Files.isRegularFile(dataset.resolve("score.py"))) {
			throw new IllegalStateException("No article-extraction benchmark at " + dataset.toAbsolutePath()
					+ "; set -Dbench.article-extraction=<dir>");
		}
		JsonNode truth = TwinJson.mapper().readTree(dataset.resolve("ground-truth.json").toFile());
		List<Page> pages = new ArrayList<>();
		for (String id : truth.propertyNames()) {
			pages.add(new Page(id, truth.get(id).get("url").asString(),
					gunzip(dataset.resolve("html/" + id + ".html.gz"))));
		}
		PageExtractor extractor = new PageExtractor(new ArticleExtractor(),
				List.of(new MediumRules(), new SubstackRules()));
		SourceDispatcher dispatcher = new SourceDispatcher();
		Function<Page, String> ours = (page) -> text(extractor, dispatcher, page.url(), page.html());
		Function<Page, String> base = ArticleExtractionBenchmark::readability4j;

		Path results = Path.of(System.getProperty("bench.results", "bench/results"));
		Files.createDirectories(results);
		Map<String, Object> figures = new LinkedHashMap<>();
		Map<String, Object> score = score(dataset, write(results.resolve("article-extraction-ours.jsonl"), pages, ours),
				results.resolve("article-extraction-per-page.jsonl"));
		for (String figure : List.of("f1", "precision", "recall", "accuracy")) {
			figures.put(figure, round(((Number) score.get(figure)).doubleValue()));
		}
		figures.put("pagesWithText", score.get("predicted"));
		double trafilatura = f1(score(dataset, dataset.resolve("reference/trafilatura-2.0.0.jsonl"), null));
		double readabilityJs = f1(score(dataset, dataset.resolve("reference/readability_js-0.6.0.jsonl"), null));
		double readability4j = f1(
				score(dataset, write(results.resolve("article-extraction-readability4j.jsonl"), pages, base), null));
		figures.put("trafilaturaF1", round(trafilatura));
		figures.put("readabilityJsF1", round(readabilityJs));
		figures.put("readability4jF1", round(readability4j));
		figures.put("f1RatioToTrafilatura", round(f1(score) / trafilatura));
		figures.put("f1RatioToReadability4j", round(f1(score) / readability4j));

		double[] ourMillis = cpuMillisPerPage(pages, ours);
		double[] baseMillis = cpuMillisPerPage(pages, base);
		double median = percentile(ourMillis, 0.5);
		figures.put("medianCpuMsPerPage", round(median));
		figures.put("p90CpuMsPerPage", round(percentile(ourMillis, 0.9)));
		figures.put("maxCpuMsPerPage", round(percentile(ourMillis, 1.0)));
		figures.put("pagesPerSecondPerCoreAtMedian", Math.round(1000 / median));
		figures.put("readability4jMedianCpuMsPerPage", round(percentile(baseMillis, 0.5)));
		figures.put("speedRatioToReadability4j", round(percentile(baseMillis, 0.5) / median));
		figures.putAll(largePage(extractor));
		MetadataAccuracy metadata = new MetadataAccuracy();
		for (Page page : pages) {
			metadata.add(page.id(), extraction(extractor, dispatcher, page.url(), page.html()));
		}

		MainTextMixedSet mixed = MainTextMixedSet.load();
		System.out.printf("   scoring the %d pages of main-text-mixed…%n", mixed.pages().size());
		Map<String, PageExtraction> extractions = new HashMap<>();
		for (MainTextMixedSet.MixedPage page : mixed.pages()) {
			PageExtraction extraction = extraction(extractor, dispatcher, page.url(), page.html());
			extractions.put(page.file(), extraction);
			metadata.add(page.file(), extraction);
			if (LABELLED_HEADLINES.contains(page.subset()) && extraction.article() != null) {
				metadata.addLabelled(page.file(), page.text(), extraction.article().title());
			}
		}
		figures.putAll(mixed.score((page) -> text(extractions.get(page.file())), results));
		figures.put(MainTextMixedSet.PREFIX + "ListingPages",
				extractions.values().stream().filter(PageExtraction::isListing).count());
		figures.putAll(metadata.figures("metadata"));
		Path mismatches = results.resolve("metadata-mismatches.tsv");
		Files.write(mismatches, metadata.mismatches(), StandardCharsets.UTF_8);
		System.out.printf("   metadata that differs from what the page declares: %s%n", mismatches);
		figures.put("note", "F1 etc. from score.py (macro over pages, 4-token shingles); speed on one thread, "
				+ "CPU time per page, median of " + MEASURED_PASSES + " passes after a warm-up pass");
		return figures;
	}

	private static String text(PageExtractor extractor, SourceDispatcher dispatcher, String url, byte[] html) {
		return text(extraction(extractor, dispatcher, url, html));
	}

	private static String text(PageExtraction extraction) {
		ExtractedArticle article = extraction.article();
		return (article != null) ? article.content() : "";
	}

	/**
	 * As {@code POST /api/extract} extracts the bytes of a page (its address may be
	 * unknown).
	 */
	private static PageExtraction extraction(PageExtractor extractor, SourceDispatcher dispatcher, String url,
			byte[] html) {
		Document document = PageFetcher.parse(html, null, (url != null) ? url : "");
		var source = (url != null) ? LinkNormalizer.normalize(url).map(dispatcher::sourceOf).orElse(null) : null;
		return extractor.extract(document, (source != null) ? extractor.rulesFor(source) : null);
	}

	/** The base library on its own, as a reader view would use it. */
	private static String readability4j(Page page) {
		try {
			Document document = PageFetcher.parse(page.html(), null, page.url());
			Element content = new Readability4J(page.url(), document).parse().getArticleContent();
			return (content != null) ? ArticleExtractor.textBlocks(content) : "";
		}
		catch (RuntimeException | StackOverflowError ex) {
			return "";
		}
	}

	private static Path write(Path file, List<Page> pages, Function<Page, String> extraction) throws IOException {
		StringBuilder lines = new StringBuilder();
		for (Page page : pages) {
			lines
				.append(TwinJson.mapper()
					.writeValueAsString(Map.of("id", page.id(), "articleBody", extraction.apply(page))))
				.append('\n');
		}
		Files.writeString(file, lines);
		return file;
	}

	/** score.py's JSON figures for the predictions. */
	private static Map<String, Object> score(Path dataset, Path predictions, Path perPage)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("python3", "score.py", "ground-truth.json",
				predictions.toAbsolutePath().toString(), "--strict"));
		if (perPage != null) {
			command.addAll(List.of("--per-doc", perPage.toAbsolutePath().toString()));
		}
		Process scorer = new ProcessBuilder(command).directory(dataset.toFile())
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		String output;
		try (InputStream out = scorer.getInputStream()) {
			output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
		}
		if (!scorer.waitFor(5, TimeUnit.MINUTES) || scorer.exitValue() != 0) {
			throw new IllegalStateException("score.py failed on " + predictions + ": " + output);
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> score = TwinJson.mapper().readValue(output, Map.class);
		return score;
	}

	private static double f1(Map<String, Object> score) {
		return ((Number) score.get("f1")).doubleValue();
	}

	/** Each page's CPU time, the median of the measured passes after a warm-up pass. */
	private static double[] cpuMillisPerPage(List<Page> pages, Function<Page, String> extraction) {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		pages.forEach(extraction::apply);
		double[][] passes = new double[pages.size()][MEASURED_PASSES];
		for (int pass = 0; pass < MEASURED_PASSES; pass++) {
			for (int i = 0; i < pages.size(); i++) {
				long started = threads.getCurrentThreadCpuTime();
				extraction.apply(pages.get(i));
				passes[i][pass] = (threads.getCurrentThreadCpuTime() - started) / 1e6;
			}
		}
		double[] millis = new double[pages.size()];
		for (int i = 0; i < pages.size(); i++) {
			millis[i] = percentile(passes[i], 0.5);
		}
		return millis;
	}

	/**
	 * A page at the fetch size limit (5 MB) and one nested 20,000 elements deep: the
	 * median of {@link #LARGE_PAGE_RUNS} runs each, since the JIT's escape analysis
	 * removes more allocations from run to run (one run of the 5 MB page allocated 586 to
	 * 671 MiB).
	 */
	private static Map<String, Object> largePage(PageExtractor extractor) {
		StringBuilder large = new StringBuilder("<html><body><article>");
		for (int i = 0; large.length() < 5_000_000; i++) {
			large.append("<p>Paragraph ").append(i).append(" of a very long article, with enough words to count.</p>");
		}
		StringBuilder deep = new StringBuilder("<html><body>");
		deep.append("<div>".repeat(20_000)).append("<p>Deep text of an article, with enough words to count.</p>");
		// The HotSpot bean also counts the bytes a thread allocates.
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		Map<String, Object> figures = new LinkedHashMap<>();
		for (Map.Entry<String, String> page : Map.of("largePage5Mb", large.toString(), "deepPage20k", deep.toString())
			.entrySet()) {
			byte[] html = page.getValue().getBytes(StandardCharsets.UTF_8);
			double[] cpuMillis = new double[LARGE_PAGE_RUNS];
			double[] allocatedMiB = new double[LARGE_PAGE_RUNS];
			for (int run = 0; run < LARGE_PAGE_RUNS; run++) {
				long started = threads.getCurrentThreadCpuTime();
				long allocated = threads.getCurrentThreadAllocatedBytes();
				Document document = PageFetcher.parse(html, null, "https://example.com/" + page.getKey());
				extractor.extract(document, null);
				cpuMillis[run] = (threads.getCurrentThreadCpuTime() - started) / 1e6;
				allocatedMiB[run] = (threads.getCurrentThreadAllocatedBytes() - allocated) >> 20;
			}
			figures.put(page.getKey() + "CpuMs", Math.round(percentile(cpuMillis, 0.5)));
			figures.put(page.getKey() + "AllocatedMiB", Math.round(percentile(allocatedMiB, 0.5)));
		}
		return figures;
	}

	private static byte[] gunzip(Path file) throws IOException {
		try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
			return in.readAllBytes();
		}
	}

	private record Page(String id, String url, byte[] html) {
	}

}

package dev.llmtwin.bench.fleet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;

import dev.llmtwin.bench.Benchmark;
import dev.llmtwin.bench.Goal;
import dev.llmtwin.model.TwinJson;

import static dev.llmtwin.bench.Figures.round;

/**
 * What search returns: the 181 pages of the article-extraction set served on loopback,
 * crawled through {@code make run}'s fleet (fetch, extraction, CDC, cleaning, chunking,
 * embedding), then searched for each page in two ways: a verbatim sentence of the page
 * (known-item search; the middle sentence of 8 to 40 words of its ground-truth text) and
 * a paraphrase or question written by hand for it ({@code retrieval/*-paraphrases.tsv},
 * never derived from the page's words by code). Each query runs in the three modes, one
 * hit per document; reported are MRR@10, recall@1 and recall@5 per kind and mode, hybrid
 * with the configured fusion and with reciprocal rank fusion ({@code hybridRrf}).
 */
public class RetrievalBenchmark implements Benchmark {

	/**
	 * The modes compared, as /api/search parameters: hybrid is measured with both
	 * fusions.
	 */
	private static final Map<String, String> MODES = modes();

	private static final int K = 10;

	private static final Duration CRAWL_TIMEOUT = Duration.ofMinutes(15);

	private static final String AUTHOR = "Retrieval Bench";

	private static Map<String, String> modes() {
		Map<String, String> modes = new LinkedHashMap<>();
		modes.put("dense", "dense");
		modes.put("lexical", "lexical");
		modes.put("hybrid", "hybrid");
		modes.put("hybridRrf", "hybrid&fusion=rrf");
		return modes;
	}

	@Override
	public String name() {
		return "retrieval";
	}

	@Override
	public List<Goal> goals() {
		return List.of(Goal.atLeast("verbatimHybridRecallAt1", 0.99), Goal.atLeast("paraphraseHybridRecallAt5", 0.9),
				Goal.atLeast("verbatimHybridMrrToBest", 1.0), Goal.atLeast("paraphraseHybridMrrToBest", 1.0));
	}

	@Override
	public String description() {
		return "search quality on the 181 article-extraction pages crawled through make run's fleet: MRR@10, recall@1 "
				+ "and recall@5 of a verbatim sentence and a hand-written paraphrase per page, dense, lexical and hybrid";
	}

	@Override
	public Map<String, Object> run() throws Exception {
		Path dataset = Path
			.of(System.getProperty("bench.article-extraction", "../shared/benchmarks/article-extraction"));
		JsonNode truth = TwinJson.mapper().readTree(dataset.resolve("ground-truth.json").toFile());
		Map<String, String> paraphrases = paraphrases();
		Path log = Path.of(System.getProperty("bench.results", "bench/results")).resolve("retrieval-fleet.log");
		Map<String, Object> figures = new LinkedHashMap<>();
		try (PageSite site = PageSite.start(dataset, truth.propertyNames());
				FleetProcess fleet = FleetProcess.start(FleetProcess.loopbackSite(), log)) {
			List<String> ids = new ArrayList<>(truth.propertyNames());
			System.out.printf("   fleet ready; crawling %d pages…%n", ids.size());
			JsonNode job = fleet.client().crawlJob(ids.stream().map(site::url).toList(), AUTHOR);
			String authorId = job.get("author").get("id").asString();
			JsonNode done = awaitJob(fleet, job.get("id").asString());
			Map<String, String> stored = new LinkedHashMap<>();
			for (JsonNode link : done.get("links")) {
				if (link.get("status").asString().matches("done|unchanged")) {
					stored.put(idOf(link.get("link").asString()), link.get("documentId").asString());
				}
			}
			awaitEmbedded(fleet, stored.size());
			System.out.printf("   %d of %d pages stored and embedded; %d queries in %d modes…%n", stored.size(),
					ids.size(), stored.size() * 2, MODES.size());
			figures.put("pages", ids.size());
			figures.put("pagesStored", stored.size());
			Map<String, List<Query>> kinds = new LinkedHashMap<>();
			kinds.put("verbatim", stored.entrySet().stream().map((page) -> {
				String sentence = sentence(truth.get(page.getKey()).get("articleBody").asString());
				return new Query(holding(sentence, truth, stored), sentence);
			}).toList());
			kinds.put("paraphrase",
					stored.entrySet()
						.stream()
						.filter((page) -> paraphrases.containsKey(page.getKey()))
						.map((page) -> new Query(Set.of(page.getValue()), paraphrases.get(page.getKey())))
						.toList());
			List<Map<String, Object>> misses = new ArrayList<>();
			for (Map.Entry<String, List<Query>> kind : kinds.entrySet()) {
				Map<String, Double> mrr = new LinkedHashMap<>();
				for (Map.Entry<String, String> mode : MODES.entrySet()) {
					Ranks ranks = ranks(fleet, kind.getValue(), authorId, mode.getValue(), misses);
					String prefix = kind.getKey() + capitalized(mode.getKey());
					figures.put(prefix + "MrrAt10", round(ranks.mrr()));
					figures.put(prefix + "RecallAt1", round(ranks.recallAt(1)));
					figures.put(prefix + "RecallAt5", round(ranks.recallAt(5)));
					mrr.put(mode.getKey(), ranks.mrr());
				}
				double best = Math.max(mrr.get("dense"), mrr.get("lexical"));
				figures.put(kind.getKey() + "HybridMrrToBest", round(mrr.get("hybrid") / best));
			}
			figures.put("queriesPerKind", stored.size());
			Path missFile = log.resolveSibling("retrieval-misses.jsonl");
			Files.write(missFile, misses.stream().map((miss) -> TwinJson.mapper().writeValueAsString(miss)).toList());
			System.out.printf("   queries whose page was not first: %s%n", missFile);
		}
		return figures;
	}

	/**
	 * The 1-based rank of each query's page among the first {@value #K} hits, 0 if
	 * absent; the queries whose page is not first are added to {@code misses}.
	 */
	private static Ranks ranks(FleetProcess fleet, List<Query> queries, String authorId, String mode,
			List<Map<String, Object>> misses) {
		List<Integer> ranks = new ArrayList<>(queries.size());
		for (Query query : queries) {
			JsonNode hits = fleet.client().search(query.text(), authorId, K, mode).get("hits");
			int rank = 0;
			for (int i = 0; i < hits.size(); i++) {
				if (query.documentIds().contains(hits.get(i).get("documentId").asString())) {
					rank = i + 1;
					break;
				}
			}
			ranks.add(rank);
			if (rank != 1) {
				Map<String, Object> miss = new LinkedHashMap<>();
				miss.put("mode", mode);
				miss.put("query", query.text());
				miss.put("documentIds", query.documentIds());
				miss.put("rank", rank);
				miss.put("first", hits.isEmpty() ? null : hits.get(0).get("link").asString());
				misses.add(miss);
			}
		}
		return new Ranks(ranks);
	}

	/**
	 * The known item: the middle one of the text's sentences of 8 to 40 words (its first
	 * 20 words when it has none), as a user pastes a sentence they remember.
	 */
	static String sentence(String text) {
		List<String> candidates = new ArrayList<>();
		for (String sentence : text.split("(?<=[.!?])\\s+")) {
			int words = sentence.strip().split("\\s+").length;
			if (words >= 8 && words <= 40) {
				candidates.add(sentence.strip());
			}
		}
		if (candidates.isEmpty()) {
			String[] words = text.strip().split("\\s+");
			return String.join(" ", List.of(words).subList(0, Math.min(20, words.length)));
		}
		return candidates.get(candidates.size() / 2);
	}

	/** The stored pages whose ground-truth text holds the sentence, whitespace aside. */
	private static Set<String> holding(String sentence, JsonNode truth, Map<String, String> stored) {
		String wanted = sentence.replaceAll("\\s+", " ");
		Set<String> pages = new HashSet<>();
		stored.forEach((id, documentId) -> {
			if (truth.get(id).get("articleBody").asString().replaceAll("\\s+", " ").contains(wanted)) {
				pages.add(documentId);
			}
		});
		return pages;
	}

	private static Map<String, String> paraphrases() throws IOException {
		Map<String, String> queries = new LinkedHashMap<>();
		try (InputStream in = RetrievalBenchmark.class
			.getResourceAsStream("/retrieval/article-extraction-paraphrases.tsv");
				BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			reader.lines().filter((line) -> !line.isBlank()).forEach((line) -> {
				String[] parts = line.split("\t", 2);
				queries.put(parts[0], parts[1].strip());
			});
		}
		return queries;
	}

	private static JsonNode awaitJob(FleetProcess fleet, String jobId) throws InterruptedException {
		long deadline = System.nanoTime() + CRAWL_TIMEOUT.toNanos();
		while (true) {
			JsonNode job = fleet.client().job(jobId, 1000);
			if (job.get("status").asString().matches("done|failed|cancelled")) {
				return job;
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(
						"The crawl job is still " + job.get("status") + " after " + CRAWL_TIMEOUT);
			}
			Thread.sleep(500);
		}
	}

	/**
	 * Until the feature store holds every stored page (the reconciliation finds none
	 * missing).
	 */
	private static void awaitEmbedded(FleetProcess fleet, int documents) throws InterruptedException {
		long deadline = System.nanoTime() + CRAWL_TIMEOUT.toNanos();
		while (true) {
			JsonNode reconciliation = fleet.client().stats().get("reconciliation");
			if (reconciliation.get("storedDocuments").asInt() >= documents
					&& reconciliation.get("missingCount").asInt() == 0) {
				return;
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(
						"Not every page was embedded after " + CRAWL_TIMEOUT + ": " + reconciliation);
			}
			Thread.sleep(1000);
		}
	}

	private static String idOf(String link) {
		return link.substring(link.lastIndexOf('/') + 1).replace(".html", "");
	}

	private static String capitalized(String mode) {
		return Character.toUpperCase(mode.charAt(0)) + mode.substring(1);
	}

	/**
	 * @param documentIds the pages that answer it: the paraphrased page, or every page
	 * holding the verbatim sentence (syndicated articles share sentences)
	 */
	record Query(Set<String> documentIds, String text) {
	}

	record Ranks(List<Integer> ranks) {

		double mrr() {
			return this.ranks.stream().mapToDouble((rank) -> (rank == 0) ? 0 : 1.0 / rank).average().orElse(0);
		}

		double recallAt(int k) {
			return this.ranks.stream().filter((rank) -> rank > 0 && rank <= k).count() / (double) this.ranks.size();
		}

	}

	/** The set's pages on loopback, as {@code /<id>.html}. */
	private static final class PageSite implements AutoCloseable {

		private final HttpServer server;

		private PageSite(HttpServer server) {
			this.server = server;
		}

		static PageSite start(Path dataset, Iterable<String> ids) throws IOException {
			Map<String, byte[]> pages = new LinkedHashMap<>();
			for (String id : ids) {
				try (InputStream in = new GZIPInputStream(
						Files.newInputStream(dataset.resolve("html/" + id + ".html.gz")))) {
					pages.put("/" + id + ".html", in.readAllBytes());
				}
			}
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
			server.createContext("/", (exchange) -> {
				byte[] body = pages.get(exchange.getRequestURI().getPath());
				try (exchange) {
					if (body == null) {
						exchange.sendResponseHeaders(404, -1);
						return;
					}
					exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
					exchange.sendResponseHeaders(200, body.length);
					exchange.getResponseBody().write(body);
				}
			});
			server.start();
			return new PageSite(server);
		}

		String url(String id) {
			return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/" + id + ".html";
		}

		@Override
		public void close() {
			this.server.stop(0);
		}

	}

}

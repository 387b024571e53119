package dev.llmtwin.bench.fleet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;

import dev.llmtwin.bench.Benchmark;
import dev.llmtwin.bench.Goal;
import dev.llmtwin.model.TwinJson;

import static dev.llmtwin.bench.Figures.round;

/**
 * What search returns: the 181 pages of the article-extraction set (and, when named, the
 * 738 of main-text-mixed) served on loopback, crawled through {@code make run}'s fleet
 * (fetch, extraction, CDC, cleaning, chunking, embedding), then searched for each page in
 * two ways: a verbatim sentence of the page (known-item search; the middle sentence of 8
 * to 40 words of its ground-truth text) and a paraphrase or question written by hand for
 * it ({@code retrieval/*-paraphrases.tsv}, never derived from the page's words by code).
 * A page held back by a quality gate is not queried; a near-copy's queries are answered
 * by its canonical copy. Each query runs in the three modes, one hit per document;
 * reported are MRR@10, recall@1 and recall@5 per kind and mode, hybrid with the
 * configured fusion and with reciprocal rank fusion ({@code hybridRrf}).
 */
public class RetrievalBenchmark implements Benchmark {

	/**
	 * The modes compared, as /api/search parameters: hybrid is measured with both
	 * fusions.
	 */
	private static final Map<String, String> MODES = modes();

	private static final int K = 10;

	private static final Duration CRAWL_TIMEOUT = Duration.ofMinutes(15);

	/** Longer queries would not fit the request line of a search link. */
	private static final int MAX_QUERY_LENGTH = 300;

	private static final Duration STALL_TIMEOUT = Duration.ofMinutes(5);

	private static final Duration PROGRESS_INTERVAL = Duration.ofMinutes(1);

	private static final Duration POLL_INTERVAL = Duration.ofSeconds(5);

	private static final String AUTHOR = "Retrieval Bench";

	private static Map<String, String> modes() {
		Map<String, String> modes = new LinkedHashMap<>();
		modes.put("dense", "dense");
		modes.put("lexical", "lexical");
		modes.put("hybrid", "hybrid");
		modes.put("hybridRrf", "hybrid&fusion=rrf");
		return modes;
	}

	/**
	 * The sets measured: the first alone in a whole {@code make bench}, both when named.
	 */
	private final boolean bothSets;

	public RetrievalBenchmark() {
		this(false);
	}

	private RetrievalBenchmark(boolean bothSets) {
		this.bothSets = bothSets;
	}

	@Override
	public Benchmark whenNamed() {
		return new RetrievalBenchmark(true);
	}

	@Override
	public String name() {
		return "retrieval";
	}

	@Override
	public List<Goal> goals() {
		List<Goal> goals = new ArrayList<>();
		for (String prefix : List.of("", "mixed")) {
			goals.add(Goal.atLeast(figure(prefix, "verbatimHybridRecallAt1"), 0.99));
			goals.add(Goal.atLeast(figure(prefix, "paraphraseHybridRecallAt5"), 0.9));
			goals.add(Goal.atLeast(figure(prefix, "verbatimHybridMrrToBest"), 1.0));
			goals.add(Goal.atLeast(figure(prefix, "paraphraseHybridMrrToBest"), 1.0));
		}
		return goals;
	}

	@Override
	public String description() {
		return "search quality on the 181 article-extraction pages (and, with make bench ARGS=retrieval, the 738 "
				+ "main-text-mixed pages, figures mixed…) crawled through make run's fleet: MRR@10, recall@1 and "
				+ "recall@5 of a verbatim sentence and a hand-written paraphrase per page, dense, lexical and hybrid";
	}

	@Override
	public Map<String, Object> run() throws Exception {
		List<RetrievalSet> sets = new ArrayList<>(List.of(RetrievalSet.articleExtraction()));
		// Crawling and embedding the 738 pages takes most of an hour on two cores.
		if (this.bothSets && Boolean.parseBoolean(System.getProperty("bench.retrieval.mixed", "true"))) {
			sets.add(RetrievalSet.mainTextMixed());
		}
		Path log = Path.of(System.getProperty("bench.results", "bench/results")).resolve("retrieval-fleet.log");
		Map<String, Object> figures = new LinkedHashMap<>();
		List<Map<String, Object>> misses = new ArrayList<>();
		try (FleetProcess fleet = FleetProcess.start(FleetProcess.loopbackSite(), log)) {
			int documents = 0;
			for (RetrievalSet set : sets) {
				try (PageSite site = PageSite.start(set)) {
					documents += measure(set, site, fleet, documents, figures, misses);
				}
			}
		}
		Path missFile = log.resolveSibling("retrieval-misses.jsonl");
		Files.write(missFile, misses.stream().map((miss) -> TwinJson.mapper().writeValueAsString(miss)).toList());
		System.out.printf("   queries whose page was not first: %s%n", missFile);
		return figures;
	}

	/**
	 * Crawls one set as an author of its own and measures its queries, searched within
	 * that author's documents.
	 * @param earlier the documents the fleet stored for the sets before
	 * @return the documents stored for this set
	 */
	private static int measure(RetrievalSet set, PageSite site, FleetProcess fleet, int earlier,
			Map<String, Object> figures, List<Map<String, Object>> misses)
			throws InterruptedException, ExecutionException {
		List<String> ids = set.ids();
		System.out.printf("   crawling the %d pages of %s…%n", ids.size(), set.name());
		JsonNode job = fleet.client().crawlJob(ids.stream().map(site::url).toList(), AUTHOR + " " + set.name());
		String authorId = job.get("author").get("id").asString();
		JsonNode done = awaitJob(fleet, job.get("id").asString());
		Map<String, String> stored = new LinkedHashMap<>();
		for (JsonNode link : done.get("links")) {
			if (link.get("status").asString().matches("done|unchanged")) {
				stored.put(idOf(link.get("link").asString()), link.get("documentId").asString());
			}
		}
		JsonNode stats = awaitApplied(fleet, earlier + stored.size());
		Map<String, String> canonical = new LinkedHashMap<>();
		stats.get("nearCopies")
			.get("documents")
			.forEach((copy) -> canonical.put(copy.get("id").asString(), copy.get("duplicateOf").asString()));
		Set<String> heldBack = new HashSet<>();
		stats.get("heldBack").get("documents").forEach((document) -> heldBack.add(document.get("id").asString()));
		Map<String, String> searchable = new LinkedHashMap<>();
		stored.forEach((id, documentId) -> {
			if (!heldBack.contains(documentId)) {
				searchable.put(id, canonical.getOrDefault(documentId, documentId));
			}
		});
		System.out.printf("   %d of %d pages stored, %d held back, %d near-copies; %d queries in %d modes…%n",
				stored.size(), ids.size(), stored.size() - searchable.size(),
				searchable.keySet().stream().filter((id) -> canonical.containsKey(stored.get(id))).count(),
				searchable.size() * 2, MODES.size());
		figures.put(set.figure("pages"), ids.size());
		figures.put(set.figure("pagesStored"), stored.size());
		figures.put(set.figure("pagesHeldBack"), stored.size() - searchable.size());
		Map<String, String> storedTexts = new HashMap<>();
		fleet.client()
			.export(authorId)
			.forEach((document) -> storedTexts.put(document.get("id").asString(),
					normalized(document.get("text").asString())));
		Map<String, List<Query>> kinds = new LinkedHashMap<>();
		kinds.put("verbatim", searchable.entrySet().stream().map((page) -> {
			String sentence = sentence(set.text(page.getKey()));
			return new Query(holding(sentence, set, searchable), sentence);
		}).toList());
		// Search proper: the verbatim queries whose sentence the extracted text kept.
		kinds.put("verbatimExtracted",
				kinds.get("verbatim")
					.stream()
					.filter((query) -> query.documentIds()
						.stream()
						.anyMatch((id) -> storedTexts.getOrDefault(id, "").contains(normalized(query.text()))))
					.toList());
		kinds.put("paraphrase",
				searchable.entrySet()
					.stream()
					.filter((page) -> set.paraphrases().containsKey(page.getKey()))
					.map((page) -> new Query(Set.of(page.getValue()), set.paraphrases().get(page.getKey())))
					.toList());
		long searching = System.nanoTime();
		Map<String, JsonNode> answered = searchAll(fleet, kinds.values(), authorId);
		System.out.printf("   %d searches in %.1f s%n", answered.size(), (System.nanoTime() - searching) / 1e9);
		// The extracted kind repeats verbatim queries: its misses are not listed again.
		for (Map.Entry<String, List<Query>> kind : kinds.entrySet()) {
			Map<String, Double> mrr = new LinkedHashMap<>();
			for (Map.Entry<String, String> mode : MODES.entrySet()) {
				Ranks ranks = ranks(kind.getValue(), mode.getValue(), set.figure(kind.getKey()),
						kind.getKey().equals("verbatimExtracted") ? new ArrayList<>() : misses, answered);
				String prefix = kind.getKey() + capitalized(mode.getKey());
				figures.put(set.figure(prefix + "MrrAt10"), round(ranks.mrr()));
				figures.put(set.figure(prefix + "RecallAt1"), round(ranks.recallAt(1)));
				figures.put(set.figure(prefix + "RecallAt5"), round(ranks.recallAt(5)));
				mrr.put(mode.getKey(), ranks.mrr());
			}
			double best = Math.max(mrr.get("dense"), mrr.get("lexical"));
			figures.put(set.figure(kind.getKey() + "HybridMrrToBest"), round(mrr.get("hybrid") / best));
			figures.put(set.figure(kind.getKey() + "Queries"), kind.getValue().size());
		}
		return stored.size();
	}

	/**
	 * Words only, in lower case: punctuation and spacing differ between text and truth.
	 */
	private static String normalized(String text) {
		return " " + text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip() + " ";
	}

	private static String figure(String prefix, String name) {
		return prefix.isEmpty() ? name : prefix + capitalized(name);
	}

	/**
	 * The hits of every distinct query in every mode, keyed by {@link #asked}: searched
	 * once each, as many at a time as the machine has cores, as users searching side by
	 * side would.
	 */
	private static Map<String, JsonNode> searchAll(FleetProcess fleet, Collection<List<Query>> kinds, String authorId)
			throws InterruptedException, ExecutionException {
		Set<String> texts = new LinkedHashSet<>();
		kinds.forEach((queries) -> queries.forEach((query) -> texts.add(query.text())));
		Map<String, Future<JsonNode>> pending = new LinkedHashMap<>();
		try (ExecutorService clients = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors())) {
			for (String mode : MODES.values()) {
				for (String text : texts) {
					pending.put(asked(mode, text),
							clients.submit(() -> fleet.client().search(text, authorId, K, mode).get("hits")));
				}
			}
			Map<String, JsonNode> answered = new HashMap<>();
			try {
				for (Map.Entry<String, Future<JsonNode>> search : pending.entrySet()) {
					answered.put(search.getKey(), search.getValue().get());
				}
			}
			catch (ExecutionException ex) {
				clients.shutdownNow();
				throw ex;
			}
			return answered;
		}
	}

	private static String asked(String mode, String text) {
		return mode + "\n" + text;
	}

	/**
	 * The 1-based rank of each query's page among the first {@value #K} hits, 0 if
	 * absent; the queries whose page is not first are added to {@code misses}.
	 */
	private static Ranks ranks(List<Query> queries, String mode, String kind, List<Map<String, Object>> misses,
			Map<String, JsonNode> answered) {
		List<Integer> ranks = new ArrayList<>(queries.size());
		for (Query query : queries) {
			JsonNode hits = answered.get(asked(mode, query.text()));
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
				miss.put("kind", kind);
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
	 * The known item: the middle one of the text's sentences of 8 to 40 words, or of 15
	 * to 80 characters in a script written without spaces (Chinese, Japanese); else its
	 * first 20 words, at most {@link #MAX_QUERY_LENGTH} characters: as a user pastes a
	 * sentence they remember, which fits a search link.
	 */
	static String sentence(String text) {
		List<String> candidates = new ArrayList<>();
		for (String sentence : text.split("(?<=[.!?])\\s+|(?<=[\u3002\uff01\uff1f])")) {
			String candidate = sentence.strip();
			int words = candidate.split("\\s+").length;
			boolean unspaced = words == 1 && candidate.length() >= 15 && candidate.length() <= 80;
			if ((words >= 8 && words <= 40) || unspaced) {
				candidates.add(candidate);
			}
		}
		if (candidates.isEmpty()) {
			String[] words = text.strip().split("\\s+");
			String start = String.join(" ", List.of(words).subList(0, Math.min(20, words.length)));
			return start.substring(0, Math.min(MAX_QUERY_LENGTH, start.length()));
		}
		return candidates.get(candidates.size() / 2);
	}

	/**
	 * The searchable documents whose page's ground-truth text holds the sentence,
	 * whitespace aside.
	 */
	private static Set<String> holding(String sentence, RetrievalSet set, Map<String, String> searchable) {
		String wanted = sentence.replaceAll("\\s+", " ");
		Set<String> pages = new HashSet<>();
		searchable.forEach((id, documentId) -> {
			if (set.text(id).replaceAll("\\s+", " ").contains(wanted)) {
				pages.add(documentId);
			}
		});
		return pages;
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
	 * Until the feature service has applied every stored page (embedded, held back or
	 * linked to its canonical copy) and the reconciliation finds none missing; the stats
	 * then. Embedding 900 pages takes tens of minutes on two busy cores, so the wait ends
	 * in failure only when nothing more was applied for {@link #STALL_TIMEOUT}. The stats
	 * are asked for every {@link #POLL_INTERVAL}: each answer reads every raw and cleaned
	 * document and every point, work taken from the embedding it waits for.
	 */
	private static JsonNode awaitApplied(FleetProcess fleet, int documents) throws InterruptedException {
		long lastProgress = System.nanoTime();
		long lastReport = lastProgress;
		long appliedBefore = -1;
		while (true) {
			JsonNode stats = fleet.client().stats();
			long applied = stats.get("types").valueStream().mapToLong((type) -> type.get("documents").asLong()).sum();
			JsonNode reconciliation = stats.get("reconciliation");
			if (applied >= documents && reconciliation.get("missingCount").asInt() == 0) {
				return stats;
			}
			long now = System.nanoTime();
			if (applied != appliedBefore) {
				appliedBefore = applied;
				lastProgress = now;
			}
			if (now - lastProgress > STALL_TIMEOUT.toNanos()) {
				throw new IllegalStateException("Nothing more was applied for " + STALL_TIMEOUT + ": " + applied
						+ " of " + documents + " pages");
			}
			if (now - lastReport > PROGRESS_INTERVAL.toNanos()) {
				lastReport = now;
				System.out.printf("   %d of %d pages embedded…%n", applied, documents);
			}
			Thread.sleep(POLL_INTERVAL.toMillis());
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

	/** A set's pages on loopback, as {@code /<id>.html}. */
	private static final class PageSite implements AutoCloseable {

		private final HttpServer server;

		private PageSite(HttpServer server) {
			this.server = server;
		}

		static PageSite start(RetrievalSet set) throws IOException {
			Map<String, byte[]> pages = new LinkedHashMap<>();
			set.pages().forEach((id, page) -> pages.put("/" + id + ".html", page.html()));
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
			server.createContext("/", (exchange) -> {
				byte[] body = pages.get(exchange.getRequestURI().getPath());
				try (exchange) {
					if (body == null) {
						exchange.sendResponseHeaders(404, -1);
						return;
					}
					exchange.getResponseHeaders().set("Content-Type", set.contentType());
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

package dev.llmtwin.bench.search;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import org.apache.lucene.util.VectorUtil;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.qdrant.QdrantContainer;
import tools.jackson.databind.JsonNode;

import dev.llmtwin.bench.Benchmark;
import dev.llmtwin.bench.Goal;
import dev.llmtwin.feature.FeatureType;
import dev.llmtwin.feature.embed.EmbeddingModelVersion;
import dev.llmtwin.feature.embed.OnnxEmbedder;
import dev.llmtwin.feature.store.Chunk;
import dev.llmtwin.feature.store.DocumentWrite;
import dev.llmtwin.feature.store.SearchFilter;
import dev.llmtwin.feature.store.SearchHit;
import dev.llmtwin.feature.store.VectorStore;
import dev.llmtwin.testing.ContainerImages;
import dev.llmtwin.model.TwinJson;

import static dev.llmtwin.bench.Figures.percentile;
import static dev.llmtwin.bench.Figures.round;

/**
 * The Lucene vector store as it grows: {@value #SMALL} and {@value #LARGE} chunks of real
 * text embeddings, searched with real query embeddings; recall@10 against an exact
 * (brute-force cosine) search of the same vectors, latency per query, index size and
 * build time. The development set's texts give {@value #BASE_TEXTS} chunk embeddings; the
 * others are blends of two of them plus noise, normalised, so the store holds as many
 * distinct neighbourhoods as a large corpus would. Qdrant is measured the same way where
 * a Docker engine answers (its figures prefixed {@code qdrant}); elsewhere a figure says
 * why not.
 */
public class VectorSearchBenchmark implements Benchmark {

	static final int SMALL = 10_000;

	static final int LARGE = 100_000;

	private static final int BASE_TEXTS = 400;

	private static final int QUERIES = 200;

	private static final int K = 10;

	/** Chunks written per commit, as the feature service's batches do. */
	private static final int WRITE_BATCH = 2_000;

	@Override
	public String name() {
		return "vector-search";
	}

	@Override
	public List<Goal> goals() {
		return List.of(Goal.atLeast("largeRecallAt10", 0.95), Goal.below("largeP99Millis", 10));
	}

	@Override
	public String description() {
		return "Lucene vector store at " + SMALL + " and " + LARGE
				+ " chunks of real text embeddings: recall@10 against exact search, latency, size, build time";
	}

	@Override
	public Map<String, Object> run() throws Exception {
		Path dataset = Path
			.of(System.getProperty("bench.article-extraction", "../shared/benchmarks/article-extraction"));
		List<String> paragraphs = paragraphs(dataset);
		Random random = new Random(7);
		List<float[]> base;
		List<float[]> queries;
		System.out.printf("   embedding %d chunks and %d queries of the development set…%n", BASE_TEXTS, QUERIES);
		try (OnnxEmbedder model = new OnnxEmbedder(EmbeddingModelVersion.BGE_SMALL_EN_V15,
				Runtime.getRuntime().availableProcessors(), 16)) {
			base = model.embed(sample(paragraphs, BASE_TEXTS, random));
			queries = new ArrayList<>();
			for (String sentence : sample(firstSentences(paragraphs), QUERIES, random)) {
				queries.add(model.embedQuery(sentence));
			}
		}
		List<float[]> vectors = blends(base, LARGE, random);
		Map<String, Object> figures = new LinkedHashMap<>();
		try (MeasuredStore store = new LuceneMeasuredStore()) {
			measure(store, vectors.subList(0, SMALL), queries, "small", figures);
		}
		try (MeasuredStore store = new LuceneMeasuredStore()) {
			measure(store, vectors, queries, "large", figures);
		}
		measureQdrant(vectors, queries, figures);
		figures.put("smallChunks", SMALL);
		figures.put("largeChunks", LARGE);
		figures.put("queries", QUERIES);
		return figures;
	}

	private static void measure(MeasuredStore measured, List<float[]> vectors, List<float[]> queries, String size,
			Map<String, Object> figures) throws Exception {
		List<List<DocumentWrite>> batches = new ArrayList<>();
		for (int from = 0; from < vectors.size(); from += WRITE_BATCH) {
			List<DocumentWrite> writes = new ArrayList<>();
			for (int i = from; i < Math.min(vectors.size(), from + WRITE_BATCH); i++) {
				writes.add(new DocumentWrite("d" + i, List.of(chunk(i, vectors.get(i)))));
			}
			batches.add(writes);
		}
		long start = System.nanoTime();
		VectorStore store = measured.build(batches);
		double buildSeconds = (System.nanoTime() - start) / 1e9;
		// Warm-up: the first searches of a fresh index run in the interpreter.
		for (float[] query : queries) {
			store.search(query, K, SearchFilter.NONE);
		}
		long[] took = new long[queries.size()];
		double recall = 0;
		long all = System.nanoTime();
		List<List<SearchHit>> answers = new ArrayList<>();
		for (int q = 0; q < queries.size(); q++) {
			long began = System.nanoTime();
			answers.add(store.search(queries.get(q), K, SearchFilter.NONE));
			took[q] = System.nanoTime() - began;
		}
		double seconds = (System.nanoTime() - all) / 1e9;
		for (int q = 0; q < queries.size(); q++) {
			Set<String> exact = exact(vectors, queries.get(q));
			long found = answers.get(q).stream().filter((hit) -> exact.contains(hit.documentId())).count();
			recall += found / (double) K;
		}
		String name = measured.prefix().isEmpty() ? size
				: measured.prefix() + Character.toUpperCase(size.charAt(0)) + size.substring(1);
		figures.put(name + "RecallAt10", round(recall / queries.size()));
		figures.put(name + "P50Millis", round(percentile(took, 0.50) / 1e6));
		figures.put(name + "P99Millis", round(percentile(took, 0.99) / 1e6));
		figures.put(name + "QueriesPerSecond", round(queries.size() / seconds));
		measured.indexMiB().ifPresent((mib) -> figures.put(name + "IndexMiB", round(mib)));
		figures.put(name + "BuildSeconds", round(buildSeconds));
		System.out.printf("   %s: %d chunks measured%n", name, vectors.size());
	}

	/**
	 * Qdrant in Docker, each size in a collection of its own; without a Docker engine the
	 * figure says why it is missing.
	 */
	private static void measureQdrant(List<float[]> vectors, List<float[]> queries, Map<String, Object> figures)
			throws Exception {
		if (!DockerClientFactory.instance().isDockerAvailable()) {
			figures.put("qdrant", "not measured: no Docker engine answers here (QdrantVectorStoreIT runs the "
					+ "Qdrant store where one does)");
			return;
		}
		int dimensions = vectors.getFirst().length;
		try (QdrantContainer qdrant = new QdrantContainer(ContainerImages.QDRANT)) {
			qdrant.start();
			QdrantClient client = new QdrantClient(
					QdrantGrpcClient.newBuilder(qdrant.getHost(), qdrant.getGrpcPort(), false, false).build());
			try {
				try (MeasuredStore store = new QdrantMeasuredStore(client, "small", dimensions)) {
					measure(store, vectors.subList(0, SMALL), queries, "small", figures);
				}
				try (MeasuredStore store = new QdrantMeasuredStore(client, "large", dimensions)) {
					measure(store, vectors, queries, "large", figures);
				}
			}
			finally {
				client.close();
			}
		}
	}

	/**
	 * The {@value #K} nearest by cosine, computed over every vector (all of them
	 * normalised), with Lucene's SIMD dot product: 200 queries against 100,000 vectors
	 * took seconds in a scalar loop.
	 */
	private static Set<String> exact(List<float[]> vectors, float[] query) {
		int[] best = new int[K];
		float[] scores = new float[K];
		Arrays.fill(scores, Float.NEGATIVE_INFINITY);
		for (int i = 0; i < vectors.size(); i++) {
			float score = VectorUtil.dotProduct(vectors.get(i), query);
			if (score > scores[K - 1]) {
				int at = K - 1;
				while (at > 0 && scores[at - 1] < score) {
					scores[at] = scores[at - 1];
					best[at] = best[at - 1];
					at--;
				}
				scores[at] = score;
				best[at] = i;
			}
		}
		Set<String> ids = new HashSet<>();
		for (int i : best) {
			ids.add("d" + i);
		}
		return ids;
	}

	/** The base vectors first, then blends of two of them with noise, each normalised. */
	private static List<float[]> blends(List<float[]> base, int count, Random random) {
		List<float[]> vectors = new ArrayList<>(count);
		vectors.addAll(base);
		int dimensions = base.getFirst().length;
		while (vectors.size() < count) {
			float[] first = base.get(random.nextInt(base.size()));
			float[] second = base.get(random.nextInt(base.size()));
			float weight = 0.2f + 0.6f * random.nextFloat();
			float[] blend = new float[dimensions];
			for (int d = 0; d < dimensions; d++) {
				blend[d] = first[d] + weight * second[d] + 0.02f * (float) random.nextGaussian();
			}
			vectors.add(VectorUtil.l2normalize(blend));
		}
		return vectors;
	}

	private static Chunk chunk(int index, float[] vector) {
		return new Chunk("d" + index, 0, FeatureType.ARTICLE, "web", "bench", "http://127.0.0.1/" + index,
				"chunk " + index, "hash", "bench", Instant.EPOCH, "en", vector);
	}

	/**
	 * The development set's article texts as paragraphs of 40 words or more, at most 120.
	 */
	private static List<String> paragraphs(Path dataset) throws Exception {
		JsonNode truth = TwinJson.mapper().readTree(dataset.resolve("ground-truth.json").toFile());
		List<String> paragraphs = new ArrayList<>();
		for (JsonNode page : truth) {
			for (String paragraph : page.path("articleBody").asString("").split("\n+")) {
				String[] words = paragraph.strip().split("\\s+");
				if (words.length >= 40) {
					paragraphs.add(String.join(" ", Arrays.copyOf(words, Math.min(words.length, 120))));
				}
			}
		}
		return paragraphs;
	}

	private static List<String> firstSentences(List<String> paragraphs) {
		return paragraphs.stream().map((paragraph) -> paragraph.split("(?<=[.!?])\\s+")[0]).toList();
	}

	private static List<String> sample(List<String> texts, int count, Random random) {
		List<String> shuffled = new ArrayList<>(texts);
		Collections.shuffle(shuffled, random);
		return shuffled.subList(0, Math.min(count, shuffled.size()));
	}

}

package dev.llmtwin.feature.embed;

import java.util.List;
import java.util.concurrent.Executors;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15.BgeSmallEnV15EmbeddingModel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class OnnxEmbedderTest {

	private static OnnxEmbedder embedder;

	@BeforeAll
	static void loadModel() {
		embedder = new OnnxEmbedder(EmbeddingModelVersion.BGE_SMALL_EN_V15, 2, 4);
	}

	@AfterAll
	static void close() {
		embedder.close();
	}

	@Test
	void embedsPassagesAsNormalizedVectorsInOrder() {
		List<String> passages = List.of("The cat sleeps on the warm windowsill all afternoon.",
				"Quarterly revenue grew by twelve percent thanks to cloud subscriptions.",
				"Sourdough bread needs a lively starter and a long, cool fermentation.");

		List<float[]> vectors = embedder.embed(passages);

		assertThat(vectors).hasSize(3).allSatisfy((vector) -> {
			assertThat(vector).hasSize(embedder.dimensions());
			assertThat(norm(vector)).isCloseTo(1.0, within(1e-3));
		});
		float[] query = embedder.embedQuery("How do I bake bread with a starter?");
		assertThat(dot(query, vectors.get(2))).isGreaterThan(dot(query, vectors.get(0)))
			.isGreaterThan(dot(query, vectors.get(1)));
		// One batch gives the same vectors as one text at a time.
		assertThat(dot(vectors.get(1), embedder.embed(List.of(passages.get(1))).getFirst())).isCloseTo(1.0,
				within(1e-4));
	}

	@Test
	void queriesCarryTheRetrievalInstruction() {
		String text = "Lighthouses guide ships along rocky coasts.";

		assertThat(dot(embedder.embedQuery(text), embedder.embed(List.of(text)).getFirst())).isLessThan(0.99);
		assertThat(dot(embedder.embedQuery(text),
				embedder.embed(List.of(OnnxEmbedder.QUERY_INSTRUCTION + text)).getFirst()))
			.isCloseTo(1.0, within(1e-4));
	}

	@Test
	void aQueryAskedAgainIsEmbeddedOnceAndEachCallerGetsItsOwnVector() {
		String query = "harbour seals resting on the sandbanks " + System.nanoTime();
		long embeddedBefore = embedder.queryStats().missCount();

		float[] first = embedder.embedQuery(query);
		float expected = first[0];
		first[0] = 42;
		float[] again = embedder.embedQuery(query);

		assertThat(embedder.queryStats().missCount() - embeddedBefore).isEqualTo(1);
		assertThat(again).isNotSameAs(first);
		assertThat(again[0]).isEqualTo(expected);
		assertThat(dot(again, embedder.embed(List.of(OnnxEmbedder.QUERY_INSTRUCTION + query)).getFirst()))
			.isCloseTo(1.0, within(1e-4));
	}

	@Test
	void matchesTheReferenceImplementationWhateverTheBatching() {
		List<String> passages = List.of("Short one.",
				"A somewhat longer passage about glaciers retreating in Patagonia every summer, measured by satellites.",
				"Middle-sized text on sourdough starters.", "Tiny", "Another passage of medium length on chess clubs.");
		EmbeddingModel reference = new BgeSmallEnV15EmbeddingModel(Executors.newSingleThreadExecutor());

		List<float[]> vectors = embedder.embed(passages);

		for (int i = 0; i < passages.size(); i++) {
			float[] expected = reference.embed(passages.get(i)).content().vector();
			assertThat(dot(vectors.get(i), expected)).as(passages.get(i)).isCloseTo(1.0, within(1e-4));
		}
	}

	@Test
	void quantizedTwinGivesCloseButDifferentVectors() {
		try (OnnxEmbedder quantized = new OnnxEmbedder(EmbeddingModelVersion.BGE_SMALL_EN_V15_Q, 2, 1)) {
			String text = "Lighthouses guide ships along rocky coasts.";
			double cosine = dot(quantized.embed(List.of(text)).getFirst(), embedder.embed(List.of(text)).getFirst());

			assertThat(quantized.modelName()).isEqualTo("bge-small-en-v1.5-q");
			assertThat(cosine).isBetween(0.95, 0.99999);
		}
	}

	@Test
	void describesItsModelAndEmbedsNothingForNoTexts() {
		assertThat(embedder.modelName()).isEqualTo("bge-small-en-v1.5");
		assertThat(embedder.dimensions()).isEqualTo(384);
		assertThat(embedder.embed(List.of())).isEmpty();
	}

	private static double dot(float[] a, float[] b) {
		double sum = 0;
		for (int i = 0; i < a.length; i++) {
			sum += a[i] * b[i];
		}
		return sum;
	}

	private static double norm(float[] vector) {
		return Math.sqrt(dot(vector, vector));
	}

}

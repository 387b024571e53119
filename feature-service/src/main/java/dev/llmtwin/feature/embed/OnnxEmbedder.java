package dev.llmtwin.feature.embed;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15.BgeSmallEnV15EmbeddingModel;

import org.springframework.stereotype.Component;

/**
 * bge-small-en-v1.5 in-process on ONNX Runtime, from the model file inside the
 * langchain4j jar. Loaded once; a single-thread executor, because the model's default
 * executor runs as many threads as cores and they compete with ONNX Runtime's own
 * threads.
 */
@Component
public class OnnxEmbedder implements Embedder, AutoCloseable {

	/** bge's instruction for short queries that retrieve passages. */
	static final String QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";

	private final ExecutorService executor = Executors
		.newSingleThreadExecutor(Thread.ofPlatform().name("onnx-embedder").daemon().factory());

	private final EmbeddingModel model = new BgeSmallEnV15EmbeddingModel(this.executor);

	@Override
	public List<float[]> embed(List<String> texts) {
		if (texts.isEmpty()) {
			return List.of();
		}
		List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
		return this.model.embedAll(segments).content().stream().map(Embedding::vector).toList();
	}

	@Override
	public float[] embedQuery(String query) {
		return this.model.embed(QUERY_INSTRUCTION + query).content().vector();
	}

	@Override
	public String modelName() {
		return "bge-small-en-v1.5";
	}

	@Override
	public int dimensions() {
		return 384;
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}

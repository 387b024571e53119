package dev.llmtwin.feature.embed;

import java.util.Arrays;

import dev.langchain4j.model.embedding.onnx.bgesmallenv15.BgeSmallEnV15EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;

/**
 * The embedding models this service can run: the ONNX files and tokenizers inside the
 * langchain4j jars. Both share bge-small's vocabulary, so chunks are cut the same way;
 * their vectors differ, so they never share an index.
 */
public enum EmbeddingModelVersion {

	BGE_SMALL_EN_V15("bge-small-en-v1.5", BgeSmallEnV15EmbeddingModel.class),

	BGE_SMALL_EN_V15_Q("bge-small-en-v1.5-q", BgeSmallEnV15QuantizedEmbeddingModel.class);

	private final String id;

	private final Class<?> resourceBase;

	EmbeddingModelVersion(String id, Class<?> resourceBase) {
		this.id = id;
		this.resourceBase = resourceBase;
	}

	/** The model's name, recorded with every vector. */
	public String id() {
		return this.id;
	}

	String modelResource() {
		return "/" + this.id + ".onnx";
	}

	String tokenizerResource() {
		return "/" + this.id + "-tokenizer.json";
	}

	Class<?> resourceBase() {
		return this.resourceBase;
	}

	public static EmbeddingModelVersion fromId(String id) {
		return Arrays.stream(values())
			.filter((version) -> version.id.equals(id))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unknown embedding model '" + id + "'"));
	}

}

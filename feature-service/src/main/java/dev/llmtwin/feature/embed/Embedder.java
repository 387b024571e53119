package dev.llmtwin.feature.embed;

import java.util.List;

/** Turns text into normalized vectors with one embedding model. */
public interface Embedder {

	/** Embeds passages (chunks), in order. */
	List<float[]> embed(List<String> texts);

	/**
	 * Embeds passages already tokenized with the model's tokenizer (content tokens only,
	 * at most the window without the special tokens), in order.
	 */
	List<float[]> embedTokens(List<long[]> tokenIds);

	/** Embeds a search query, with whatever instruction the model expects for queries. */
	float[] embedQuery(String query);

	String modelName();

	int dimensions();

}

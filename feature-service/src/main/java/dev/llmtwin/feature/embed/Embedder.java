package dev.llmtwin.feature.embed;

import java.util.List;

/** Turns text into normalized vectors with one embedding model. */
public interface Embedder {

	/** Embeds passages (chunks), in order, as one batch. */
	List<float[]> embed(List<String> texts);

	/** Embeds a search query, with whatever instruction the model expects for queries. */
	float[] embedQuery(String query);

	String modelName();

	int dimensions();

}

package dev.llmtwin.feature.store;

import java.util.Optional;

/**
 * Opens the vector store of one embedding model and makes one the active store: a store
 * never holds vectors of two models.
 */
public interface VectorStoreFactory {

	/** The model whose store was made active last, if any was. */
	Optional<String> activeModel();

	/** The store of the model as it is (created when missing). */
	VectorStore open(String model, int dimensions);

	/** A new, empty store for the model, next to the active one: a reindex fills it. */
	VectorStore create(String model, int dimensions);

	/** Makes the store the one readers use (Qdrant: swaps the alias), durably. */
	void activate(VectorStore store, String model);

}

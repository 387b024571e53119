package dev.llmtwin.feature.store;

import java.util.List;

/**
 * Where embedded chunks live. Writes are idempotent (point ids are deterministic), so an
 * at-least-once delivery may repeat them; failures are unchecked and leave the previous
 * state in place.
 */
public interface VectorStore {

	/**
	 * Atomically replaces all points of a document with the given chunks: chunk indexes
	 * beyond the new last one disappear. No chunks removes the document.
	 */
	void replaceDocument(String documentId, List<Chunk> chunks);

	/** Removes every point of a document; nothing happens when it has none. */
	void deleteDocument(String documentId);

	/** The {@code k} chunks nearest to the query vector, best first. */
	List<SearchHit> search(float[] query, int k);

	/** The number of points stored. */
	long count();

}

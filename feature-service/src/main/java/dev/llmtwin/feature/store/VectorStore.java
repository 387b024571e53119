package dev.llmtwin.feature.store;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where embedded chunks live. Writes are idempotent (point ids are deterministic), so an
 * at-least-once delivery may repeat them; failures are unchecked and leave each document
 * either in its previous or in its new state.
 */
public interface VectorStore extends AutoCloseable {

	/**
	 * Replaces all points of each document with the given chunks: chunk indexes beyond
	 * the new last one disappear, and no chunks removes the document.
	 */
	void apply(List<DocumentWrite> writes);

	default void replaceDocument(String documentId, List<Chunk> chunks) {
		apply(List.of(new DocumentWrite(documentId, chunks)));
	}

	default void deleteDocument(String documentId) {
		apply(List.of(new DocumentWrite(documentId, List.of())));
	}

	/** The {@code k} chunks nearest to the query vector that match the filter. */
	List<SearchHit> search(float[] query, int k, SearchFilter filter);

	default List<SearchHit> search(float[] query, int k) {
		return search(query, k, SearchFilter.NONE);
	}

	/**
	 * The {@code k} chunks whose words best match the query's (BM25), that match the
	 * filter; a hit's score is its BM25 score. Finds the exact wording, names and numbers
	 * that a small embedding model blurs.
	 */
	List<SearchHit> searchText(String query, int k, SearchFilter filter);

	/**
	 * The dense and the lexical results fused into one ranking (a hit's score is the
	 * fused score); each list is read {@link Fusion#DEPTH} deep.
	 */
	default List<SearchHit> searchHybrid(float[] vector, String text, int k, SearchFilter filter, Fusion fusion) {
		int depth = Math.max(k, Fusion.DEPTH);
		return fusion.fuse(k, search(vector, depth, filter), searchText(text, depth, filter));
	}

	/** The number of points stored. */
	long count();

	/** The ids of the documents that have points. */
	default Set<String> documentIds() {
		return inventory().keySet();
	}

	/**
	 * What the store holds of each document that has points, read in one pass: the
	 * reconciliation against the raw documents compares it with them.
	 */
	Map<String, StoredDocument> inventory();

	/**
	 * The chunks of one document, in order: the new store of a reindex starts from them.
	 * @param documentId the raw document's id
	 * @return its chunks, without vectors
	 */
	List<SearchHit> chunksOf(String documentId);

	/** Releases what the store holds open; the data stays. */
	@Override
	default void close() {
	}

}

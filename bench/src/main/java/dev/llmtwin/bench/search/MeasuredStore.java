package dev.llmtwin.bench.search;

import java.util.List;
import java.util.OptionalDouble;

import dev.llmtwin.feature.store.DocumentWrite;
import dev.llmtwin.feature.store.VectorStore;

/**
 * A vector store the benchmark builds and then searches: the Lucene store in a directory
 * of its own, or a Qdrant collection.
 */
interface MeasuredStore extends AutoCloseable {

	/** The prefix of its figures: {@code ""} for Lucene, {@code qdrant} for Qdrant. */
	String prefix();

	/**
	 * Writes the batches, waits until the store has indexed them, and opens it for
	 * search.
	 */
	VectorStore build(List<List<DocumentWrite>> batches) throws Exception;

	/** The index's size on disk in MiB, where the benchmark can see it. */
	OptionalDouble indexMiB() throws Exception;

	@Override
	void close() throws Exception;

}

package dev.llmtwin.bench.search;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Collections.CollectionStatus;

import dev.llmtwin.feature.store.DocumentWrite;
import dev.llmtwin.feature.store.QdrantVectorStore;
import dev.llmtwin.feature.store.VectorStore;

/**
 * A Qdrant collection of its own (named after the size measured) on a Qdrant the
 * benchmark started in Docker; dropped on close.
 */
final class QdrantMeasuredStore implements MeasuredStore {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	/** How long Qdrant's optimizer may take to build the HNSW index after the writes. */
	private static final Duration INDEXING = Duration.ofMinutes(10);

	private final QdrantClient client;

	private final String model;

	private final int dimensions;

	private QdrantVectorStore store;

	QdrantMeasuredStore(QdrantClient client, String size, int dimensions) {
		this.client = client;
		this.model = "bench-" + size;
		this.dimensions = dimensions;
	}

	@Override
	public String prefix() {
		return "qdrant";
	}

	@Override
	public VectorStore build(List<List<DocumentWrite>> batches) throws Exception {
		this.store = new QdrantVectorStore(this.client, this.model, this.dimensions, TIMEOUT);
		for (List<DocumentWrite> batch : batches) {
			this.store.apply(batch);
		}
		// Qdrant indexes in the background; until the collection is green, segments
		// without their graph are searched exhaustively.
		long deadline = System.nanoTime() + INDEXING.toNanos();
		while (this.client.getCollectionInfoAsync(this.store.collection())
			.get(1, TimeUnit.MINUTES)
			.getStatus() != CollectionStatus.Green) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Qdrant did not finish indexing within " + INDEXING);
			}
			Thread.sleep(200);
		}
		return this.store;
	}

	/** Inside the container: not measured from here. */
	@Override
	public OptionalDouble indexMiB() {
		return OptionalDouble.empty();
	}

	@Override
	public void close() throws Exception {
		if (this.store != null) {
			this.client.deleteCollectionAsync(this.store.collection()).get(1, TimeUnit.MINUTES);
		}
	}

}

package dev.llmtwin.feature.store;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

import io.qdrant.client.QdrantClient;

import dev.llmtwin.feature.embed.EmbeddingModelVersion;

/**
 * Qdrant collections per model behind the alias {@code chunks}: the alias names the
 * active model.
 */
public class QdrantVectorStoreFactory implements VectorStoreFactory {

	private final QdrantClient client;

	private final Duration timeout;

	public QdrantVectorStoreFactory(QdrantClient client, Duration timeout) {
		this.client = client;
		this.timeout = timeout;
	}

	@Override
	public Optional<String> activeModel() {
		try {
			return this.client.listAliasesAsync()
				.get()
				.stream()
				.filter((alias) -> alias.getAliasName().equals(QdrantVectorStore.ALIAS))
				.findFirst()
				.flatMap((alias) -> Arrays.stream(EmbeddingModelVersion.values())
					.map(EmbeddingModelVersion::id)
					.filter((model) -> QdrantVectorStore.collectionName(model).equals(alias.getCollectionName()))
					.findFirst());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while reading the Qdrant aliases", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Cannot read the Qdrant aliases", ex.getCause());
		}
	}

	@Override
	public VectorStore open(String model, int dimensions) {
		return new QdrantVectorStore(this.client, model, dimensions, this.timeout);
	}

	@Override
	public VectorStore create(String model, int dimensions) {
		String collection = QdrantVectorStore.collectionName(model);
		try {
			if (this.client.collectionExistsAsync(collection).get()) {
				// Left over from an earlier reindex; it is not the active one.
				this.client.deleteCollectionAsync(collection).get();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while preparing " + collection, ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Cannot prepare " + collection, ex.getCause());
		}
		return open(model, dimensions);
	}

	@Override
	public void activate(VectorStore store, String model) {
		((QdrantVectorStore) store).pointAliasHere();
	}

}

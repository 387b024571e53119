package dev.llmtwin.feature.index;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import dev.llmtwin.feature.embed.EmbeddingModelVersion;
import dev.llmtwin.feature.embed.EmbeddingProperties;
import dev.llmtwin.feature.embed.OnnxEmbedder;
import dev.llmtwin.feature.store.VectorStore;
import dev.llmtwin.feature.store.VectorStoreFactory;

/**
 * The embedding model and the vector store of that model that the service uses now, as
 * one pair: a reindex swaps both at once, so a vector is never searched or written with
 * another model's store. At start, the model made active last wins over the configured
 * one.
 */
@Component
public class ActiveIndex implements AutoCloseable {

	/** How long a replaced store stays open for searches that started before the swap. */
	private static final Duration RETIRE_AFTER = Duration.ofSeconds(30);

	private static final Logger log = LoggerFactory.getLogger(ActiveIndex.class);

	private final EmbeddingProperties properties;

	private final AtomicReference<Snapshot> current;

	/** The pair replaced last, until it is closed. */
	private final AtomicReference<Snapshot> retiring = new AtomicReference<>();

	ActiveIndex(VectorStoreFactory factory, EmbeddingProperties properties) {
		this.properties = properties;
		EmbeddingModelVersion model = factory.activeModel()
			.map(EmbeddingModelVersion::fromId)
			.orElse(properties.model());
		OnnxEmbedder embedder = newEmbedder(model);
		this.current = new AtomicReference<>(new Snapshot(embedder, factory.open(model.id(), embedder.dimensions())));
	}

	public Snapshot current() {
		return this.current.get();
	}

	OnnxEmbedder newEmbedder(EmbeddingModelVersion model) {
		return new OnnxEmbedder(model, this.properties.effectiveThreads(), this.properties.batchSize());
	}

	/** Makes the pair current; the old one is closed once searches on it are over. */
	void swap(Snapshot next) {
		Snapshot old = this.current.getAndSet(next);
		log.info("Active model is now {} (was {})", next.embedder().modelName(), old.embedder().modelName());
		retire(this.retiring.getAndSet(old));
		Thread.ofVirtual().name("retire-index").start(() -> {
			try {
				Thread.sleep(RETIRE_AFTER);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			if (this.retiring.compareAndSet(old, null)) {
				retire(old);
			}
		});
	}

	private static void retire(Snapshot snapshot) {
		if (snapshot != null) {
			try {
				snapshot.close();
			}
			catch (RuntimeException ex) {
				log.warn("Closing the replaced index of {} failed", snapshot.embedder().modelName(), ex);
			}
		}
	}

	@Override
	public void close() {
		retire(this.retiring.getAndSet(null));
		current().close();
	}

	/**
	 * A model and its store.
	 *
	 * @param embedder the model
	 * @param store the store of its vectors
	 */
	public record Snapshot(OnnxEmbedder embedder, VectorStore store) implements AutoCloseable {

		@Override
		public void close() {
			this.store.close();
			this.embedder.close();
		}

	}

}

package dev.llmtwin.feature.index;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.stereotype.Component;

import dev.llmtwin.feature.FeatureType;
import dev.llmtwin.feature.chunk.TextChunk;
import dev.llmtwin.feature.chunk.TextChunker;
import dev.llmtwin.feature.document.CleanedDocument;
import dev.llmtwin.feature.document.CleanedDocumentStore;
import dev.llmtwin.feature.embed.EmbeddingModelVersion;
import dev.llmtwin.feature.embed.OnnxEmbedder;
import dev.llmtwin.feature.store.Chunk;
import dev.llmtwin.feature.store.DocumentWrite;
import dev.llmtwin.feature.store.VectorStore;
import dev.llmtwin.feature.store.VectorStoreFactory;

/**
 * Re-embeds every cleaned document with another model into a new store next to the active
 * one, while search and ingestion go on against the active one. Then consumption stops
 * for a moment, the changes applied meanwhile are caught up, the new store becomes the
 * active one (Qdrant: the alias swaps), and consumption resumes. One job at a time.
 */
@Component
class Reindexer {

	private static final Logger log = LoggerFactory.getLogger(Reindexer.class);

	private static final int DOCUMENTS_PER_BATCH = 32;

	private final ActiveIndex index;

	private final VectorStoreFactory factory;

	private final CleanedDocumentStore documents;

	private final TextChunker chunker;

	private final AbstractMessageListenerContainer consumer;

	private final Map<String, ReindexJob> jobs = new ConcurrentHashMap<>();

	private volatile ReindexJob running;

	Reindexer(ActiveIndex index, VectorStoreFactory factory, CleanedDocumentStore documents, TextChunker chunker,
			AbstractMessageListenerContainer rawChangeListenerContainer) {
		this.index = index;
		this.factory = factory;
		this.documents = documents;
		this.chunker = chunker;
		this.consumer = rawChangeListenerContainer;
	}

	/**
	 * Starts a reindex with the model.
	 * @throws IllegalStateException when one runs or the model is already active
	 */
	synchronized ReindexJob start(EmbeddingModelVersion model) {
		if (this.running != null) {
			throw new IllegalStateException("Reindex " + this.running.id + " is still running");
		}
		String active = this.index.current().embedder().modelName();
		if (active.equals(model.id())) {
			throw new IllegalStateException("The model " + model.id() + " is already active");
		}
		ReindexJob job = new ReindexJob(model.id(), active);
		this.jobs.put(job.id, job);
		this.running = job;
		Thread.ofVirtual().name("reindex-" + job.id).start(() -> run(job, model));
		return job;
	}

	Optional<ReindexJob> job(String id) {
		return Optional.ofNullable(this.jobs.get(id));
	}

	Collection<ReindexJob> jobs() {
		return this.jobs.values();
	}

	private void run(ReindexJob job, EmbeddingModelVersion model) {
		OnnxEmbedder embedder = null;
		VectorStore store = null;
		try {
			job.phase = "loading model";
			embedder = this.index.newEmbedder(model);
			store = this.factory.create(model.id(), embedder.dimensions());
			Instant since = Instant.now();
			job.documentsTotal = this.documents.countLive();
			job.phase = "embedding";
			try (Stream<CleanedDocument> live = this.documents.stream(null, null, null)) {
				embedAll(live, embedder, store, job);
			}
			job.phase = "catching up";
			boolean consuming = this.consumer.isRunning();
			// Stopping waits for the batch in flight; nothing is written meanwhile.
			this.consumer.stop();
			try {
				try (Stream<CleanedDocument> changed = this.documents.changedSince(since)) {
					embedAll(changed, embedder, store, null);
				}
				job.phase = "swapping";
				this.factory.activate(store, model.id());
				this.index.swap(new ActiveIndex.Snapshot(embedder, store));
			}
			finally {
				if (consuming) {
					this.consumer.start();
				}
			}
			job.phase = "done";
			job.status = ReindexJob.Status.SUCCEEDED;
			log.info("Reindex {} with {} done: {} documents, {} chunks", job.id, model.id(), job.documentsDone,
					job.chunks);
		}
		catch (RuntimeException ex) {
			log.error("Reindex {} with {} failed", job.id, model.id(), ex);
			job.error = ex.toString();
			job.status = ReindexJob.Status.FAILED;
			if (store != null) {
				store.close();
			}
			if (embedder != null) {
				embedder.close();
			}
		}
		finally {
			job.finishedAt = Instant.now();
			this.running = null;
		}
	}

	/** Embeds documents in batches; a tombstone removes the document. */
	private void embedAll(Stream<CleanedDocument> documents, OnnxEmbedder embedder, VectorStore store,
			ReindexJob progress) {
		List<CleanedDocument> batch = new ArrayList<>(DOCUMENTS_PER_BATCH);
		documents.forEach((document) -> {
			batch.add(document);
			if (batch.size() == DOCUMENTS_PER_BATCH) {
				embedBatch(batch, embedder, store, progress);
				batch.clear();
			}
		});
		if (!batch.isEmpty()) {
			embedBatch(batch, embedder, store, progress);
		}
	}

	private void embedBatch(List<CleanedDocument> batch, OnnxEmbedder embedder, VectorStore store,
			ReindexJob progress) {
		List<List<TextChunk>> chunked = batch.stream()
			.map((document) -> !document.embeddable() ? List.<TextChunk>of()
					: this.chunker.chunk(document.text(), FeatureType.fromWireName(document.type())))
			.toList();
		List<float[]> vectors = embedder
			.embedTokens(chunked.stream().flatMap(List::stream).map(TextChunk::tokenIds).toList());
		List<DocumentWrite> writes = new ArrayList<>(batch.size());
		int vector = 0;
		int chunkCount = 0;
		for (int i = 0; i < batch.size(); i++) {
			CleanedDocument document = batch.get(i);
			List<Chunk> chunks = new ArrayList<>();
			for (int index = 0; index < chunked.get(i).size(); index++) {
				chunks.add(document.chunk(index, chunked.get(i).get(index).text(), embedder.modelName(),
						vectors.get(vector++)));
			}
			chunkCount += chunks.size();
			writes.add(new DocumentWrite(document.id(), chunks));
		}
		store.apply(writes);
		if (progress != null) {
			progress.documentsDone.addAndGet(batch.size());
			progress.chunks.addAndGet(chunkCount);
		}
	}

}

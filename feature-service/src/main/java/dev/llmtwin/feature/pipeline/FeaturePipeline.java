package dev.llmtwin.feature.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.stereotype.Component;

import dev.llmtwin.feature.FeatureType;
import dev.llmtwin.feature.chunk.ChunkingProperties;
import dev.llmtwin.feature.chunk.TextChunk;
import dev.llmtwin.feature.chunk.TextChunker;
import dev.llmtwin.feature.clean.TextCleaner;
import dev.llmtwin.feature.document.CleanedDocument;
import dev.llmtwin.feature.document.CleanedDocumentStore;
import dev.llmtwin.feature.embed.Embedder;
import dev.llmtwin.feature.quality.LanguageDetector;
import dev.llmtwin.feature.quality.NearCopyBatch;
import dev.llmtwin.feature.quality.NearDuplicates;
import dev.llmtwin.feature.quality.QualityGate;
import dev.llmtwin.feature.store.Chunk;
import dev.llmtwin.feature.store.DocumentWrite;
import dev.llmtwin.feature.store.VectorStore;

/**
 * Applies a batch of document changes: the latest change per document wins, a change
 * older than the one last applied to its document is ignored, the texts are cleaned and
 * checked by the quality gates, near-copies of a work linked to its canonical copy, the
 * rest chunked, all chunks of the batch are embedded together, and the vector store is
 * written in one step before the cleaned documents (with the position of the change) are
 * recorded. Store failures are retried with backoff and then reported as
 * {@link StoreUnavailableException}.
 */
@Component
public class FeaturePipeline implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(FeaturePipeline.class);

	private final TextCleaner cleaner;

	private final TextChunker chunker;

	private final Embedder embedder;

	private final VectorStore store;

	private final CleanedDocumentStore documents;

	private final RetryTemplate retry;

	private final PipelineMeters meters;

	private final int maxChunks;

	private final QualityGate gate;

	private final LanguageDetector languages;

	private final NearDuplicates duplicates;

	/**
	 * Platform threads, one per core: the operating system shares the cores between them
	 * and the rest of the process, where a virtual thread would hold its carrier until
	 * its document is done.
	 */
	private final ExecutorService preparing = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(),
			Thread.ofPlatform().name("feature-prepare-", 0).daemon(true).factory());

	FeaturePipeline(TextCleaner cleaner, TextChunker chunker, Embedder embedder, VectorStore store,
			CleanedDocumentStore documents, FailureProperties failures, ChunkingProperties chunking,
			PipelineMeters meters, QualityGate gate, LanguageDetector languages, NearDuplicates duplicates) {
		this.gate = gate;
		this.languages = languages;
		this.duplicates = duplicates;
		this.meters = meters;
		this.maxChunks = chunking.maxChunksPerDocument();
		this.cleaner = cleaner;
		this.chunker = chunker;
		this.embedder = embedder;
		this.store = store;
		this.documents = documents;
		this.retry = new RetryTemplate(RetryPolicy.builder()
			.maxRetries(failures.retries())
			.delay(failures.initialBackoff())
			.multiplier(2)
			.maxDelay(failures.maxBackoff())
			.build());
	}

	/**
	 * Applies the changes; returns once the vector store and the document store hold the
	 * result.
	 * @return how many changes were applied (the rest were superseded or stale)
	 * @throws StoreUnavailableException when a store keeps failing
	 */
	public int apply(List<DocumentChange> changes) {
		Map<String, DocumentChange> latest = new LinkedHashMap<>();
		for (DocumentChange change : changes) {
			latest.merge(change.documentId(), change,
					(kept, next) -> (next.clusterTime().compareTo(kept.clusterTime()) >= 0) ? next : kept);
		}
		Map<String, CleanedDocument> applied = this.meters.time("read",
				() -> retried("reading the cleaned documents", () -> this.documents.findAll(latest.keySet())));
		List<DocumentChange> current = new ArrayList<>();
		for (DocumentChange change : latest.values()) {
			CleanedDocument last = applied.get(change.documentId());
			if (last != null && last.clusterTime() != null && change.clusterTime().compareTo(last.clusterTime()) < 0) {
				log.info("Ignoring a change of {} {} at {}: older than the one applied at {}", change.collection(),
						change.documentId(), change.clusterTime(), last.clusterTime());
			}
			else {
				current.add(change);
			}
		}
		if (current.isEmpty()) {
			return 0;
		}
		List<Prepared> prepared = this.meters.time("prepare", () -> linkCopies(prepareAll(current),
				current.stream().map(DocumentChange::documentId).collect(Collectors.toCollection(HashSet::new))));
		List<long[]> tokens = prepared.stream()
			.flatMap((document) -> document.chunks().stream())
			.map(TextChunk::tokenIds)
			.toList();
		List<float[]> vectors = tokens.isEmpty() ? List.of()
				: this.meters.time("embed", () -> this.embedder.embedTokens(tokens));
		this.meters.embedded(vectors.size(), tokens.stream().mapToLong((ids) -> ids.length + 2).sum());
		List<DocumentWrite> writes = new ArrayList<>(prepared.size());
		List<CleanedDocument> cleaned = new ArrayList<>(prepared.size());
		Instant now = Instant.now();
		int vector = 0;
		for (Prepared document : prepared) {
			List<Chunk> chunks = new ArrayList<>(document.chunks().size());
			for (int index = 0; index < document.chunks().size(); index++) {
				chunks.add(document.document()
					.chunk(index, document.chunks().get(index).text(), this.embedder.modelName(),
							vectors.get(vector++)));
			}
			writes.add(new DocumentWrite(document.document().id(), chunks));
			cleaned.add(document.document().withChunks(chunks.size(), now));
		}
		this.meters.time("vectors", () -> retried("writing the vector store", () -> {
			this.store.apply(writes);
			return null;
		}));
		this.meters.time("documents", () -> retried("recording the cleaned documents", () -> {
			this.documents.saveAll(cleaned);
			return null;
		}));
		current.forEach((change) -> this.meters.applied(change.collection()));
		log.info("Applied {} document changes ({} chunks)", current.size(), vectors.size());
		return current.size();
	}

	/**
	 * Prepares the documents side by side: cleaning, the gates, language detection and
	 * tokenizing do not depend on the other documents, so the batch waits for the cores,
	 * not for the sum of its documents.
	 */
	private List<Prepared> prepareAll(List<DocumentChange> changes) {
		List<Callable<Prepared>> tasks = changes.stream()
			.map((change) -> (Callable<Prepared>) () -> prepare(change))
			.toList();
		try {
			return this.preparing.invokeAll(tasks).stream().map(FeaturePipeline::resultOf).toList();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while preparing a batch", ex);
		}
	}

	private static <T> T resultOf(Future<T> done) {
		if (done.state() == Future.State.SUCCESS) {
			return done.resultNow();
		}
		Throwable failure = done.exceptionNow();
		if (failure instanceof RuntimeException runtime) {
			throw runtime;
		}
		if (failure instanceof Error error) {
			throw error;
		}
		throw new IllegalStateException("Preparing a document failed", failure);
	}

	private Prepared prepare(DocumentChange change) {
		if (change.isDelete()) {
			return new Prepared(CleanedDocument.tombstone(change.documentId(), change.collection(),
					change.type().wireName(), change.clusterTime(), null), List.of());
		}
		SourceText source = change.source();
		String text = this.cleaner.clean(source.text(), change.type());
		Optional<QualityGate.HeldBack> heldBack = this.gate.heldBack(text, change.type());
		heldBack.ifPresent((held) -> {
			// Its points (of an earlier version) go: the raw document no longer holds
			// writing to search.
			log.info("{} {} is held back from the vector store: {}", change.collection(), change.documentId(),
					held.reason());
			this.meters.heldBack(held.kind());
		});
		CleanedDocument document = new CleanedDocument(source.documentId(), change.collection(),
				source.type().wireName(), source.platform(), source.authorId(), source.link(), source.title(), text,
				source.contentHash(), source.crawledAt(), change.clusterTime(), false, 0, this.embedder.modelName(),
				null, heldBack.map(QualityGate.HeldBack::reason).orElse(null),
				this.languages.detect(text, change.type()).orElse(null), null,
				heldBack.isPresent() ? null : this.duplicates.fingerprint(text));
		return new Prepared(document, document.embeddable() ? chunk(document) : List.of());
	}

	/**
	 * Links near-copies to their canonical copy (they lose their chunks), and when a
	 * canonical copy stops being one (deleted, held back, now a copy itself) gives its
	 * work a new canonical copy among the documents linked to it.
	 */
	private List<Prepared> linkCopies(List<Prepared> prepared, Set<String> inBatch) {
		NearCopyBatch copies = this.duplicates.batch(prepared.stream().map(Prepared::document).toList(), inBatch);
		List<Prepared> linked = new ArrayList<>(prepared.size());
		for (Prepared document : prepared) {
			Prepared decided = linkCopy(document, copies);
			linked.add(decided);
			if (!decided.document().embeddable()) {
				for (CleanedDocument copy : this.duplicates.copiesOf(decided.document().id())) {
					if (inBatch.add(copy.id())) {
						linked.add(linkCopy(new Prepared(copy.asDuplicateOf(null), chunk(copy)), copies));
					}
				}
			}
		}
		return linked;
	}

	private Prepared linkCopy(Prepared document, NearCopyBatch copies) {
		Optional<String> canonical = copies.decide(document.document());
		if (canonical.isEmpty()) {
			return document;
		}
		log.info("{} {} is a near-copy of {}: linked to it, not embedded", document.document().collection(),
				document.document().id(), canonical.get());
		this.meters.linkedCopy();
		return new Prepared(document.document().asDuplicateOf(canonical.get()), List.of());
	}

	private List<TextChunk> chunk(CleanedDocument document) {
		List<TextChunk> chunks = this.chunker.chunk(document.text(), FeatureType.fromWireName(document.type()));
		if (chunks.size() >= this.maxChunks) {
			log.warn(
					"{} {} is embedded as its first {} chunks only (feature.chunking.max-chunks-per-document); "
							+ "the rest of its {} characters is left out",
					document.collection(), document.id(), chunks.size(), document.text().length());
		}
		return chunks;
	}

	@Override
	public void close() {
		this.preparing.close();
	}

	private <T> T retried(String what, Supplier<T> action) {
		try {
			return this.retry.execute(() -> {
				try {
					return action.get();
				}
				catch (RuntimeException ex) {
					log.warn("Failed {}: {}", what, ex.toString());
					throw ex;
				}
			});
		}
		catch (RetryException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw new StoreUnavailableException("Failed " + what + " after retries: " + cause, cause);
		}
	}

	/**
	 * @param document the cleaned document to record (its chunk count is set once the
	 * chunks are written)
	 * @param chunks the chunks to embed: none for a tombstone, a document held back or a
	 * near-copy
	 */
	private record Prepared(CleanedDocument document, List<TextChunk> chunks) {
	}

}

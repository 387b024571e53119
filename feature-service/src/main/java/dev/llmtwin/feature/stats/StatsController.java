package dev.llmtwin.feature.stats;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.llmtwin.feature.change.ChangeProperties;
import dev.llmtwin.feature.document.CleanedDocument;
import dev.llmtwin.feature.document.CleanedDocumentStore;
import dev.llmtwin.feature.store.VectorStore;

/**
 * What the feature store holds, and whether it is a complete image of the raw documents:
 * raw documents with text but no points (missing) and points of documents that no longer
 * exist (orphaned).
 */
@RestController
@RequestMapping("/api/stats")
class StatsController {

	/** At most this many ids of each kind are listed; the counts are complete. */
	private static final int LISTED_IDS = 100;

	private final CleanedDocumentStore documents;

	private final VectorStore store;

	private final MongoTemplate mongo;

	private final ChangeProperties changes;

	StatsController(CleanedDocumentStore documents, VectorStore store, MongoTemplate mongo, ChangeProperties changes) {
		this.documents = documents;
		this.store = store;
		this.mongo = mongo;
		this.changes = changes;
	}

	@GetMapping
	Stats stats() {
		Map<String, TypeCounts> byType = new TreeMap<>();
		Set<String> withoutChunks = new HashSet<>();
		try (Stream<CleanedDocument> live = this.documents.stream(null, null, null)) {
			live.forEach((document) -> {
				byType.merge(document.type(), new TypeCounts(1, document.chunkCount()), TypeCounts::plus);
				if (document.chunkCount() == 0) {
					withoutChunks.add(document.id());
				}
			});
		}
		LastApplied last = this.documents.lastApplied()
			.map((document) -> new LastApplied(document.id(), document.collection(), document.deleted(),
					(document.clusterTime() != null) ? document.clusterTime().toInstant().toString() : null,
					(document.appliedAt() != null) ? document.appliedAt().toString() : null))
			.orElse(null);
		Set<String> raw = new HashSet<>();
		for (String collection : this.changes.collections().keySet()) {
			this.mongo.getCollection(collection)
				.find()
				.projection(new Document("_id", 1))
				.forEach((document) -> raw.add(String.valueOf(document.get("_id"))));
		}
		Set<String> stored = this.store.documentIds();
		List<String> missing = raw.stream()
			.filter((id) -> !stored.contains(id) && !withoutChunks.contains(id))
			.sorted()
			.toList();
		List<String> orphaned = stored.stream().filter((id) -> !raw.contains(id)).sorted().toList();
		return new Stats(byType, this.store.count(), last,
				new Reconciliation(raw.size(), stored.size(), missing.size(),
						missing.subList(0, Math.min(LISTED_IDS, missing.size())), orphaned.size(),
						orphaned.subList(0, Math.min(LISTED_IDS, orphaned.size()))));
	}

	record Stats(Map<String, TypeCounts> types, long points, LastApplied lastApplied, Reconciliation reconciliation) {
	}

	record TypeCounts(long documents, long chunks) {

		TypeCounts plus(TypeCounts other) {
			return new TypeCounts(this.documents + other.documents, this.chunks + other.chunks);
		}

	}

	/**
	 * @param documentId the document changed last
	 * @param collection its raw collection
	 * @param deleted whether that change was a delete
	 * @param clusterTime when the change happened in MongoDB
	 * @param appliedAt when it was applied here
	 */
	record LastApplied(String documentId, String collection, boolean deleted, String clusterTime, String appliedAt) {
	}

	/**
	 * @param rawDocuments documents in the raw collections
	 * @param storedDocuments documents with points in the vector store
	 * @param missingCount raw documents with text but without points
	 * @param missing their ids (the first ones)
	 * @param orphanedCount documents with points but no raw document
	 * @param orphaned their ids (the first ones)
	 */
	record Reconciliation(int rawDocuments, int storedDocuments, int missingCount, List<String> missing,
			int orphanedCount, List<String> orphaned) {
	}

}

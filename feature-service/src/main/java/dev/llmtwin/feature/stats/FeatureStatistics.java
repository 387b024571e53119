package dev.llmtwin.feature.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

import dev.llmtwin.feature.change.ChangeProperties;
import dev.llmtwin.feature.document.CleanedDocument;
import dev.llmtwin.feature.document.CleanedDocumentStore;
import dev.llmtwin.feature.store.StoredDocument;
import dev.llmtwin.feature.store.VectorStore;

/**
 * What the feature store holds, and whether it is a faithful image of the raw documents:
 * raw documents with text but no points (missing), cleaned documents or points of another
 * version than the raw document (stale), chunks stored twice (duplicated), and points of
 * documents that no longer exist (orphaned).
 */
@Service
class FeatureStatistics {

	/** At most this many ids of each kind are listed; the counts are complete. */
	private static final int LISTED_IDS = 100;

	private static final String CONTENT_HASH = "contentHash";

	private static final String AUTHOR_ID = "authorId";

	private final CleanedDocumentStore documents;

	private final VectorStore store;

	private final MongoTemplate mongo;

	private final ChangeProperties changes;

	private final QueueDepths queues;

	FeatureStatistics(CleanedDocumentStore documents, VectorStore store, MongoTemplate mongo, ChangeProperties changes,
			QueueDepths queues) {
		this.queues = queues;
		this.documents = documents;
		this.store = store;
		this.mongo = mongo;
		this.changes = changes;
	}

	/** One pass over the cleaned documents, the vector store and the raw collections. */
	Stats stats() {
		Map<String, TypeCounts> byType = new TreeMap<>();
		Map<String, CleanedDocument> cleaned = new HashMap<>();
		List<HeldBackDocument> heldBack = new ArrayList<>();
		List<CopyDocument> copies = new ArrayList<>();
		Map<String, Long> languages = new TreeMap<>();
		try (Stream<CleanedDocument> live = this.documents.stream(null, null, null)) {
			live.forEach((document) -> {
				byType.merge(document.type(), new TypeCounts(1, document.chunkCount()), TypeCounts::plus);
				cleaned.put(document.id(), document);
				if (document.heldBack() != null) {
					heldBack.add(new HeldBackDocument(document.id(), document.link(), document.heldBack()));
				}
				if (document.duplicateOf() != null) {
					copies.add(new CopyDocument(document.id(), document.link(), document.duplicateOf()));
				}
				languages.merge((document.language() != null) ? document.language() : "unknown", 1L, Long::sum);
			});
		}
		heldBack.sort(Comparator.comparing(HeldBackDocument::id));
		copies.sort(Comparator.comparing(CopyDocument::id));
		LastApplied last = this.documents.lastApplied()
			.map((document) -> new LastApplied(document.id(), document.collection(), document.deleted(),
					(document.clusterTime() != null) ? document.clusterTime().toInstant().toString() : null,
					(document.appliedAt() != null) ? document.appliedAt().toString() : null))
			.orElse(null);
		Map<String, StoredDocument> stored = this.store.inventory();
		return new Stats(byType, this.store.count(), last,
				new HeldBack(heldBack.size(), heldBack.stream().limit(LISTED_IDS).toList()),
				new Copies(copies.size(), copies.stream().limit(LISTED_IDS).toList()), languages, this.queues.depths(),
				reconcile(rawDocuments(), cleaned, stored));
	}

	private Map<String, Document> rawDocuments() {
		Map<String, Document> raw = new HashMap<>();
		for (String collection : this.changes.collections().keySet()) {
			this.mongo.getCollection(collection)
				.find()
				.projection(new Document("_id", 1).append(CONTENT_HASH, 1).append(AUTHOR_ID, 1))
				.forEach((document) -> raw.put(String.valueOf(document.get("_id")), document));
		}
		return raw;
	}

	/**
	 * Each raw document against its cleaned document and its points: a raw document with
	 * text has a cleaned document of its content hash and one point per chunk, each of
	 * its content hash and author; a point without a raw document is orphaned.
	 */
	static Reconciliation reconcile(Map<String, Document> raw, Map<String, CleanedDocument> cleaned,
			Map<String, StoredDocument> stored) {
		List<String> missing = new ArrayList<>();
		List<String> stale = new ArrayList<>();
		List<String> duplicated = new ArrayList<>();
		raw.forEach((id, document) -> {
			String contentHash = String.valueOf(document.get(CONTENT_HASH));
			String authorId = String.valueOf(document.get(AUTHOR_ID));
			CleanedDocument image = cleaned.get(id);
			StoredDocument points = stored.get(id);
			boolean cleanedCurrent = image != null && contentHash.equals(String.valueOf(image.contentHash()));
			if (points == null) {
				if (image == null || image.chunkCount() > 0) {
					missing.add(id);
				}
				else if (!cleanedCurrent) {
					stale.add(id);
				}
				return;
			}
			if (points.duplicated()) {
				duplicated.add(id);
			}
			if (!cleanedCurrent || !points.contentHashes().equals(Set.of(contentHash))
					|| !points.authorIds().equals(Set.of(authorId))
					|| points.chunkIndexes().size() != image.chunkCount()) {
				stale.add(id);
			}
		});
		List<String> orphaned = stored.keySet().stream().filter((id) -> !raw.containsKey(id)).toList();
		return new Reconciliation(raw.size(), stored.size(), missing.size(), listed(missing), stale.size(),
				listed(stale), duplicated.size(), listed(duplicated), orphaned.size(), listed(orphaned));
	}

	private static List<String> listed(List<String> ids) {
		return ids.stream().sorted().limit(LISTED_IDS).toList();
	}

	/**
	 * @param heldBack documents a quality gate kept from the vector store, with the
	 * reason; they are not missing from it
	 * @param nearCopies documents linked to the canonical copy of their work, which alone
	 * is embedded; they are not missing either
	 * @param languages live documents per language ({@code unknown}: code, or a text that
	 * did not tell)
	 * @param queues the depth of the queues this service consumes, by name
	 */
	record Stats(Map<String, TypeCounts> types, long points, LastApplied lastApplied, HeldBack heldBack,
			Copies nearCopies, Map<String, Long> languages, Map<String, QueueDepths.QueueDepth> queues,
			Reconciliation reconciliation) {
	}

	/**
	 * @param count how many documents are held back
	 * @param documents the first of them, by id
	 */
	record HeldBack(int count, List<HeldBackDocument> documents) {
	}

	record HeldBackDocument(String id, String link, String reason) {
	}

	/**
	 * @param count how many documents are near-copies of another
	 * @param documents the first of them, by id
	 */
	record Copies(int count, List<CopyDocument> documents) {
	}

	record CopyDocument(String id, String link, String duplicateOf) {
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
	 * @param staleCount documents whose cleaned document or points are of another version
	 * (content hash, author or chunk count) than the raw document
	 * @param stale their ids (the first ones)
	 * @param duplicatedCount documents with a chunk stored more than once
	 * @param duplicated their ids (the first ones)
	 * @param orphanedCount documents with points but no raw document
	 * @param orphaned their ids (the first ones)
	 */
	record Reconciliation(int rawDocuments, int storedDocuments, int missingCount, List<String> missing, int staleCount,
			List<String> stale, int duplicatedCount, List<String> duplicated, int orphanedCount,
			List<String> orphaned) {
	}

}

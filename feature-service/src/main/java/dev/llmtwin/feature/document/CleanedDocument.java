package dev.llmtwin.feature.document;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import dev.llmtwin.feature.FeatureType;
import dev.llmtwin.feature.store.Chunk;
import dev.llmtwin.model.ClusterTime;

/**
 * The cleaned form of one raw document, kept for data-set export and reindexing, with the
 * position of the last change applied to it. A deleted document stays as a tombstone (no
 * text), so that a late, older event for it is still recognised as older.
 *
 * @param id the raw document's id
 * @param collection the raw collection it lives in
 * @param type the feature type ({@code article}, {@code post}, {@code code})
 * @param platform where it was published
 * @param authorId its author
 * @param link its link
 * @param title its title (a code file's path)
 * @param text the cleaned text; {@code null} once deleted
 * @param contentHash the raw document's content hash
 * @param crawledAt when it was crawled
 * @param clusterTime the position of the last change applied
 * @param deleted whether the last change applied was a delete
 * @param chunkCount the number of points the document has in the vector store
 * @param embeddingModel the model of those points
 * @param appliedAt when the last change was applied
 * @param heldBack why a quality gate kept the document from the vector store, or
 * {@code null} when it is embedded
 * @param language the language its text is written in (ISO 639-1 where there is a code,
 * else ISO 639-3), or {@code null} when code or not recognised
 * @param duplicateOf the id of the document this one is a near-copy of (the canonical
 * copy, which alone is embedded), or {@code null}
 * @param fingerprint the MinHash fingerprint near-copies are found by, or {@code null}
 */
@Document(CleanedDocument.COLLECTION)
public record CleanedDocument(@Id String id, String collection, String type, String platform, String authorId,
		String link, String title, String text, String contentHash, Instant crawledAt, ClusterTime clusterTime,
		boolean deleted, int chunkCount, String embeddingModel, Instant appliedAt, String heldBack, String language,
		String duplicateOf, Fingerprint fingerprint) {

	public static final String COLLECTION = "cleaned_documents";

	public static CleanedDocument tombstone(String id, String collection, String type, ClusterTime clusterTime,
			Instant appliedAt) {
		return new CleanedDocument(id, collection, type, null, null, null, null, null, null, null, clusterTime, true, 0,
				null, appliedAt, null, null, null, null);
	}

	/** Whether the document belongs in the vector store: live, not held back, no copy. */
	public boolean embeddable() {
		return !this.deleted && this.text != null && this.heldBack == null && this.duplicateOf == null;
	}

	/** A copy of this document pointing to its canonical copy, with no points. */
	public CleanedDocument asDuplicateOf(String canonicalId) {
		return new CleanedDocument(this.id, this.collection, this.type, this.platform, this.authorId, this.link,
				this.title, this.text, this.contentHash, this.crawledAt, this.clusterTime, this.deleted, 0,
				this.embeddingModel, this.appliedAt, this.heldBack, this.language, canonicalId, this.fingerprint);
	}

	/** This document with the number of points it has and when that was recorded. */
	public CleanedDocument withChunks(int count, Instant at) {
		return new CleanedDocument(this.id, this.collection, this.type, this.platform, this.authorId, this.link,
				this.title, this.text, this.contentHash, this.crawledAt, this.clusterTime, this.deleted, count,
				this.embeddingModel, at, this.heldBack, this.language, this.duplicateOf, this.fingerprint);
	}

	/** One of the document's chunks as a point of the vector store. */
	public Chunk chunk(int index, String chunkText, String model, float[] vector) {
		return new Chunk(this.id, index, FeatureType.fromWireName(this.type), this.platform, this.authorId, this.link,
				chunkText, this.contentHash, model, this.crawledAt, this.language, vector);
	}

}

package dev.llmtwin.feature.document;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

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
 */
@Document(CleanedDocument.COLLECTION)
public record CleanedDocument(@Id String id, String collection, String type, String platform, String authorId,
		String link, String title, String text, String contentHash, Instant crawledAt, ClusterTime clusterTime,
		boolean deleted, int chunkCount, String embeddingModel, Instant appliedAt, String heldBack) {

	public static final String COLLECTION = "cleaned_documents";

	public static CleanedDocument tombstone(String id, String collection, String type, ClusterTime clusterTime,
			Instant appliedAt) {
		return new CleanedDocument(id, collection, type, null, null, null, null, null, null, null, clusterTime, true, 0,
				null, appliedAt, null);
	}

}

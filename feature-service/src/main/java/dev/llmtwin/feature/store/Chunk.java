package dev.llmtwin.feature.store;

import java.time.Instant;

import dev.llmtwin.feature.FeatureType;
import dev.llmtwin.model.Ids;

/**
 * One embedded chunk of a document: a point of the vector store with its payload.
 *
 * @param documentId the raw document the chunk comes from
 * @param chunkIndex the chunk's position in the document, from 0
 * @param type the kind of raw document
 * @param platform where the document was published
 * @param authorId the author's id
 * @param link the document's link
 * @param text the chunk's cleaned text
 * @param contentHash the raw document's content hash
 * @param embeddingModel the model that made the vector
 * @param crawledAt when the raw document was crawled
 * @param language the language of the document's text, or {@code null}
 * @param vector the embedding of {@code text}
 */
public record Chunk(String documentId, int chunkIndex, FeatureType type, String platform, String authorId, String link,
		String text, String contentHash, String embeddingModel, Instant crawledAt, String language, float[] vector) {

	/** Deterministic, so that a replay overwrites the point instead of adding one. */
	public String pointId() {
		return Ids.pointId(this.documentId, this.chunkIndex);
	}

}

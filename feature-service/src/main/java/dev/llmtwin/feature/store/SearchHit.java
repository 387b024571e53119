package dev.llmtwin.feature.store;

import dev.llmtwin.feature.FeatureType;

/**
 * A chunk found by a vector search.
 *
 * @param pointId the point's id
 * @param documentId the raw document the chunk comes from
 * @param chunkIndex the chunk's position in the document
 * @param type the kind of raw document
 * @param platform where the document was published
 * @param authorId the author's id
 * @param link the document's link
 * @param text the chunk's text
 * @param embeddingModel the model that made the chunk's vector
 * @param score cosine similarity between the query and the chunk, -1 to 1
 */
public record SearchHit(String pointId, String documentId, int chunkIndex, FeatureType type, String platform,
		String authorId, String link, String text, String embeddingModel, float score) {
}

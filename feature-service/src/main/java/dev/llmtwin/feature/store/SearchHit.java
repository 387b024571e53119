package dev.llmtwin.feature.store;

import dev.llmtwin.feature.FeatureType;

/**
 * A chunk found by a search.
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
 * @param language the language of the document's text, or {@code null}
 * @param score how well the chunk matches: the cosine similarity (-1 to 1) for a vector
 * search, the BM25 score for a lexical one, the fused score for a hybrid one
 */
public record SearchHit(String pointId, String documentId, int chunkIndex, FeatureType type, String platform,
		String authorId, String link, String text, String embeddingModel, String language, float score) {

	public SearchHit withScore(float newScore) {
		return new SearchHit(this.pointId, this.documentId, this.chunkIndex, this.type, this.platform, this.authorId,
				this.link, this.text, this.embeddingModel, this.language, newScore);
	}

}

package dev.llmtwin.feature.document;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/documents/{id}}: a cleaned document as the feature service holds it,
 * with its chunks in the vector store (none when it is held back, a near-copy or
 * deleted).
 *
 * @param heldBack why a quality gate kept it from the vector store, or null
 * @param duplicateOf the canonical copy it is a near-copy of, or null
 */
record DocumentView(String id, String collection, String type, String platform, String authorId, String link,
		String title, String language, String heldBack, String duplicateOf, boolean deleted, String text,
		int chunkCount, String embeddingModel, Instant crawledAt, Instant appliedAt, List<ChunkView> chunks) {

	static DocumentView of(CleanedDocument document, List<ChunkView> chunks) {
		return new DocumentView(document.id(), document.collection(), document.type(), document.platform(),
				document.authorId(), document.link(), document.title(), document.language(), document.heldBack(),
				document.duplicateOf(), document.deleted(), document.text(), document.chunkCount(),
				document.embeddingModel(), document.crawledAt(), document.appliedAt(), chunks);
	}

	record ChunkView(int index, String text) {
	}

}

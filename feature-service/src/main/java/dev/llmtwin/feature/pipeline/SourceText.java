package dev.llmtwin.feature.pipeline;

import java.time.Instant;

import dev.llmtwin.feature.FeatureType;

/**
 * The text of one raw document with the metadata its chunks carry.
 *
 * @param documentId the raw document's id
 * @param type the kind of raw document
 * @param platform where it was published
 * @param authorId its author's id
 * @param link its link
 * @param title its title (a code file's path), or {@code null}
 * @param text the raw text to clean, chunk and embed
 * @param contentHash the raw document's content hash
 * @param crawledAt when it was crawled
 */
public record SourceText(String documentId, FeatureType type, String platform, String authorId, String link,
		String title, String text, String contentHash, Instant crawledAt) {
}

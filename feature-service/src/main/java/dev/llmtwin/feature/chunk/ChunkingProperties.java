package dev.llmtwin.feature.chunk;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.llmtwin.feature.FeatureType;

/**
 * Chunk sizes per feature type, counted in the embedding model's own tokens.
 *
 * @param article limits for articles (split by paragraphs and sentences)
 * @param post limits for posts (whole when they fit, else by sentences)
 * @param code limits for code files (split at declarations and blank lines)
 * @param maxChunksPerDocument the most chunks one document is embedded as; the text
 * beyond them is left out, so that no document holds the others up for long (300 article
 * chunks are about 75,000 tokens, half a minute of embedding on two cores)
 */
@Validated
@ConfigurationProperties("feature.chunking")
public record ChunkingProperties(@Valid @DefaultValue Limits article, @Valid @DefaultValue Limits post,
		@Valid @DefaultValue Limits code,
		@DefaultValue("" + DEFAULT_MAX_CHUNKS_PER_DOCUMENT) @Min(1) int maxChunksPerDocument) {

	/** The default cap of chunks per document. */
	public static final int DEFAULT_MAX_CHUNKS_PER_DOCUMENT = 300;

	public Limits of(FeatureType type) {
		return switch (type) {
			case ARTICLE -> this.article;
			case POST -> this.post;
			case CODE -> this.code;
		};
	}

	/**
	 * @param maxTokens the most tokens in one chunk, without the model's special tokens
	 * @param overlapTokens the most tokens a chunk repeats from the end of the previous
	 * one
	 */
	public record Limits(
			@DefaultValue("256") @Min(TextChunker.MIN_MAX_TOKENS) @Max(TextChunker.MAX_CONTENT_TOKENS) int maxTokens,
			@DefaultValue("32") @Min(0) int overlapTokens) {

		/** A chunk is at least half full, so a smaller overlap always moves forward. */
		@AssertTrue(message = "overlapTokens must be less than half of maxTokens")
		public boolean isOverlapLessThanHalfOfMax() {
			return this.overlapTokens < this.maxTokens / 2;
		}

	}

}

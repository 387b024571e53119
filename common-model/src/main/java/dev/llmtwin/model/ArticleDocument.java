package dev.llmtwin.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An article (Medium, Substack or any blog) in the {@code articles} collection. The
 * {@code content} is the main text: headings and paragraphs in order, separated by blank
 * lines. The id is derived from the normalized link, so a re-crawl keeps it.
 * {@code byline} is the author's name as the page gives it (may be null);
 * {@code authorId} is the author the crawl job names.
 */
public record ArticleDocument(@JsonProperty("_id") @JsonAlias("id") String id, String platform, String link,
		String title, String subtitle, String byline, String content, String authorId, String contentHash,
		Instant publishedAt, Instant crawledAt) {
}

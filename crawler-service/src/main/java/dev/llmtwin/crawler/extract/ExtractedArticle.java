package dev.llmtwin.crawler.extract;

import java.time.Instant;

/**
 * What a page holds: its own title, subtitle, the author's name, the main text (headings
 * and paragraphs in order, separated by blank lines), and the publication time when the
 * page gives one. Anything but the content may be null.
 */
public record ExtractedArticle(String title, String subtitle, String author, String content, Instant publishedAt) {

	public boolean hasContent() {
		return this.content != null && !this.content.isBlank();
	}

}

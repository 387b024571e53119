package dev.llmtwin.crawler.extract;

import java.time.Instant;

/**
 * What a page holds: its own title, subtitle, the author's and the site's names, the main
 * text (headings and paragraphs in order, separated by blank lines), the publication time
 * and the language when the page gives them, and which extractor found the text. Anything
 * but the content and the extractor may be null.
 */
public record ExtractedArticle(String title, String subtitle, String author, String siteName, String content,
		Instant publishedAt, String language, String extractor) {

	public boolean hasContent() {
		return this.content != null && !this.content.isBlank();
	}

}

package dev.llmtwin.console.fleet;

import java.time.Instant;

/** What crawler-service's {@code POST /api/extract} would store of a page. */
public record ExtractedPage(String id, String source, String link, String title, String subtitle, String author,
		String siteName, Instant publishedAt, String language, String text, int characters, String contentHash,
		String extractor, double extractionMillis, Double fetchMillis) {
}

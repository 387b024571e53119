package dev.llmtwin.crawler.preview;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What {@code POST /api/extract} answers: the article document a crawl of the page would
 * store (its id, platform, link, title, subtitle, author, text, content hash and
 * publication time), the page's language, which extractor found the text, and how long
 * extraction (and the fetch, when the service fetched the page) took.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ExtractedPage(String id, String source, String link, String title, String subtitle, String author,
		String siteName, Instant publishedAt, String language, String text, int characters, String contentHash,
		String extractor, double extractionMillis, Double fetchMillis) {
}

package dev.llmtwin.crawler.crawl;

/**
 * The raw document a link was stored as; {@code changed} is false when it was already
 * stored with the same content, so nothing was written.
 */
public record CrawledDocument(String documentId, boolean changed) {
}

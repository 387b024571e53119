package dev.llmtwin.model;

/**
 * One link to crawl, published to {@code crawl.commands} with the source as routing key.
 * {@code linkIndex} is the link's position in its job, where the worker records the
 * result.
 */
public record CrawlCommand(String jobId, int linkIndex, String link, Source source, String authorId) {
}

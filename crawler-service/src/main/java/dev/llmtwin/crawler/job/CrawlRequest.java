package dev.llmtwin.crawler.job;

import java.util.List;

/**
 * The body of {@code POST /api/crawls}: the links to crawl and the full name of their
 * author.
 */
record CrawlRequest(List<String> links, String author) {
}

package dev.llmtwin.crawler.job;

/**
 * A link of a crawl request as given and as normalized: the job shows the first, the
 * crawl and the document id use the second.
 */
record GivenLink(String given, String normalized) {
}

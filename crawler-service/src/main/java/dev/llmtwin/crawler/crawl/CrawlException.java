package dev.llmtwin.crawler.crawl;

/**
 * A link that cannot be crawled (not found, not an article, unreachable). Its message is
 * the reason shown on the link, so it is written for the person who asked for the crawl.
 */
public class CrawlException extends Exception {

	public CrawlException(String reason) {
		super(reason);
	}

	public CrawlException(String reason, Throwable cause) {
		super(reason, cause);
	}

}

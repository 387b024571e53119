package dev.llmtwin.crawler.crawl;

/**
 * A link that cannot be crawled (not found, not an article, unreachable). Its message is
 * the reason shown on the link, so it is written for the person who asked for the crawl:
 * it names the link and what went wrong there, never the server's own files (those go to
 * the log).
 */
public class CrawlException extends Exception {

	public CrawlException(String reason) {
		super(reason);
	}

	public CrawlException(String reason, Throwable cause) {
		super(reason, cause);
	}

}

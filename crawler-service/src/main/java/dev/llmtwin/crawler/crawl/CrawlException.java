package dev.llmtwin.crawler.crawl;

/**
 * A link that cannot be crawled (not found, not an article, unreachable). Its message is
 * the reason shown on the link, so it is written for the person who asked for the crawl:
 * it names the link and what went wrong there, never the server's own files (those go to
 * the log). Its {@link CrawlFailure} is the kind of failure, for the metrics.
 */
public class CrawlException extends Exception {

	private final CrawlFailure failure;

	public CrawlException(CrawlFailure failure, String reason) {
		super(reason);
		this.failure = failure;
	}

	public CrawlException(CrawlFailure failure, String reason, Throwable cause) {
		super(reason, cause);
		this.failure = failure;
	}

	public CrawlFailure failure() {
		return this.failure;
	}

}

package dev.llmtwin.crawler.fetch;

import dev.llmtwin.crawler.crawl.CrawlException;
import dev.llmtwin.crawler.crawl.CrawlFailure;

/** A page larger than {@code crawler.fetch.max-body-size}. */
public class PageTooLargeException extends CrawlException {

	/**
	 * @param page how the page is named in the message
	 */
	PageTooLargeException(String page, long maxBytes) {
		super(CrawlFailure.CONTENT, page + " is larger than the limit of " + maxBytes + " bytes");
	}

}

package dev.llmtwin.crawler.fetch;

import dev.llmtwin.crawler.crawl.CrawlException;

/** A page larger than {@code crawler.fetch.max-body-size}. */
public class PageTooLargeException extends CrawlException {

	/**
	 * @param page how the page is named in the message
	 */
	PageTooLargeException(String page, long maxBytes) {
		super(page + " is larger than the limit of " + maxBytes + " bytes");
	}

}

package dev.llmtwin.crawler.browser;

import org.openqa.selenium.WebDriver;

import dev.llmtwin.crawler.crawl.CrawlException;

/** Work done with the calling thread's browser. */
@FunctionalInterface
public interface BrowserTask<T> {

	T run(WebDriver browser) throws CrawlException;

}

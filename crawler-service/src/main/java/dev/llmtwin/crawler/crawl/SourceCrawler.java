package dev.llmtwin.crawler.crawl;

import dev.llmtwin.model.CrawlCommand;
import dev.llmtwin.model.Source;
import dev.llmtwin.model.UserDocument;

/** Crawls the links of one source into the raw collections. */
public interface SourceCrawler {

	Source source();

	/**
	 * Crawls the command's link and stores what it found.
	 * @param command the link to crawl
	 * @param author the author the job names, stored with the document
	 * @return the stored documents
	 * @throws CrawlException when the link cannot be crawled; its message is the reason
	 * shown on the link
	 */
	CrawlResult crawl(CrawlCommand command, UserDocument author) throws CrawlException;

}

package dev.llmtwin.crawler.crawl;

import java.util.concurrent.CompletableFuture;

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

	/**
	 * Crawls the command's link as {@link #crawl} does, but may return while its
	 * documents are still being written, so that a worker can go on to its next command.
	 * @return the stored documents once written; it fails with the write's failure
	 * (MongoDB unreachable)
	 * @throws CrawlException when the link cannot be crawled
	 */
	default CompletableFuture<CrawlResult> crawlWritingBehind(CrawlCommand command, UserDocument author)
			throws CrawlException {
		return CompletableFuture.completedFuture(crawl(command, author));
	}

}

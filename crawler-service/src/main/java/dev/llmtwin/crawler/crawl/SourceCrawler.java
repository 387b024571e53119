package dev.llmtwin.crawler.crawl;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

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
	 * Crawls the command's link as {@link #crawl} does, its own work on the given lane (a
	 * worker's thread), returning at once; crawlers that can keep their network steps
	 * (fetch, write) off the lane do, so that a worker overlaps consecutive links.
	 * @return the stored documents once written; fails with the {@link CrawlException} of
	 * a link that cannot be crawled, or with the write's failure (MongoDB unreachable)
	 */
	default CompletableFuture<CrawlResult> crawlOn(Executor lane, CrawlCommand command, UserDocument author) {
		return CompletableFuture.supplyAsync(CrawlStep.unchecked(() -> crawl(command, author)), lane);
	}

}

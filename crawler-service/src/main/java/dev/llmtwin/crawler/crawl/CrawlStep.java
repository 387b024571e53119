package dev.llmtwin.crawler.crawl;

import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/** A step of a crawl that may find its link cannot be crawled. */
@FunctionalInterface
public interface CrawlStep<T> {

	T run() throws CrawlException;

	/**
	 * The step as a supplier for a {@code CompletableFuture}: its {@link CrawlException}
	 * travels as the cause of a {@link CompletionException}, as the future reports it.
	 */
	static <T> Supplier<T> unchecked(CrawlStep<T> step) {
		return () -> {
			try {
				return step.run();
			}
			catch (CrawlException ex) {
				throw new CompletionException(ex);
			}
		};
	}

}

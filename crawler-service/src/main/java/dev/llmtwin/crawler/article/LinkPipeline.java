package dev.llmtwin.crawler.article;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import org.slf4j.MDC;

import org.springframework.stereotype.Component;

import dev.llmtwin.crawler.crawl.CrawlException;
import dev.llmtwin.crawler.crawl.CrawlStep;

/**
 * Crawls many links on one worker with the network out of the worker's way: a link's
 * fetch starts up to {@code ahead} links before the worker reaches it, and a link's write
 * runs while the worker goes on (at most {@code ahead} writes pending). The worker's own
 * step, extraction, runs on its thread in link order. Fetches and writes run on virtual
 * threads with the worker's logging context; each fetch still waits for its host's rate
 * limit, so a site gets no more requests per second than from a sequential crawl. The run
 * returns when every write has finished, so the worker acknowledges its command only
 * after everything it crawled is stored.
 */
@Component
class LinkPipeline implements AutoCloseable {

	private final ExecutorService network = Executors.newVirtualThreadPerTaskExecutor();

	/**
	 * @param failed told of each link that could not be crawled, in link order; the run
	 * goes on with the next
	 * @return the written results of the links that were crawled, in link order
	 * @throws RuntimeException the first write's failure (MongoDB unreachable), after the
	 * writes started before it have finished
	 */
	<P, A, R> List<R> run(List<String> links, int ahead, Fetch<P> fetch, Work<P, A> work, Write<A, R> write,
			Failed failed) {
		List<CompletableFuture<P>> pages = new ArrayList<>(links.size());
		List<CompletableFuture<R>> writes = new ArrayList<>();
		int finishedWrites = 0;
		try {
			for (int i = 0; i < links.size(); i++) {
				while (pages.size() < links.size() && pages.size() <= i + ahead) {
					String link = links.get(pages.size());
					pages.add(inBackground(CrawlStep.unchecked(() -> fetch.fetch(link))));
				}
				try {
					A article = work.work(links.get(i), await(pages.set(i, null)));
					while (writes.size() - finishedWrites >= ahead) {
						written(writes.get(finishedWrites++));
					}
					writes.add(inBackground(() -> write.write(article)));
				}
				catch (CrawlException ex) {
					failed.failed(links.get(i), ex);
				}
			}
			return writes.stream().map(LinkPipeline::written).toList();
		}
		finally {
			// After a failed write: fetched pages nobody will read, and other writes left
			// to finish on their own.
			pages.stream().filter((page) -> page != null).forEach((page) -> page.cancel(false));
		}
	}

	/**
	 * Runs the step on a virtual thread with the caller's logging context: a fetch or a
	 * write of a pipeline, or a single link's write that its worker does not wait for.
	 */
	<T> CompletableFuture<T> inBackground(Supplier<T> step) {
		Map<String, String> context = MDC.getCopyOfContextMap();
		return CompletableFuture.supplyAsync(() -> {
			if (context != null) {
				MDC.setContextMap(context);
			}
			try {
				return step.get();
			}
			finally {
				MDC.clear();
			}
		}, this.network);
	}

	/** The fetched page, or the fetch's failure as thrown. */
	private static <T> T await(CompletableFuture<T> fetch) throws CrawlException {
		try {
			return fetch.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof CrawlException failure) {
				throw failure;
			}
			throw unwrapped(ex);
		}
	}

	/** The write's result, or its failure as thrown. */
	private static <T> T written(CompletableFuture<T> write) {
		try {
			return write.join();
		}
		catch (CompletionException ex) {
			throw unwrapped(ex);
		}
	}

	private static RuntimeException unwrapped(CompletionException ex) {
		if (ex.getCause() instanceof RuntimeException failure) {
			return failure;
		}
		if (ex.getCause() instanceof Error error) {
			throw error;
		}
		return ex;
	}

	@Override
	public void close() {
		this.network.shutdownNow();
	}

	@FunctionalInterface
	interface Fetch<P> {

		P fetch(String link) throws CrawlException;

	}

	@FunctionalInterface
	interface Work<P, A> {

		A work(String link, P page) throws CrawlException;

	}

	@FunctionalInterface
	interface Write<A, R> {

		R write(A article);

	}

	@FunctionalInterface
	interface Failed {

		void failed(String link, CrawlException failure);

	}

}

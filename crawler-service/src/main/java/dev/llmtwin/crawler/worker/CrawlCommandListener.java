package dev.llmtwin.crawler.worker;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import dev.llmtwin.crawler.crawl.CrawlException;
import dev.llmtwin.crawler.crawl.CrawlFailure;
import dev.llmtwin.crawler.crawl.CrawlResult;
import dev.llmtwin.crawler.crawl.SourceCrawler;
import dev.llmtwin.crawler.job.CrawlJobStore;
import dev.llmtwin.model.CrawlCommand;
import dev.llmtwin.model.Source;
import dev.llmtwin.model.UserDocument;
import dev.llmtwin.support.MdcKeys;

/**
 * Crawls one link per command and records the outcome on its job. A link that cannot be
 * crawled is recorded as failed and the command acknowledged: crawling it again would
 * fail the same way. A link cancelled while it waited is skipped. The listener only marks
 * the link running and hands the crawl to its source's lanes, one thread per worker, on
 * which each crawl does its own work (extraction) while its network steps run beside it,
 * so a worker extracts one page while the next is fetched and the last is written. The
 * command is acknowledged when the returned future completes, after the documents and the
 * outcome are written; when they cannot be (MongoDB unreachable) it fails and the command
 * is delivered again. Nothing is thrown: with acknowledgements left to the future, a
 * thrown exception would leave the command neither acknowledged nor returned.
 */
@Component
class CrawlCommandListener implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(CrawlCommandListener.class);

	private final CrawlJobStore jobs;

	private final Map<Source, SourceCrawler> crawlers = new EnumMap<>(Source.class);

	private final LinkOutcomeMeters meters;

	/** Per source, as many threads as it has workers. */
	private final Map<Source, ExecutorService> lanes = new EnumMap<>(Source.class);

	CrawlCommandListener(CrawlJobStore jobs, List<SourceCrawler> crawlers, LinkOutcomeMeters meters,
			WorkerProperties workers) {
		this.jobs = jobs;
		this.meters = meters;
		crawlers.forEach((crawler) -> this.crawlers.put(crawler.source(), crawler));
		for (Source source : Source.values()) {
			this.lanes.put(source, Executors.newFixedThreadPool(workers.worker(source).concurrency(),
					Thread.ofPlatform().name("crawl-" + source.routingKey() + "-", 1).daemon(true).factory()));
		}
	}

	/**
	 * @return completes when the command may be acknowledged; fails when it must be
	 * delivered again
	 */
	CompletableFuture<Void> onCommand(CrawlCommand command) {
		MDC.put(MdcKeys.JOB_ID, command.jobId());
		try {
			Optional<UserDocument> author = this.jobs.markRunning(command.jobId(), command.linkIndex());
			if (author.isEmpty()) {
				log.info("Link {} is cancelled or its job is gone: command skipped", command.linkIndex());
				return CompletableFuture.completedFuture(null);
			}
			SourceCrawler crawler = this.crawlers.get(command.source());
			if (crawler == null) {
				return recorded(command, null, new CrawlException(CrawlFailure.INTERNAL,
						"no crawler for source " + command.source().routingKey() + " is installed in this service"));
			}
			CompletableFuture<CrawlResult> crawled;
			try {
				crawled = crawler.crawlOn(withJobContext(this.lanes.get(command.source())), command, author.get());
			}
			catch (RuntimeException ex) {
				crawled = CompletableFuture.failedFuture(ex);
			}
			return crawled.handle((result, failure) -> recorded(command, result, failure))
				.thenCompose(Function.identity());
		}
		catch (RuntimeException ex) {
			return sentBack(command, ex);
		}
		finally {
			MDC.remove(MdcKeys.JOB_ID);
		}
	}

	/**
	 * Records the crawl's outcome. MongoDB unreachable (the write or the record) or a
	 * worker stopping sends the command back; any other failure is the link's, which a
	 * second try would repeat.
	 */
	private CompletableFuture<Void> recorded(CrawlCommand command, CrawlResult result, Throwable failure) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		MDC.put(MdcKeys.JOB_ID, command.jobId());
		try {
			if (cause == null) {
				// Counted before the job records it: whoever sees the job finished sees
				// the link counted.
				this.meters.stored(command.source(), result.changed());
				this.jobs.markStored(command.jobId(), command.linkIndex(), result);
				log.info("Crawled {} as {} document(s) ({})", command.link(), result.documents().size(),
						result.changed() ? "stored" : "unchanged");
			}
			else if (cause instanceof CrawlException ex) {
				log.info("Crawl of {} failed: {}", command.link(), ex.getMessage());
				this.meters.failed(command.source(), ex.failure());
				this.jobs.markFailed(command.jobId(), command.linkIndex(), ex.getMessage());
			}
			else if (cause instanceof DataAccessException || cause instanceof RejectedExecutionException
					|| !(cause instanceof RuntimeException)) {
				return sentBack(command, cause);
			}
			else {
				log.warn("Crawl of {} failed unexpectedly", command.link(), cause);
				this.meters.failed(command.source(), CrawlFailure.INTERNAL);
				this.jobs.markFailed(command.jobId(), command.linkIndex(), "unexpected error ("
						+ cause.getClass().getSimpleName() + "); the crawler's log has the details");
			}
			return CompletableFuture.completedFuture(null);
		}
		catch (RuntimeException ex) {
			return sentBack(command, ex);
		}
		finally {
			MDC.remove(MdcKeys.JOB_ID);
		}
	}

	private static CompletableFuture<Void> sentBack(CrawlCommand command, Throwable failure) {
		log.warn("Crawl of {} not recorded, the command goes back to its queue: {}", command.link(),
				failure.toString());
		return CompletableFuture.failedFuture(failure);
	}

	/**
	 * The lane, running this command's steps with its logging context (the steps that
	 * follow a fetch are handed over by a thread without it).
	 */
	private static Executor withJobContext(ExecutorService lane) {
		Map<String, String> context = MDC.getCopyOfContextMap();
		return (step) -> lane.execute(() -> {
			if (context != null) {
				MDC.setContextMap(context);
			}
			try {
				step.run();
			}
			finally {
				MDC.clear();
			}
		});
	}

	/**
	 * Lets the crawls on the lanes finish for a few seconds; the commands of those that
	 * do not are delivered again.
	 */
	@Override
	public void close() throws InterruptedException {
		this.lanes.values().forEach(ExecutorService::shutdown);
		for (ExecutorService lane : this.lanes.values()) {
			if (!lane.awaitTermination(5, TimeUnit.SECONDS)) {
				lane.shutdownNow();
			}
		}
	}

}

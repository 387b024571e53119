package dev.llmtwin.crawler.worker;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.context.SmartLifecycle;
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
 * <p>
 * A stopping instance lets the crawls under way finish ({@code crawler.drain-timeout})
 * before the listener containers close their channels, which {@link CrawlWorkers} stops
 * after this: their commands are acknowledged, not crawled again after the restart. A
 * command delivered while it stops is left alone, neither started nor acknowledged, and
 * goes back to its queue when the channel closes.
 */
@Component
class CrawlCommandListener implements SmartLifecycle, AutoCloseable {

	/** The first to stop: the listener containers' phase is below it. */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE;

	private static final Logger log = LoggerFactory.getLogger(CrawlCommandListener.class);

	private final CrawlJobStore jobs;

	private final Map<Source, SourceCrawler> crawlers = new EnumMap<>(Source.class);

	private final LinkOutcomeMeters meters;

	/** Per source, as many threads as it has workers. */
	private final Map<Source, ExecutorService> lanes = new EnumMap<>(Source.class);

	private final Duration drainTimeout;

	/**
	 * The commands admitted and not yet done; guarded, with {@link #stopping}, by itself.
	 */
	private final Set<CompletableFuture<Void>> underWay = ConcurrentHashMap.newKeySet();

	private boolean stopping;

	CrawlCommandListener(CrawlJobStore jobs, List<SourceCrawler> crawlers, LinkOutcomeMeters meters,
			WorkerProperties workers) {
		this.jobs = jobs;
		this.meters = meters;
		this.drainTimeout = workers.drainTimeout();
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
		CompletableFuture<Void> done = new CompletableFuture<>();
		synchronized (this.underWay) {
			if (this.stopping) {
				log.info("Stopping: the command for {} goes back to its queue untouched", command.link());
				return done;
			}
			this.underWay.add(done);
		}
		crawl(command).whenComplete((ignored, failure) -> {
			this.underWay.remove(done);
			if (failure != null) {
				done.completeExceptionally(failure);
			}
			else {
				done.complete(null);
			}
		});
		return done;
	}

	private CompletableFuture<Void> crawl(CrawlCommand command) {
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

	/** Nothing to start: the lanes take crawls from construction on. */
	@Override
	public void start() {
	}

	/**
	 * Admits no more commands and waits, at most the drain timeout, for those under way;
	 * the lanes are stopped then, and the commands of crawls still running go back to
	 * their queues when the channels close.
	 */
	@Override
	public void stop() {
		List<CompletableFuture<Void>> draining;
		synchronized (this.underWay) {
			if (this.stopping) {
				return;
			}
			this.stopping = true;
			draining = List.copyOf(this.underWay);
		}
		if (!draining.isEmpty()) {
			log.info("Stopping: letting {} crawl(s) under way finish, for at most {}", draining.size(),
					this.drainTimeout);
		}
		try {
			CompletableFuture
				.allOf(draining.stream()
					.map((crawl) -> crawl.handle((result, failure) -> null))
					.toArray(CompletableFuture[]::new))
				.get(this.drainTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			log.warn("Stopping: {} crawl(s) still under way after {}; their commands go back to their queues",
					draining.stream().filter((crawl) -> !crawl.isDone()).count(), this.drainTimeout);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("A drained crawl's outcome cannot fail", ex);
		}
		close();
	}

	@Override
	public boolean isRunning() {
		synchronized (this.underWay) {
			return !this.stopping;
		}
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/** Stops the lanes (also when the context closes without stopping its lifecycle). */
	@Override
	public void close() {
		this.lanes.values().forEach(ExecutorService::shutdownNow);
	}

}

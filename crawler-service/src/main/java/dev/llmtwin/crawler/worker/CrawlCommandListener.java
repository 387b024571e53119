package dev.llmtwin.crawler.worker;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

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
 * fail the same way. A link cancelled while it waited is skipped. The crawl returns once
 * the page is extracted, its documents written in the background while the worker takes
 * its next command; the command is acknowledged when the returned future completes, after
 * the documents and the outcome are written. When they cannot be written (MongoDB
 * unreachable) the future fails and the command is delivered again. Nothing is thrown:
 * with acknowledgements left to the future, a thrown exception would leave the command
 * neither acknowledged nor returned.
 */
@Component
class CrawlCommandListener {

	private static final Logger log = LoggerFactory.getLogger(CrawlCommandListener.class);

	private final CrawlJobStore jobs;

	private final Map<Source, SourceCrawler> crawlers = new EnumMap<>(Source.class);

	private final LinkOutcomeMeters meters;

	CrawlCommandListener(CrawlJobStore jobs, List<SourceCrawler> crawlers, LinkOutcomeMeters meters) {
		this.jobs = jobs;
		this.meters = meters;
		crawlers.forEach((crawler) -> this.crawlers.put(crawler.source(), crawler));
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
			return crawl(command, author.get());
		}
		catch (RuntimeException ex) {
			log.warn("Crawl of {} not recorded, the command goes back to its queue: {}", command.link(), ex.toString());
			return CompletableFuture.failedFuture(ex);
		}
		finally {
			MDC.remove(MdcKeys.JOB_ID);
		}
	}

	private CompletableFuture<Void> crawl(CrawlCommand command, UserDocument author) {
		CompletableFuture<CrawlResult> written;
		try {
			written = crawlerFor(command).crawlWritingBehind(command, author);
		}
		catch (CrawlException ex) {
			log.info("Crawl of {} failed: {}", command.link(), ex.getMessage());
			this.meters.failed(command.source(), ex.failure());
			this.jobs.markFailed(command.jobId(), command.linkIndex(), ex.getMessage());
			return CompletableFuture.completedFuture(null);
		}
		catch (DataAccessException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			log.warn("Crawl of {} failed unexpectedly", command.link(), ex);
			this.meters.failed(command.source(), CrawlFailure.INTERNAL);
			this.jobs.markFailed(command.jobId(), command.linkIndex(),
					"unexpected error (" + ex.getClass().getSimpleName() + "); the crawler's log has the details");
			return CompletableFuture.completedFuture(null);
		}
		return written.thenAccept((result) -> recordStored(command, result));
	}

	private void recordStored(CrawlCommand command, CrawlResult result) {
		MDC.put(MdcKeys.JOB_ID, command.jobId());
		try {
			// Counted before the job records it: whoever sees the job finished sees the
			// link counted.
			this.meters.stored(command.source(), result.changed());
			this.jobs.markStored(command.jobId(), command.linkIndex(), result);
			log.info("Crawled {} as {} document(s) ({})", command.link(), result.documents().size(),
					result.changed() ? "stored" : "unchanged");
		}
		finally {
			MDC.remove(MdcKeys.JOB_ID);
		}
	}

	private SourceCrawler crawlerFor(CrawlCommand command) throws CrawlException {
		SourceCrawler crawler = this.crawlers.get(command.source());
		if (crawler == null) {
			throw new CrawlException(CrawlFailure.INTERNAL,
					"no crawler for source " + command.source().routingKey() + " is installed in this service");
		}
		return crawler;
	}

}

package dev.llmtwin.crawler.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import dev.llmtwin.crawler.EmbeddedMongoTestConfiguration;
import dev.llmtwin.crawler.crawl.CrawlException;
import dev.llmtwin.crawler.crawl.CrawlFailure;
import dev.llmtwin.crawler.crawl.CrawlResult;
import dev.llmtwin.crawler.crawl.CrawledDocument;
import dev.llmtwin.crawler.crawl.SourceCrawler;
import dev.llmtwin.crawler.job.CrawlJobStore;
import dev.llmtwin.model.CrawlCommand;
import dev.llmtwin.model.RawCollections;
import dev.llmtwin.model.Source;
import dev.llmtwin.model.UserDocument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The listener's future decides the command's acknowledgement: it completes only once the
 * documents and the outcome are written, and fails, leaving the link running, when they
 * cannot be.
 */
@SpringJUnitConfig({ EmbeddedMongoTestConfiguration.class, CrawlJobStore.class, LinkOutcomeMeters.class })
class CrawlCommandListenerTest {

	private static final String LINK = "http://127.0.0.1:9/posts/1";

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private CrawlJobStore jobs;

	@Autowired
	private LinkOutcomeMeters meters;

	private final CompletableFuture<CrawlResult> write = new CompletableFuture<>();

	private final List<CrawlCommandListener> listeners = new ArrayList<>();

	@BeforeEach
	void queueOneLink() {
		this.mongo.dropCollection(RawCollections.CRAWL_JOBS);
		Document link = new Document("link", LINK).append("source", "WEB")
			.append("status", "QUEUED")
			.append("updatedAt", Instant.now());
		this.mongo.insert(new Document("_id", "job-1")
			.append("author", new Document("id", "author-1").append("firstName", "Ada").append("lastName", "Writer"))
			.append("createdAt", Instant.now())
			.append("updatedAt", Instant.now())
			.append("links", List.of(link)), RawCollections.CRAWL_JOBS);
	}

	@Test
	void theCommandIsDoneOnlyOnceItsDocumentsAreWritten() {
		CompletableFuture<Void> acknowledged = listener(new WritingBehind(this.write)).onCommand(command());

		assertThat(acknowledged).isNotDone();
		assertThat(link()).containsEntry("status", "RUNNING");

		this.write.complete(CrawlResult.of(new CrawledDocument("doc-1", true)));

		assertThat(acknowledged).succeedsWithin(Duration.ofSeconds(5));
		assertThat(link()).containsEntry("status", "DONE").containsEntry("documentId", "doc-1");
	}

	@Test
	void aWriteThatFailsSendsTheCommandBackAndLeavesTheLinkRunning() {
		CompletableFuture<Void> acknowledged = listener(new WritingBehind(this.write)).onCommand(command());

		this.write.completeExceptionally(new DataAccessResourceFailureException("MongoDB unreachable"));

		assertThat(acknowledged).failsWithin(Duration.ofSeconds(5))
			.withThrowableThat()
			.withRootCauseInstanceOf(DataAccessResourceFailureException.class);
		assertThat(link()).containsEntry("status", "RUNNING");
	}

	@Test
	void aWriteThatFailsForAnotherReasonFailsTheLinkInsteadOfComingBackForEver() {
		CompletableFuture<Void> acknowledged = listener(new WritingBehind(this.write)).onCommand(command());

		this.write.completeExceptionally(new IllegalStateException("a bug"));

		assertThat(acknowledged).succeedsWithin(Duration.ofSeconds(5));
		assertThat(link()).containsEntry("status", "FAILED")
			.containsEntry("reason", "unexpected error (IllegalStateException); the crawler's log has the details");
	}

	@Test
	void aCrawlThatFailsBeforeItStartsIsRecordedNotThrown() {
		SourceCrawler invalid = new WritingBehind(this.write) {

			@Override
			public CompletableFuture<CrawlResult> crawlOn(Executor lane, CrawlCommand command, UserDocument author) {
				throw new IllegalArgumentException("Illegal character in path");
			}

		};

		CompletableFuture<Void> acknowledged = listener(invalid).onCommand(command());

		assertThat(acknowledged).succeedsWithin(Duration.ofSeconds(5));
		assertThat(link()).containsEntry("status", "FAILED")
			.containsEntry("reason", "unexpected error (IllegalArgumentException); the crawler's log has the details");
	}

	@Test
	void aCrawlThatAStoppingWorkerCannotRunSendsTheCommandBack() {
		CompletableFuture<Void> acknowledged = listener(new WritingBehind(this.write)).onCommand(command());

		this.write.completeExceptionally(new RejectedExecutionException("the lane is shut down"));

		assertThat(acknowledged).failsWithin(Duration.ofSeconds(5));
		assertThat(link()).containsEntry("status", "RUNNING");
	}

	@Test
	void aLinkThatCannotBeCrawledIsFailedWithItsReasonAndItsCommandDone() {
		SourceCrawler failing = new WritingBehind(CompletableFuture
			.failedFuture(new CrawlException(CrawlFailure.NO_ARTICLE, "no article text found on the page " + LINK)));

		CompletableFuture<Void> acknowledged = listener(failing).onCommand(command());

		assertThat(acknowledged).succeedsWithin(Duration.ofSeconds(5));
		assertThat(link()).containsEntry("status", "FAILED")
			.containsEntry("reason", "no article text found on the page " + LINK);
	}

	@Test
	void aCancelledLinkIsSkippedWithoutACrawl() {
		this.mongo.getCollection(RawCollections.CRAWL_JOBS)
			.updateOne(new Document("_id", "job-1"), new Document("$set", new Document("links.0.status", "CANCELLED")));
		WritingBehind crawler = new WritingBehind(this.write);

		CompletableFuture<Void> acknowledged = listener(crawler).onCommand(command());

		assertThat(acknowledged).isCompleted();
		assertThat(crawler.crawls).isZero();
		assertThat(link()).containsEntry("status", "CANCELLED");
	}

	@Test
	void stoppingWaitsForTheCrawlsUnderWaySoThatTheirCommandsAreDone() throws Exception {
		CrawlCommandListener listener = listener(new WritingBehind(this.write));
		CompletableFuture<Void> acknowledged = listener.onCommand(command());

		CompletableFuture<Void> stopped = CompletableFuture.runAsync(listener::stop);

		assertThatExceptionOfType(TimeoutException.class).isThrownBy(() -> stopped.get(300, TimeUnit.MILLISECONDS));
		assertThat(listener.isRunning()).isFalse();
		this.write.complete(CrawlResult.of(new CrawledDocument("doc-1", true)));
		assertThat(stopped).succeedsWithin(Duration.ofSeconds(5));
		assertThat(acknowledged).isCompleted();
		assertThat(link()).containsEntry("status", "DONE");
	}

	@Test
	void aCommandDeliveredWhileStoppingIsLeftUntouchedForItsQueue() {
		WritingBehind crawler = new WritingBehind(this.write);
		CrawlCommandListener listener = listener(crawler);
		listener.stop();

		CompletableFuture<Void> held = listener.onCommand(command());

		assertThat(held).isNotDone();
		assertThat(crawler.crawls).isZero();
		assertThat(link()).containsEntry("status", "QUEUED");
	}

	@Test
	void aCrawlStillRunningAfterTheDrainTimeoutIsStoppedAndItsCommandSentBack() throws InterruptedException {
		CountDownLatch crawling = new CountDownLatch(1);
		SourceCrawler endless = new WritingBehind(this.write) {

			@Override
			public CompletableFuture<CrawlResult> crawlOn(Executor lane, CrawlCommand command, UserDocument author) {
				return CompletableFuture.supplyAsync(() -> {
					crawling.countDown();
					try {
						Thread.sleep(Duration.ofMinutes(1));
						throw new AssertionError("the lane was not stopped");
					}
					catch (InterruptedException ex) {
						throw new CompletionException(ex);
					}
				}, lane);
			}

		};
		CrawlCommandListener listener = listener(endless, Duration.ofMillis(200));
		CompletableFuture<Void> acknowledged = listener.onCommand(command());

		assertThat(crawling.await(5, TimeUnit.SECONDS)).isTrue();
		listener.stop();

		assertThat(acknowledged).failsWithin(Duration.ofSeconds(5))
			.withThrowableThat()
			.withRootCauseInstanceOf(InterruptedException.class);
		assertThat(link()).containsEntry("status", "RUNNING");
	}

	private CrawlCommandListener listener(SourceCrawler crawler) {
		return listener(crawler, Duration.ofSeconds(5));
	}

	private CrawlCommandListener listener(SourceCrawler crawler, Duration drainTimeout) {
		CrawlCommandListener listener = new CrawlCommandListener(this.jobs, List.of(crawler), this.meters,
				new WorkerProperties(List.of(Source.WEB), Map.of(), drainTimeout));
		this.listeners.add(listener);
		return listener;
	}

	@AfterEach
	void closeTheLanes() {
		for (CrawlCommandListener listener : this.listeners) {
			listener.close();
		}
	}

	private static CrawlCommand command() {
		return new CrawlCommand("job-1", 0, LINK, Source.WEB, "author-1");
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> link() {
		Document job = this.mongo.findById("job-1", Document.class, RawCollections.CRAWL_JOBS);
		return ((List<Document>) job.get("links")).get(0);
	}

	/** A web crawler whose crawl is the given future. */
	private static class WritingBehind implements SourceCrawler {

		private final CompletableFuture<CrawlResult> write;

		int crawls;

		WritingBehind(CompletableFuture<CrawlResult> write) {
			this.write = write;
		}

		@Override
		public Source source() {
			return Source.WEB;
		}

		@Override
		public CrawlResult crawl(CrawlCommand command, UserDocument author) {
			throw new AssertionError("the worker does not wait for the crawl");
		}

		@Override
		public CompletableFuture<CrawlResult> crawlOn(Executor lane, CrawlCommand command, UserDocument author) {
			this.crawls++;
			return this.write;
		}

	}

}

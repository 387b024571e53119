package dev.llmtwin.crawler.article;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import dev.llmtwin.crawler.crawl.CrawlException;
import dev.llmtwin.crawler.crawl.CrawlFailure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LinkPipelineTest {

	private final LinkPipeline pipeline = new LinkPipeline();

	private final Map<String, String> failures = Collections.synchronizedMap(new LinkedHashMap<>());

	@AfterEach
	void close() {
		this.pipeline.close();
		MDC.clear();
	}

	@Test
	void pagesAreFetchedAheadOfTheWorkerButNoFurtherThanAsked() throws Exception {
		List<String> links = links(8);
		CountDownLatch aheadStarted = new CountDownLatch(2);
		AtomicInteger started = new AtomicInteger();
		List<Integer> startedBeforeFirstWork = new ArrayList<>();

		List<String> written = this.pipeline.run(links, 2, (link) -> {
			started.incrementAndGet();
			if (!link.equals("link-0")) {
				aheadStarted.countDown();
			}
			return "page of " + link;
		}, (link, page) -> {
			if (link.equals("link-0")) {
				// Links 1 and 2 are fetched while the worker is on link 0.
				assertThat(reached(aheadStarted)).isTrue();
				startedBeforeFirstWork.add(started.get());
			}
			return page;
		}, (page) -> page, this::failed);

		assertThat(startedBeforeFirstWork).containsExactly(3);
		assertThat(written).containsExactlyElementsOf(links.stream().map((link) -> "page of " + link).toList());
	}

	@Test
	void resultsKeepTheLinksOrderWhenFetchesAndWritesFinishInAnotherOrder() {
		List<String> links = links(6);

		List<String> written = this.pipeline.run(links, 3, (link) -> {
			sleep(10L * (6 - Integer.parseInt(link.substring(5))));
			return link;
		}, (link, page) -> page.toUpperCase(), (page) -> {
			sleep(page.endsWith("0") ? 50 : 0);
			return page;
		}, this::failed);

		assertThat(written).containsExactly("LINK-0", "LINK-1", "LINK-2", "LINK-3", "LINK-4", "LINK-5");
	}

	@Test
	void aLinkThatCannotBeFetchedOrExtractedIsReportedAndTheOthersAreWritten() {
		List<String> links = links(5);

		List<String> written = this.pipeline.run(links, 2, (link) -> {
			if (link.equals("link-1")) {
				throw new CrawlException(CrawlFailure.HTTP_ERROR, "HTTP 404 from " + link);
			}
			return link;
		}, (link, page) -> {
			if (link.equals("link-3")) {
				throw new CrawlException(CrawlFailure.NO_ARTICLE, "no article text on " + link);
			}
			return page;
		}, (page) -> page, this::failed);

		assertThat(written).containsExactly("link-0", "link-2", "link-4");
		assertThat(this.failures).containsExactly(Map.entry("link-1", "HTTP 404 from link-1"),
				Map.entry("link-3", "no article text on link-3"));
	}

	@Test
	void aFailedWriteIsThrownAsItIsOnceTheWritesBeforeItFinished() {
		List<String> links = links(6);
		List<String> stored = Collections.synchronizedList(new ArrayList<>());
		IllegalStateException unreachable = new IllegalStateException("MongoDB unreachable");

		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.pipeline.run(links, 2, (link) -> link, (link, page) -> page, (page) -> {
				if (page.equals("link-2")) {
					throw unreachable;
				}
				stored.add(page);
				return page;
			}, this::failed))
			.isSameAs(unreachable);
		assertThat(stored).contains("link-0", "link-1");
	}

	@Test
	void articlesAreWrittenWhileTheWorkerGoesOnWithNoMoreWritesPendingThanAsked() {
		List<String> links = links(12);
		CountDownLatch secondExtracted = new CountDownLatch(1);
		List<Boolean> firstWriteSawTheWorkerGoOn = new ArrayList<>();
		AtomicInteger pending = new AtomicInteger();
		AtomicInteger mostPending = new AtomicInteger();

		this.pipeline.run(links, 3, (link) -> link, (link, page) -> {
			if (link.equals("link-2")) {
				secondExtracted.countDown();
			}
			return page;
		}, (page) -> {
			mostPending.accumulateAndGet(pending.incrementAndGet(), Math::max);
			if (page.equals("link-0")) {
				firstWriteSawTheWorkerGoOn.add(reached(secondExtracted));
			}
			sleep(5);
			pending.decrementAndGet();
			return page;
		}, this::failed);

		assertThat(firstWriteSawTheWorkerGoOn).containsExactly(true);
		assertThat(mostPending.get()).isLessThanOrEqualTo(3);
	}

	@Test
	void fetchesAndWritesRunWithTheWorkersLoggingContext() {
		Map<String, String> jobIds = new ConcurrentHashMap<>();
		MDC.put("job", "job-7");

		this.pipeline.run(links(4), 2, (link) -> {
			jobIds.put("fetch " + link, String.valueOf(MDC.get("job")));
			return link;
		}, (link, page) -> page, (page) -> jobIds.put("write " + page, String.valueOf(MDC.get("job"))), this::failed);

		assertThat(jobIds).hasSize(8).allSatisfy((step, job) -> assertThat(job).as(step).isEqualTo("job-7"));
	}

	private static boolean reached(CountDownLatch latch) {
		try {
			return latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private void failed(String link, CrawlException failure) {
		this.failures.put(link, failure.getMessage());
	}

	private static List<String> links(int count) {
		return IntStream.range(0, count).mapToObj((i) -> "link-" + i).toList();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

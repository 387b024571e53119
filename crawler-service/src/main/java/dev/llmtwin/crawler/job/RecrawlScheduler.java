package dev.llmtwin.crawler.job;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Re-crawls the known articles of every author on the schedule of
 * {@code crawler.recrawl.cron} (a Spring cron expression); off by default ({@code -}).
 * Every instance with the schedule starts jobs, so set it on one instance only.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class RecrawlScheduler {

	private static final Logger log = LoggerFactory.getLogger(RecrawlScheduler.class);

	private final CrawlJobService jobs;

	RecrawlScheduler(CrawlJobService jobs) {
		this.jobs = jobs;
	}

	@Scheduled(cron = "${crawler.recrawl.cron:-}")
	void recrawl() {
		log.info("Periodic re-crawl started {} jobs", this.jobs.recrawlKnownArticles().size());
	}

}

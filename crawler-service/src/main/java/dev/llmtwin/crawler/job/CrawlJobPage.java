package dev.llmtwin.crawler.job;

import java.util.List;

/** One page of crawl jobs, newest first. */
record CrawlJobPage(List<CrawlJobView> items, int page, int size, long total) {
}

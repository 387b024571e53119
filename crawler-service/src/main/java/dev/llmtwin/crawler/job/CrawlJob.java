package dev.llmtwin.crawler.job;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;

import dev.llmtwin.model.Source;

/**
 * A crawl job as stored in {@code crawl_jobs}. Workers update single links in place by
 * index, so the list keeps the order of the request.
 */
record CrawlJob(@Id String id, Author author, Instant createdAt, Instant updatedAt, List<Link> links) {

	record Author(String id, String firstName, String lastName) {
	}

	record Link(String link, Source source, LinkStatus status, String reason, String documentId, Instant updatedAt) {
	}

}

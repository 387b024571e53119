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

	/**
	 * @param documentId the document the link itself was stored as
	 * @param documentIds every document the link was stored as, when it expanded into
	 * several (a profile, an archive)
	 * @param written how many of them were written (the others were unchanged)
	 */
	record Link(String link, Source source, LinkStatus status, String reason, String documentId,
			List<String> documentIds, Integer written, Instant updatedAt) {

		static Link queued(String link, Source source, Instant now) {
			return new Link(link, source, LinkStatus.QUEUED, null, null, null, null, now);
		}

	}

}

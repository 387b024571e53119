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
	 * @param link the normalized link, which the document id derives from
	 * @param given the link as the request gave it, when that differs (an
	 * internationalised host, tracking parameters); null otherwise
	 * @param documentId the document the link itself was stored as
	 * @param documentIds every document the link was stored as, when it expanded into
	 * several (a profile, an archive)
	 * @param written how many of them were written (the others were unchanged)
	 */
	record Link(String link, String given, Source source, LinkStatus status, String reason, String documentId,
			List<String> documentIds, Integer written, Instant updatedAt) {

		static Link queued(GivenLink link, Source source, Instant now) {
			String given = link.given().equals(link.normalized()) ? null : link.given();
			return new Link(link.normalized(), given, source, LinkStatus.QUEUED, null, null, null, null, now);
		}

	}

}

package dev.llmtwin.crawler.job;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A crawl job as the API shows it, with its status and counts derived from all its links,
 * and one page of the links themselves.
 *
 * @param linksPage the page of links shown, from 0
 * @param linksSize links per page
 * @param cancelled after a cancel, how many queued links it cancelled
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CrawlJobView(String id, JobStatus status, CrawlJob.Author author, Instant createdAt, Instant updatedAt,
		Counts counts, int linksPage, int linksSize, List<LinkView> links, Integer cancelled) {

	static CrawlJobView of(CrawlJob job, LinkPage page) {
		int from = (int) Math.min(page.from(), job.links().size());
		int to = Math.min(from + page.size(), job.links().size());
		List<LinkView> links = job.links()
			.subList(from, to)
			.stream()
			.map((link) -> new LinkView(link.link(), link.given(), link.source().routingKey(), link.status(),
					link.reason(), link.documentId(), documentCount(link), link.documentIds(), link.written(),
					link.updatedAt()))
			.toList();
		Counts counts = Counts.of(job.links());
		return new CrawlJobView(job.id(), JobStatus.of(counts), job.author(), job.createdAt(), job.updatedAt(), counts,
				page.page(), page.size(), links, null);
	}

	CrawlJobView withCancelled(int count) {
		return new CrawlJobView(this.id, this.status, this.author, this.createdAt, this.updatedAt, this.counts,
				this.linksPage, this.linksSize, this.links, count);
	}

	private static Integer documentCount(CrawlJob.Link link) {
		if (link.documentIds() != null) {
			return link.documentIds().size();
		}
		return (link.documentId() != null) ? 1 : null;
	}

	/**
	 * Links by status, and {@code documents}: how many documents the finished links were
	 * stored as (expansions count each article).
	 */
	record Counts(int total, int queued, int running, int done, int unchanged, int failed, int cancelled,
			int documents) {

		static Counts of(List<CrawlJob.Link> links) {
			int[] byStatus = new int[LinkStatus.values().length];
			links.forEach((link) -> byStatus[link.status().ordinal()]++);
			int documents = links.stream().map(CrawlJobView::documentCount).mapToInt((n) -> (n != null) ? n : 0).sum();
			return new Counts(links.size(), byStatus[LinkStatus.QUEUED.ordinal()],
					byStatus[LinkStatus.RUNNING.ordinal()], byStatus[LinkStatus.DONE.ordinal()],
					byStatus[LinkStatus.UNCHANGED.ordinal()], byStatus[LinkStatus.FAILED.ordinal()],
					byStatus[LinkStatus.CANCELLED.ordinal()], documents);
		}

	}

	/**
	 * @param given the link as the request gave it, when it differs from the normalized
	 * {@code link}
	 * @param documents how many documents the link was stored as
	 * @param documentIds all of them, when the link expanded into several
	 * @param written how many of them were written rather than found unchanged
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record LinkView(String link, String given, String source, LinkStatus status, String reason, String documentId,
			Integer documents, List<String> documentIds, Integer written, Instant updatedAt) {
	}

}

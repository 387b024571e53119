package dev.llmtwin.crawler.job;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A crawl job as the API shows it, with its status and counts derived from the links. */
record CrawlJobView(String id, JobStatus status, CrawlJob.Author author, Instant createdAt, Instant updatedAt,
		Counts counts, List<LinkView> links) {

	static CrawlJobView of(CrawlJob job) {
		List<LinkView> links = job.links()
			.stream()
			.map((link) -> new LinkView(link.link(), link.source().routingKey(), link.status(), link.reason(),
					link.documentId(), link.updatedAt()))
			.toList();
		Counts counts = Counts.of(job.links());
		return new CrawlJobView(job.id(), JobStatus.of(counts), job.author(), job.createdAt(), job.updatedAt(), counts,
				links);
	}

	record Counts(int total, int queued, int running, int done, int unchanged, int failed) {

		static Counts of(List<CrawlJob.Link> links) {
			int[] byStatus = new int[LinkStatus.values().length];
			links.forEach((link) -> byStatus[link.status().ordinal()]++);
			return new Counts(links.size(), byStatus[LinkStatus.QUEUED.ordinal()],
					byStatus[LinkStatus.RUNNING.ordinal()], byStatus[LinkStatus.DONE.ordinal()],
					byStatus[LinkStatus.UNCHANGED.ordinal()], byStatus[LinkStatus.FAILED.ordinal()]);
		}

	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record LinkView(String link, String source, LinkStatus status, String reason, String documentId,
			Instant updatedAt) {
	}

}

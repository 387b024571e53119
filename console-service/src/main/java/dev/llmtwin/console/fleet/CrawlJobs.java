package dev.llmtwin.console.fleet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Crawl jobs as crawler-service's {@code /api/crawls} shows them.
 */
public final class CrawlJobs {

	private CrawlJobs() {
	}

	public record Page(List<Job> items, int page, int size, long total) {

		public boolean isEmpty() {
			return this.items == null || this.items.isEmpty();
		}

		public boolean anyActive() {
			return this.items != null && this.items.stream().anyMatch(Job::active);
		}

	}

	public record Job(String id, String status, Author author, Instant createdAt, Instant updatedAt, Counts counts,
			int linksPage, int linksSize, List<Link> links, Integer cancelled) {

		/** Whether links are still queued or running. */
		public boolean active() {
			return "queued".equals(this.status) || "running".equals(this.status);
		}

		public List<Link> failedLinks() {
			return (this.links != null) ? this.links.stream().filter((link) -> "failed".equals(link.status())).toList()
					: List.of();
		}

		/** Whether the job holds more links than the page shown. */
		public boolean hasMoreLinks() {
			return this.counts != null && this.links != null
					&& (long) (this.linksPage + 1) * this.linksSize < this.counts.total();
		}

	}

	public record Author(String id, String firstName, String lastName) {

		public String fullName() {
			return (this.lastName == null || this.lastName.isBlank()) ? this.firstName
					: this.firstName + " " + this.lastName;
		}

	}

	/**
	 * Links by status. The progress bar's parts are computed here, as the page cannot
	 * style widths inline under its Content Security Policy: it draws them as SVG.
	 */
	public record Counts(int total, int queued, int running, int done, int unchanged, int failed, int cancelled,
			int documents) {

		public int finished() {
			return this.done + this.unchanged + this.failed + this.cancelled;
		}

		public int percent() {
			return (this.total == 0) ? 100 : (int) Math.floor(100.0 * finished() / this.total);
		}

		/**
		 * The bar's segments in order, each with its start and width out of the total.
		 */
		public List<Segment> segments() {
			int[] values = { this.done, this.unchanged, this.failed, this.cancelled, this.running, this.queued };
			String[] names = { "done", "unchanged", "failed", "cancelled", "running", "queued" };
			List<Segment> segments = new ArrayList<>();
			int at = 0;
			for (int i = 0; i < values.length; i++) {
				if (values[i] > 0) {
					segments.add(new Segment(names[i], at, values[i]));
					at += values[i];
				}
			}
			return segments;
		}

	}

	public record Segment(String status, int start, int width) {
	}

	public record Link(String link, String given, String source, String status, String reason, String documentId,
			Integer documents, List<String> documentIds, Integer written, Instant updatedAt) {

		/** The link, when it is one a page may follow ({@link SafeLinks}). */
		public String href() {
			return SafeLinks.href(this.link);
		}

	}

	/**
	 * Where a link would go: its normalized form and source, or why it would be refused.
	 */
	public record Route(String given, String link, String source, String problem) {
	}

	public record Routes(List<Route> links) {
	}

}

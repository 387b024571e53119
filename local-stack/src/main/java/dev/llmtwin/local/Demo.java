package dev.llmtwin.local;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * {@code make demo}: the offline proof of the pipeline. Serves the bundled sample pages
 * on loopback, crawls them through the REST API, waits until they are searchable and
 * prints the top hits for a question.
 */
final class Demo {

	static final List<String> PAGES = List.of("change-data-capture.html", "token-chunking.html",
			"polite-crawling.html");

	static final String QUERY = "How do I avoid losing changes when a service restarts?";

	/**
	 * A fixed port keeps the sample links, and so their document ids, the same across
	 * runs.
	 */
	static final int PAGES_PORT = 8090;

	static final String ALLOWED_HOSTS_PROPERTY = "crawler.fetch.allowed-hosts";

	private static final Duration TIMEOUT = Duration.ofMinutes(3);

	private final StackClient client;

	Demo(LocalStack stack) {
		this.client = new StackClient(stack);
	}

	int run() {
		try (PageServer pages = new PageServer(PAGES_PORT, "demo")) {
			List<String> links = PAGES.stream().map(pages::url).toList();
			String jobId = this.client.crawl(links, "Ada Example");
			System.out.printf("Crawl job %s started for %d sample pages served on loopback%n", jobId, links.size());
			JsonNode job = awaitJob(jobId);
			Set<String> documentIds = new HashSet<>();
			for (JsonNode link : job.get("links")) {
				if (link.hasNonNull("documentId")) {
					documentIds.add(link.get("documentId").asString());
				}
				else {
					System.out.printf("  %s failed: %s%n", link.get("link").asString(), link.path("reason").asString());
				}
			}
			awaitSearchable(documentIds);
			printHits(this.client.search(QUERY, 3));
			return documentIds.size() == links.size() ? 0 : 1;
		}
		catch (RuntimeException ex) {
			System.out.printf("%nDemo failed: %s%n", ex.getMessage());
			return 1;
		}
	}

	private JsonNode awaitJob(String jobId) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (true) {
			JsonNode job = this.client.job(jobId);
			JsonNode counts = job.get("counts");
			String status = job.get("status").asString();
			progress("crawling: %d/%d links finished (%s)",
					counts.get("total").asInt() - counts.get("queued").asInt() - counts.get("running").asInt(),
					counts.get("total").asInt(), status);
			if (status.equals("done") || status.equals("failed")) {
				System.out.println();
				return job;
			}
			pause(deadline, "the crawl job to finish");
		}
	}

	private void awaitSearchable(Set<String> documentIds) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (true) {
			Set<String> found = new HashSet<>();
			for (JsonNode hit : this.client.search("article", 50).get("hits")) {
				found.add(hit.get("documentId").asString());
			}
			found.retainAll(documentIds);
			progress("embedding: %d/%d documents searchable", found.size(), documentIds.size());
			if (found.size() == documentIds.size()) {
				System.out.println();
				return;
			}
			pause(deadline, "the documents to become searchable");
		}
	}

	private static void printHits(JsonNode result) {
		System.out.printf("%nTop hits for \"%s\":%n", QUERY);
		int rank = 1;
		for (JsonNode hit : result.get("hits")) {
			String text = hit.get("text").asString().replaceAll("\\s+", " ");
			System.out.printf("%d. score %.3f  %s (chunk %d)%n   %s%n", rank++, hit.get("score").asDouble(),
					hit.get("link").asString(), hit.get("chunkIndex").asInt(),
					(text.length() > 220) ? text.substring(0, 220) + "…" : text);
		}
	}

	private static void progress(String format, Object... args) {
		System.out.print("\r" + String.format(format, args) + "          ");
		System.out.flush();
	}

	private static void pause(long deadline, String what) {
		if (System.nanoTime() > deadline) {
			throw new IllegalStateException("Timed out after " + TIMEOUT.toSeconds() + " s waiting for " + what);
		}
		try {
			Thread.sleep(500);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}

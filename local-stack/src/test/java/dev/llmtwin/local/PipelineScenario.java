package dev.llmtwin.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;

import dev.llmtwin.model.Ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** The walking skeleton's flow, driven through the REST API as a user would. */
final class PipelineScenario {

	static final String AUTHOR_FIRST = "Ada";

	static final String AUTHOR_LAST = "Example";

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	private PipelineScenario() {
	}

	static LocalStackSettings settings(Path dataDir) {
		return new LocalStackSettings(dataDir, null, null, null, 0, 0, 0, 0, 0, 0, "test-key",
				Map.of(Demo.ALLOWED_HOSTS_PROPERTY, "127.0.0.1"));
	}

	/**
	 * Crawls one article and one PDF, then checks the job, the failure reason and that
	 * the article is found by search with its link, id, author and score.
	 */
	static Crawled crawlArticleAndSearch(StackClient client, PageServer pages) {
		String article = pages.url("change-data-capture.html");
		String pdf = pages.url("report.pdf");

		String jobId = client.crawl(List.of(article, pdf), AUTHOR_FIRST + " " + AUTHOR_LAST);
		JsonNode job = await(() -> client.job(jobId), (j) -> j.get("status").asString().matches("done|failed"));

		assertThat(job.get("status").asString()).isEqualTo("done");
		JsonNode articleLink = job.get("links").get(0);
		assertThat(articleLink.get("status").asString()).isEqualTo("done");
		JsonNode pdfLink = job.get("links").get(1);
		assertThat(pdfLink.get("status").asString()).isEqualTo("failed");
		assertThat(pdfLink.get("reason").asString()).contains("application/pdf");
		String documentId = articleLink.get("documentId").asString();

		JsonNode hit = await(() -> client.search("when should the resume token be stored", 3).get("hits"),
				(hits) -> !hits.isEmpty())
			.get(0);
		assertThat(hit.get("documentId").asString()).isEqualTo(documentId);
		assertThat(hit.get("link").asString()).isEqualTo(article);
		assertThat(hit.get("authorId").asString()).isEqualTo(Ids.authorId(AUTHOR_FIRST, AUTHOR_LAST));
		assertThat(hit.get("text").asString()).containsIgnoringCase("resume token");
		assertThat(hit.get("score").asDouble()).isPositive();
		return new Crawled(jobId, documentId, article);
	}

	static PageServer pages() {
		return new PageServer("demo", "pages");
	}

	record Crawled(String jobId, String documentId, String link) {
	}

	static <T> T await(Supplier<T> probe, Predicate<T> done) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		T last = null;
		while (System.nanoTime() < deadline) {
			last = probe.get();
			if (done.test(last)) {
				return last;
			}
			try {
				Thread.sleep(250);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return fail("Timed out after %s s; last seen: %s", TIMEOUT.toSeconds(), last);
	}

}

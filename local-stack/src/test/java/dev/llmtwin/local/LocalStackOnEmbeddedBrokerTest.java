package dev.llmtwin.local;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole flow on embedded defaults only, and what a restart keeps. */
class LocalStackOnEmbeddedBrokerTest {

	@Test
	void crawledArticleBecomesSearchableAndSurvivesRestart(@TempDir Path dataDir) {
		try (PageServer pages = PipelineScenario.pages()) {
			PipelineScenario.Crawled crawled;
			try (LocalStack stack = LocalStack.start(PipelineScenario.settings(dataDir))) {
				crawled = PipelineScenario.crawlArticleAndSearch(new StackClient(stack), pages);
			}

			try (LocalStack restarted = LocalStack.start(PipelineScenario.settings(dataDir))) {
				StackClient client = new StackClient(restarted);
				assertThat(client.job(crawled.jobId()).get("status").asString()).isEqualTo("done");
				JsonNode hits = client.search("when should the resume token be stored", 3).get("hits");
				assertThat(hits).isNotEmpty();
				assertThat(hits.get(0).get("documentId").asString()).isEqualTo(crawled.documentId());

				// A re-crawl of the same page after the restart keeps the id and writes
				// nothing.
				String again = client.crawl(List.of(crawled.link()), "Ada Example");
				JsonNode link = PipelineScenario
					.await(() -> client.job(again), (j) -> j.get("status").asString().matches("done|failed"))
					.get("links")
					.get(0);
				assertThat(link.get("status").asString()).isEqualTo("unchanged");
				assertThat(link.get("documentId").asString()).isEqualTo(crawled.documentId());
			}
		}
	}

}

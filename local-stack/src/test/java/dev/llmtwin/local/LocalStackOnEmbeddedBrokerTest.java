package dev.llmtwin.local;

import java.nio.file.Path;
import java.util.List;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.llmtwin.model.AmqpNames;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole flow on embedded defaults only, and what a restart keeps. */
class LocalStackOnEmbeddedBrokerTest {

	@Test
	void crawledArticleBecomesSearchableAndSurvivesRestart(@TempDir Path dataDir) throws Exception {
		try (PageServer pages = PipelineScenario.pages()) {
			PipelineScenario.Crawled crawled;
			try (LocalStack stack = LocalStack.start(PipelineScenario.settings(dataDir))) {
				// The broker started beside the feature service, which consumes once
				// started: not seconds later, when a failed first connection is retried.
				assertThat(consumersOf(AmqpNames.FEATURE_QUEUE, stack.broker())).isOne();
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

	private static int consumersOf(String queue, LocalStackSettings.RabbitMq broker) throws Exception {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(broker.host());
		factory.setPort(broker.port());
		factory.setUsername(broker.username());
		factory.setPassword(broker.password());
		factory.setVirtualHost(broker.virtualHost());
		try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
			return channel.queueDeclarePassive(queue).getConsumerCount();
		}
	}

}

package dev.llmtwin.local;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.llmtwin.embedded.testing.LocalRabbitMq;

/** The whole flow against the machine's real RabbitMQ, in a virtual host of its own. */
class LocalStackOnRabbitMqTest {

	@Test
	void crawledArticleBecomesSearchable(@TempDir Path dataDir) {
		try (LocalRabbitMq rabbit = LocalRabbitMq.isolatedVirtualHost();
				PageServer pages = PipelineScenario.pages();
				LocalStack stack = LocalStack.start(PipelineScenario.settings(dataDir)
					.withRabbitMq(new LocalStackSettings.RabbitMq(LocalRabbitMq.HOST, LocalRabbitMq.PORT,
							LocalRabbitMq.USERNAME, LocalRabbitMq.PASSWORD, rabbit.virtualHost())))) {
			PipelineScenario.crawlArticleAndSearch(new StackClient(stack), pages);
		}
	}

}

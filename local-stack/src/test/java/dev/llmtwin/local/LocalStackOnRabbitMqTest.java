package dev.llmtwin.local;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.llmtwin.testing.TestBroker;

/**
 * The whole flow against an external broker: the machine's real RabbitMQ, in a virtual
 * host of its own (the embedded broker in its place where that is not usable).
 */
class LocalStackOnRabbitMqTest {

	@Test
	void crawledArticleBecomesSearchable(@TempDir Path dataDir) {
		try (TestBroker rabbit = TestBroker.isolated(); PageServer pages = PipelineScenario.pages()) {
			LocalStackSettings settings = PipelineScenario.settings(dataDir)
				.withRabbitMq(new LocalStackSettings.RabbitMq(rabbit.host(), rabbit.port(), rabbit.username(),
						rabbit.password(), rabbit.virtualHost()));
			if (rabbit.embedded()) {
				settings = settings.withProperty("twin.amqp.quorum-queues", "false");
			}
			try (LocalStack stack = LocalStack.start(settings)) {
				PipelineScenario.crawlArticleAndSearch(new StackClient(stack), pages);
			}
		}
	}

}

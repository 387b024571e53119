package dev.llmtwin.crawler;

import java.util.List;

import dev.llmtwin.embedded.EmbeddedAmqpBroker;

/** The service on the embedded AMQP broker, which has classic queues only. */
class CrawlServiceEmbeddedBrokerTest extends CrawlServiceTestSupport {

	private EmbeddedAmqpBroker broker;

	@Override
	List<String> startBroker() {
		this.broker = EmbeddedAmqpBroker.inMemory();
		return List.of("--spring.rabbitmq.host=" + this.broker.host(), "--spring.rabbitmq.port=" + this.broker.port(),
				"--spring.rabbitmq.username=" + EmbeddedAmqpBroker.USERNAME,
				"--spring.rabbitmq.password=" + EmbeddedAmqpBroker.PASSWORD, "--twin.amqp.quorum-queues=false");
	}

	@Override
	void stopBroker() {
		if (this.broker != null) {
			this.broker.close();
		}
	}

}

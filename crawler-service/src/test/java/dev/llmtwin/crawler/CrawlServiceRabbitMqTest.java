package dev.llmtwin.crawler;

import java.util.List;

import dev.llmtwin.testing.TestBroker;

/**
 * The service on the machine's RabbitMQ (a virtual host of its own), quorum queues; on
 * the embedded broker where that is not usable.
 */
class CrawlServiceRabbitMqTest extends CrawlServiceTestSupport {

	private TestBroker rabbit;

	@Override
	List<String> startBroker() {
		this.rabbit = TestBroker.isolated();
		return this.rabbit.springArgs();
	}

	@Override
	void stopBroker() {
		if (this.rabbit != null) {
			this.rabbit.close();
		}
	}

}

package dev.llmtwin.crawler;

import java.util.List;

import dev.llmtwin.embedded.testing.LocalRabbitMq;

/** The service on the machine's RabbitMQ (a virtual host of its own), quorum queues. */
class CrawlServiceRabbitMqTest extends CrawlServiceTestSupport {

	private LocalRabbitMq rabbit;

	@Override
	List<String> startBroker() {
		this.rabbit = LocalRabbitMq.isolatedVirtualHost();
		return List.of("--spring.rabbitmq.host=" + LocalRabbitMq.HOST, "--spring.rabbitmq.port=" + LocalRabbitMq.PORT,
				"--spring.rabbitmq.username=" + LocalRabbitMq.USERNAME,
				"--spring.rabbitmq.password=" + LocalRabbitMq.PASSWORD,
				"--spring.rabbitmq.virtual-host=" + this.rabbit.virtualHost());
	}

	@Override
	void stopBroker() {
		if (this.rabbit != null) {
			this.rabbit.close();
		}
	}

}

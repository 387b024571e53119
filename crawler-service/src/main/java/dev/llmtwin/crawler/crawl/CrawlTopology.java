package dev.llmtwin.crawler.crawl;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.llmtwin.model.AmqpNames;
import dev.llmtwin.model.Source;
import dev.llmtwin.support.TwinProperties;

/** The exchange crawl commands are published to and the source queues workers consume. */
@Configuration(proxyBeanMethods = false)
class CrawlTopology {

	/** {@code AmqpNames.crawlQueue(Source.WEB)}, as a constant for the listener. */
	static final String WEB_QUEUE = "crawl.web";

	@Bean
	Declarables crawlCommandTopology(TwinProperties twin) {
		DirectExchange commands = new DirectExchange(AmqpNames.CRAWL_COMMANDS, true, false);
		Queue web = QueueBuilder.durable(WEB_QUEUE)
			.withArguments(AmqpNames.workQueueArguments(twin.amqp().quorumQueues()))
			.build();
		return new Declarables(commands, web, BindingBuilder.bind(web).to(commands).with(Source.WEB.routingKey()));
	}

}

package dev.llmtwin.crawler.worker;

import java.util.ArrayList;
import java.util.List;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.llmtwin.model.AmqpNames;
import dev.llmtwin.model.Source;
import dev.llmtwin.support.TwinProperties;

/**
 * The exchange crawl commands are published to and the queues of every source. All queues
 * are declared whichever sources this instance consumes, so that the commands of a source
 * whose workers are not running yet wait in its queue instead of being returned.
 */
@Configuration(proxyBeanMethods = false)
class CrawlTopology {

	@Bean
	Declarables crawlCommandTopology(TwinProperties twin) {
		DirectExchange commands = new DirectExchange(AmqpNames.CRAWL_COMMANDS, true, false);
		List<Declarable> declarables = new ArrayList<>(List.of(commands));
		for (Source source : Source.values()) {
			Queue queue = QueueBuilder.durable(AmqpNames.crawlQueue(source))
				.withArguments(AmqpNames.workQueueArguments(twin.amqp().quorumQueues()))
				.build();
			declarables.add(queue);
			declarables.add(BindingBuilder.bind(queue).to(commands).with(source.routingKey()));
		}
		return new Declarables(declarables);
	}

}

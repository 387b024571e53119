package dev.llmtwin.crawler.worker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.rabbit.annotation.RabbitListenerConfigurer;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistrar;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerEndpoint;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.context.annotation.Configuration;

import dev.llmtwin.model.AmqpNames;
import dev.llmtwin.model.CrawlCommand;
import dev.llmtwin.model.Source;

/**
 * One listener container per source in {@code crawler.sources}, with that source's
 * concurrency. A command is acknowledged when the listener returns, after its documents
 * are written; an exception from the listener (the store or the job record unreachable)
 * puts it back on the queue. A message that is no crawl command is dropped.
 */
@Configuration(proxyBeanMethods = false)
class CrawlWorkers implements RabbitListenerConfigurer {

	private static final Logger log = LoggerFactory.getLogger(CrawlWorkers.class);

	private final WorkerProperties properties;

	private final CrawlCommandListener listener;

	private final MessageConverter converter;

	CrawlWorkers(WorkerProperties properties, CrawlCommandListener listener, MessageConverter converter) {
		this.properties = properties;
		this.listener = listener;
		this.converter = converter;
	}

	@Override
	public void configureRabbitListeners(RabbitListenerEndpointRegistrar registrar) {
		for (Source source : this.properties.sources().stream().distinct().toList()) {
			SimpleRabbitListenerEndpoint endpoint = new SimpleRabbitListenerEndpoint();
			endpoint.setId("crawl-worker-" + source.routingKey());
			endpoint.setQueueNames(AmqpNames.crawlQueue(source));
			endpoint.setConcurrency(String.valueOf(this.properties.worker(source).concurrency()));
			endpoint.setMessageListener((message) -> {
				Object command;
				try {
					command = this.converter.fromMessage(message);
				}
				catch (MessageConversionException ex) {
					throw new AmqpRejectAndDontRequeueException("Not a crawl command", ex);
				}
				if (!(command instanceof CrawlCommand crawlCommand)) {
					throw new AmqpRejectAndDontRequeueException("Not a crawl command: " + command);
				}
				this.listener.onCommand(crawlCommand);
			});
			registrar.registerEndpoint(endpoint);
			log.info("Consuming {} with {} worker(s)", AmqpNames.crawlQueue(source),
					this.properties.worker(source).concurrency());
		}
	}

}

package dev.llmtwin.crawler.worker;

import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListenerConfigurer;
import org.springframework.amqp.rabbit.config.ContainerCustomizer;
import org.springframework.amqp.rabbit.listener.MethodRabbitListenerEndpoint;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistrar;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;
import org.springframework.util.ReflectionUtils;

import dev.llmtwin.model.AmqpNames;
import dev.llmtwin.model.CrawlCommand;
import dev.llmtwin.model.Source;

/**
 * One listener container per source in {@code crawler.sources}, with that source's
 * concurrency. A command is acknowledged when the future the listener returns completes,
 * after its documents are written (the listener itself returns at once, the crawl going
 * on on the source's lanes); a failed future (the store or the job record unreachable)
 * puts it back on the queue. A message that is no crawl command is logged and dropped:
 * acknowledged, since the embedded broker delivers a rejected message again at once,
 * without end. The containers stop after the listener: the crawls it lets finish while it
 * stops are acknowledged on their channels, which a stopped container has closed.
 */
@Configuration(proxyBeanMethods = false)
class CrawlWorkers implements RabbitListenerConfigurer {

	private static final Logger log = LoggerFactory.getLogger(CrawlWorkers.class);

	private static final Method ON_MESSAGE = ReflectionUtils.findMethod(CrawlWorkers.class, "onMessage", Message.class);

	private final WorkerProperties properties;

	private final CrawlCommandListener listener;

	private final MessageConverter converter;

	CrawlWorkers(WorkerProperties properties, CrawlCommandListener listener, MessageConverter converter) {
		this.properties = properties;
		this.listener = listener;
		this.converter = converter;
	}

	@Bean
	static ContainerCustomizer<SimpleMessageListenerContainer> stopTheContainersAfterTheListener() {
		return (container) -> container.setPhase(CrawlCommandListener.PHASE - 1);
	}

	@Override
	public void configureRabbitListeners(RabbitListenerEndpointRegistrar registrar) {
		DefaultMessageHandlerMethodFactory handlers = new DefaultMessageHandlerMethodFactory();
		handlers.afterPropertiesSet();
		for (Source source : this.properties.sources().stream().distinct().toList()) {
			MethodRabbitListenerEndpoint endpoint = new MethodRabbitListenerEndpoint();
			endpoint.setId("crawl-worker-" + source.routingKey());
			endpoint.setQueueNames(AmqpNames.crawlQueue(source));
			endpoint.setConcurrency(String.valueOf(this.properties.worker(source).concurrency()));
			endpoint.setBean(this);
			endpoint.setMethod(ON_MESSAGE);
			endpoint.setMessageHandlerMethodFactory(handlers);
			// The returned future acknowledges the command, not the listener's return.
			endpoint.setAckMode(AcknowledgeMode.MANUAL);
			registrar.registerEndpoint(endpoint);
			log.info("Consuming {} with {} worker(s)", AmqpNames.crawlQueue(source),
					this.properties.worker(source).concurrency());
		}
	}

	/**
	 * @return completes when the message may be acknowledged; fails when it must be
	 * delivered again
	 */
	CompletableFuture<Void> onMessage(Message message) {
		Object command;
		try {
			command = this.converter.fromMessage(message);
		}
		catch (MessageConversionException ex) {
			command = ex;
		}
		if (command instanceof CrawlCommand crawlCommand) {
			return this.listener.onCommand(crawlCommand);
		}
		// The reason, not the content: it is whatever someone sent.
		log.warn("Dropped a message from {} that is no crawl command: {}",
				message.getMessageProperties().getConsumerQueue(),
				(command instanceof MessageConversionException ex) ? ex.getMessage() : command.getClass().getName());
		return CompletableFuture.completedFuture(null);
	}

}

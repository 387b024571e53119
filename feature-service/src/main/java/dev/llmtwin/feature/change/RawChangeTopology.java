package dev.llmtwin.feature.change;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.llmtwin.model.AmqpNames;
import dev.llmtwin.support.TwinProperties;

/**
 * The exchange, work queue and dead-letter queue this service uses, declared idempotently
 * on every connection, and the consumer of the work queue.
 */
@Configuration(proxyBeanMethods = false)
class RawChangeTopology {

	static final String DEAD_LETTER_QUEUE = AmqpNames.deadLetterQueue(AmqpNames.FEATURE_QUEUE);

	@Bean
	Declarables rawChangeDeclarables(TwinProperties twin) {
		TopicExchange rawChanges = ExchangeBuilder.topicExchange(AmqpNames.RAW_CHANGES).durable(true).build();
		Queue work = QueueBuilder.durable(AmqpNames.FEATURE_QUEUE)
			.withArguments(AmqpNames.workQueueArguments(twin.amqp().quorumQueues()))
			.build();
		Queue deadLetters = QueueBuilder.durable(DEAD_LETTER_QUEUE).build();
		return new Declarables(rawChanges, work, deadLetters, BindingBuilder.bind(work).to(rawChanges).with("#"));
	}

	/**
	 * Boot's listener settings (acknowledge mode, concurrency) apply; messages come in
	 * batches of up to {@code feature.batch.size}, or fewer when none arrives within
	 * {@code feature.batch.max-wait}.
	 */
	@Bean
	SimpleMessageListenerContainer rawChangeListenerContainer(SimpleRabbitListenerContainerFactory factory,
			RawChangeListener listener, BatchProperties batch) {
		SimpleMessageListenerContainer container = factory.createListenerContainer();
		container.setQueueNames(AmqpNames.FEATURE_QUEUE);
		container.setConsumerBatchEnabled(true);
		container.setBatchSize(batch.size());
		container.setPrefetchCount(batch.size());
		container.setReceiveTimeout(batch.maxWait().toMillis());
		container.setMessageListener(listener);
		return container;
	}

}

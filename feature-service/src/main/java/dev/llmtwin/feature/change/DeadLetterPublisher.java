package dev.llmtwin.feature.change;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.llmtwin.model.AmqpNames;

/**
 * Moves a message that can never be processed to {@code feature.raw-changes.dlq}: the
 * original body and properties plus the failure in headers. Returns only once the broker
 * confirmed it, so the original may be acknowledged.
 */
@Component
class DeadLetterPublisher {

	private static final long CONFIRM_TIMEOUT_SECONDS = 30;

	private final RabbitTemplate rabbit;

	private final MeterRegistry meters;

	/** Without a registry (a test slice), the count is kept in one of its own. */
	DeadLetterPublisher(RabbitTemplate rabbit, ObjectProvider<MeterRegistry> meters) {
		this.rabbit = rabbit;
		this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
	}

	void publish(Message original, String reason, Exception failure) {
		Message deadLetter = MessageBuilder.fromMessage(original)
			.setDeliveryMode(MessageDeliveryMode.PERSISTENT)
			.setHeader(AmqpNames.FAILURE_REASON_HEADER, reason)
			.setHeader(AmqpNames.FAILURE_EXCEPTION_HEADER, failure.getClass().getName())
			.setHeader(AmqpNames.FAILURE_QUEUE_HEADER, AmqpNames.FEATURE_QUEUE)
			.setHeader(AmqpNames.FAILURE_ROUTING_KEY_HEADER, routingKey(original))
			.setHeader(AmqpNames.FAILURE_TIME_HEADER, Instant.now().toString())
			.build();
		CorrelationData correlation = new CorrelationData(UUID.randomUUID().toString());
		this.rabbit.send("", RawChangeTopology.DEAD_LETTER_QUEUE, deadLetter, correlation);
		awaitConfirm(correlation);
		Counter.builder("feature.changes.dead-lettered")
			.description("Changes moved to the dead-letter queue, by the exception that made them unprocessable")
			.tag("exception", failure.getClass().getSimpleName())
			.register(this.meters)
			.increment();
	}

	/**
	 * The routing key the change was first published with: a replayed message keeps the
	 * one it had before.
	 */
	private static String routingKey(Message original) {
		Object first = original.getMessageProperties().getHeaders().get(AmqpNames.FAILURE_ROUTING_KEY_HEADER);
		return (first != null) ? first.toString() : original.getMessageProperties().getReceivedRoutingKey();
	}

	static void awaitConfirm(CorrelationData correlation) {
		CorrelationData.Confirm confirm;
		try {
			confirm = correlation.getFuture().get(CONFIRM_TIMEOUT_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AmqpException("Interrupted while waiting for the dead-letter confirm", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new AmqpException("The broker did not confirm the dead letter", ex);
		}
		if (!confirm.ack() || correlation.getReturned() != null) {
			throw new AmqpException("The broker did not take the dead letter: " + ((correlation.getReturned() != null)
					? correlation.getReturned().getReplyText() : confirm.reason()));
		}
	}

}

package dev.llmtwin.cdc.publish;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

import dev.llmtwin.cdc.CdcProperties;
import dev.llmtwin.model.AmqpNames;
import dev.llmtwin.model.ChangeEvent;
import dev.llmtwin.model.TwinJson;

/**
 * Publishes one change to {@code raw.changes} and waits for the broker's confirm, so the
 * caller may store the stream's position only for changes the broker has taken over.
 */
@Component
public class ChangePublisher {

	private final RabbitTemplate rabbit;

	private final Duration confirmTimeout;

	ChangePublisher(RabbitTemplate rawChangesTemplate, CdcProperties properties) {
		this.rabbit = rawChangesTemplate;
		this.confirmTimeout = properties.confirmTimeout();
	}

	/**
	 * Returns once the broker confirmed the change and routed it to at least one queue.
	 * @throws PublishException when it did not; publish the same change again
	 * @throws InterruptedException when the thread is stopped while waiting
	 */
	public void publish(ChangeEvent event) throws PublishException, InterruptedException {
		// A fresh correlation per attempt: a late confirm of an earlier attempt must not
		// count for this one.
		CorrelationData correlation = new CorrelationData();
		try {
			this.rabbit.send(AmqpNames.RAW_CHANGES, event.routingKey(), toMessage(event), correlation);
		}
		catch (AmqpException ex) {
			throw new PublishException("Cannot publish to the broker: " + ex.getMessage(), ex);
		}
		CorrelationData.Confirm confirm = awaitConfirm(correlation);
		if (!confirm.ack()) {
			throw new PublishException("The broker refused the message (nack): " + confirm.reason());
		}
		ReturnedMessage returned = correlation.getReturned();
		if (returned != null) {
			throw new PublishException("No queue is bound for routing key '" + returned.getRoutingKey()
					+ "'; the broker returned the message (" + returned.getReplyCode() + " " + returned.getReplyText()
					+ ")");
		}
	}

	private CorrelationData.Confirm awaitConfirm(CorrelationData correlation)
			throws PublishException, InterruptedException {
		try {
			return correlation.getFuture().get(this.confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new PublishException("No confirm from the broker within " + this.confirmTimeout, ex);
		}
		catch (ExecutionException ex) {
			throw new PublishException("Waiting for the confirm failed: " + ex.getCause(), ex.getCause());
		}
	}

	private static Message toMessage(ChangeEvent event) {
		return MessageBuilder.withBody(TwinJson.mapper().writeValueAsBytes(event))
			.setContentType(MessageProperties.CONTENT_TYPE_JSON)
			.setDeliveryMode(MessageDeliveryMode.PERSISTENT)
			.setMessageId(event.eventId())
			.setHeader(AmqpNames.SCHEMA_VERSION_HEADER, AmqpNames.SCHEMA_VERSION)
			.build();
	}

}

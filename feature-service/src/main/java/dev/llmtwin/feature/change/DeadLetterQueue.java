package dev.llmtwin.feature.change;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.amqp.rabbit.support.MessagePropertiesConverter;
import org.springframework.stereotype.Component;

import dev.llmtwin.model.AmqpNames;

/**
 * Reads and replays {@code feature.raw-changes.dlq}. Listing takes the messages without
 * acknowledging them and returns them all to the queue, so nothing is lost; replaying
 * republishes each message to {@code raw.changes} with its original routing key (the
 * failure headers removed), waits for the broker's confirm, and only then removes it from
 * the dead-letter queue.
 */
@Component
class DeadLetterQueue {

	private static final Logger log = LoggerFactory.getLogger(DeadLetterQueue.class);

	private static final List<String> FAILURE_HEADERS = List.of(AmqpNames.FAILURE_REASON_HEADER,
			AmqpNames.FAILURE_EXCEPTION_HEADER, AmqpNames.FAILURE_QUEUE_HEADER, AmqpNames.FAILURE_ROUTING_KEY_HEADER,
			AmqpNames.FAILURE_TIME_HEADER);

	private final RabbitTemplate rabbit;

	private final MessagePropertiesConverter converter = new DefaultMessagePropertiesConverter();

	DeadLetterQueue(RabbitTemplate rabbit) {
		this.rabbit = rabbit;
	}

	/** Up to {@code limit} dead letters, oldest first; they stay in the queue. */
	List<DeadLetter> list(int limit) {
		return this.rabbit.execute((channel) -> {
			List<DeadLetter> found = new ArrayList<>();
			List<Long> tags = new ArrayList<>();
			try {
				for (GetResponse response = get(channel); response != null
						&& found.size() < limit; response = (found.size() < limit) ? get(channel) : null) {
					tags.add(response.getEnvelope().getDeliveryTag());
					found.add(DeadLetter.of(toMessage(response)));
				}
			}
			finally {
				// One by one: the embedded broker (Qpid) keeps all but the last of a
				// multiple nack from the next basic.get on this channel.
				for (int i = tags.size() - 1; i >= 0; i--) {
					channel.basicNack(tags.get(i), false, true);
				}
			}
			return found;
		});
	}

	/**
	 * Replays the messages that are in the queue now (at most {@code limit}); those that
	 * fail again come back later and are not replayed twice in one call.
	 * @return the replayed dead letters
	 */
	List<DeadLetter> replay(int limit) {
		return this.rabbit.execute((channel) -> {
			long present = channel.queueDeclarePassive(RawChangeTopology.DEAD_LETTER_QUEUE).getMessageCount();
			List<DeadLetter> replayed = new ArrayList<>();
			for (long i = 0; i < Math.min(present, limit); i++) {
				GetResponse response = get(channel);
				if (response == null) {
					break;
				}
				Message deadLetter = toMessage(response);
				try {
					republish(deadLetter);
				}
				catch (RuntimeException ex) {
					channel.basicNack(response.getEnvelope().getDeliveryTag(), false, true);
					throw ex;
				}
				channel.basicAck(response.getEnvelope().getDeliveryTag(), false);
				DeadLetter replayedLetter = DeadLetter.of(deadLetter);
				log.info("Replayed dead letter {} ({}) to {}", replayedLetter.eventId(), replayedLetter.reason(),
						replayedLetter.routingKey());
				replayed.add(replayedLetter);
			}
			return replayed;
		});
	}

	private void republish(Message deadLetter) {
		MessageProperties properties = deadLetter.getMessageProperties();
		String routingKey = DeadLetter.routingKeyOf(deadLetter);
		Message message = MessageBuilder.withBody(deadLetter.getBody()).copyProperties(properties).build();
		FAILURE_HEADERS.forEach(message.getMessageProperties().getHeaders()::remove);
		CorrelationData correlation = new CorrelationData(UUID.randomUUID().toString());
		this.rabbit.send(AmqpNames.RAW_CHANGES, routingKey, message, correlation);
		DeadLetterPublisher.awaitConfirm(correlation);
	}

	private static GetResponse get(Channel channel) throws IOException {
		return channel.basicGet(RawChangeTopology.DEAD_LETTER_QUEUE, false);
	}

	private Message toMessage(GetResponse response) {
		MessageProperties properties = this.converter.toMessageProperties(response.getProps(), response.getEnvelope(),
				StandardCharsets.UTF_8.name());
		return new Message(response.getBody(), properties);
	}

	/**
	 * One dead letter as the API shows it.
	 *
	 * @param eventId the message id (the change's event id)
	 * @param routingKey the routing key it was first published with
	 * @param reason why it failed
	 * @param exception the exception class
	 * @param queue the queue it failed in
	 * @param failedAt when it failed
	 */
	record DeadLetter(String eventId, String routingKey, String reason, String exception, String queue,
			String failedAt) {

		static DeadLetter of(Message message) {
			Map<String, Object> headers = message.getMessageProperties().getHeaders();
			return new DeadLetter(message.getMessageProperties().getMessageId(), routingKeyOf(message),
					header(headers, AmqpNames.FAILURE_REASON_HEADER),
					header(headers, AmqpNames.FAILURE_EXCEPTION_HEADER),
					header(headers, AmqpNames.FAILURE_QUEUE_HEADER), header(headers, AmqpNames.FAILURE_TIME_HEADER));
		}

		static String routingKeyOf(Message message) {
			String original = header(message.getMessageProperties().getHeaders(), AmqpNames.FAILURE_ROUTING_KEY_HEADER);
			return (original != null) ? original : message.getMessageProperties().getReceivedRoutingKey();
		}

		private static String header(Map<String, Object> headers, String name) {
			return Objects.toString(headers.get(name), null);
		}

	}

}

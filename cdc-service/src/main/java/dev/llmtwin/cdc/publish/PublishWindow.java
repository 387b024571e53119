package dev.llmtwin.cdc.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
import org.springframework.amqp.rabbit.core.RabbitOperations;

import dev.llmtwin.model.AmqpNames;
import dev.llmtwin.model.ChangeEvent;
import dev.llmtwin.model.TwinJson;

/**
 * Publishes a stream's changes in order on one channel (the operations given to
 * {@code RabbitTemplate.invoke}) and keeps up to {@code capacity} of them awaiting their
 * confirms. Confirms are taken strictly oldest first: a change counts as confirmed only
 * when it and every change before it were acked and none was returned, so the caller may
 * store the position of the newest confirmed change and never one past a gap.
 *
 * @param <P> the stream position each change carries (a resume token, a document id)
 */
public final class PublishWindow<P> {

	private final RabbitOperations channel;

	private final int capacity;

	private final long confirmTimeoutNanos;

	private final ArrayDeque<InFlight<P>> inFlight = new ArrayDeque<>();

	public PublishWindow(RabbitOperations channel, int capacity, Duration confirmTimeout) {
		this.channel = channel;
		this.capacity = capacity;
		this.confirmTimeoutNanos = confirmTimeout.toNanos();
	}

	public boolean isFull() {
		return this.inFlight.size() >= this.capacity;
	}

	public boolean isEmpty() {
		return this.inFlight.isEmpty();
	}

	public int size() {
		return this.inFlight.size();
	}

	/**
	 * Publishes the change (persistent, mandatory) without waiting for its confirm.
	 * @param sourceTime when the change was written, for the lag; {@code null} for
	 * snapshot documents
	 * @throws PublishException when the channel cannot take it
	 */
	public void publish(ChangeEvent event, P position, Instant sourceTime) {
		// A fresh correlation per attempt: a late confirm of an earlier attempt must not
		// count for this one.
		CorrelationData correlation = new CorrelationData();
		try {
			this.channel.send(AmqpNames.RAW_CHANGES, event.routingKey(), toMessage(event), correlation);
		}
		catch (AmqpException ex) {
			throw new PublishException("Cannot publish to the broker: " + ex.getMessage(), ex);
		}
		this.inFlight.add(new InFlight<>(event, position, sourceTime, correlation, System.nanoTime()));
	}

	/**
	 * Removes and returns the changes at the head that are confirmed, oldest first,
	 * waiting up to {@code maxWait} for the oldest one when none is confirmed yet.
	 * @throws PublishException when the oldest change was nacked, returned, or waited
	 * longer than the confirm timeout: everything still in flight must be published again
	 */
	public List<Confirmed<P>> takeConfirmed(Duration maxWait) throws InterruptedException {
		List<Confirmed<P>> confirmed = new ArrayList<>();
		while (!this.inFlight.isEmpty()) {
			InFlight<P> head = this.inFlight.peek();
			CompletableFuture<CorrelationData.Confirm> future = head.correlation().getFuture();
			CorrelationData.Confirm confirm;
			if (future.isDone() || (confirmed.isEmpty() && !maxWait.isZero())) {
				confirm = await(head, confirmed.isEmpty() ? maxWait : Duration.ZERO);
				if (confirm == null) {
					break;
				}
			}
			else {
				failIfOverdue(head);
				break;
			}
			if (!confirm.ack()) {
				throw new PublishException("The broker refused the message (nack): " + confirm.reason());
			}
			ReturnedMessage returned = head.correlation().getReturned();
			if (returned != null) {
				throw new PublishException("No queue is bound for routing key '" + returned.getRoutingKey()
						+ "'; the broker returned the message (" + returned.getReplyCode() + " "
						+ returned.getReplyText() + ")");
			}
			this.inFlight.poll();
			confirmed.add(new Confirmed<>(head.event(), head.position(), head.sourceTime()));
		}
		return confirmed;
	}

	private CorrelationData.Confirm await(InFlight<P> head, Duration maxWait) throws InterruptedException {
		try {
			return head.correlation().getFuture().get(maxWait.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			failIfOverdue(head);
			return null;
		}
		catch (ExecutionException ex) {
			throw new PublishException("Waiting for the confirm failed: " + ex.getCause(), ex.getCause());
		}
	}

	private void failIfOverdue(InFlight<P> head) {
		if (System.nanoTime() - head.publishedAt() > this.confirmTimeoutNanos) {
			throw new PublishException("No confirm from the broker within " + Duration.ofNanos(this.confirmTimeoutNanos)
					+ " (" + this.inFlight.size() + " in flight)");
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

	private record InFlight<P>(ChangeEvent event, P position, Instant sourceTime, CorrelationData correlation,
			long publishedAt) {
	}

	/**
	 * A change the broker confirmed, in publish order.
	 *
	 * @param sourceTime when the change was written; {@code null} for snapshot documents
	 */
	public record Confirmed<P>(ChangeEvent event, P position, Instant sourceTime) {
	}

}

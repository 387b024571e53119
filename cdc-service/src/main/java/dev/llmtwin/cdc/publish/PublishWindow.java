package dev.llmtwin.cdc.publish;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.MessageProperties;
import com.rabbitmq.client.ShutdownSignalException;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;

import dev.llmtwin.model.AmqpNames;

/**
 * Publishes a stream's changes in order on a channel of its own and keeps up to
 * {@code capacity} of them awaiting their confirms. Confirms are taken strictly oldest
 * first: a change counts as confirmed only when it and every change before it were acked
 * and none was returned, so the caller may store the position of the newest confirmed
 * change and never one past a gap.
 * <p>
 * The channel is a plain AMQP-client channel on the application's broker connection, with
 * its own confirm, return and shutdown listeners: Spring's correlated confirms (a channel
 * proxy call, a correlation id, two headers, a pending-confirm entry and a future per
 * message) cost more CPU than the publish itself.
 *
 * @param <P> the stream position each change carries (a resume token, a document id)
 */
public final class PublishWindow<P> implements AutoCloseable {

	private static final Map<String, Object> HEADERS = Map.of(AmqpNames.SCHEMA_VERSION_HEADER,
			AmqpNames.SCHEMA_VERSION);

	private final Channel channel;

	private final int capacity;

	private final long confirmTimeoutNanos;

	private final ArrayDeque<InFlight<P>> inFlight = new ArrayDeque<>();

	// Written by the connection's thread, read by the publishing one.

	/** Sequence numbers published and neither acked nor nacked yet. */
	private final NavigableSet<Long> unconfirmed = new ConcurrentSkipListSet<>();

	private final NavigableSet<Long> nacked = new ConcurrentSkipListSet<>();

	/** Why the broker returned a message, by message id (the event id). */
	private final Map<String, String> returned = new ConcurrentHashMap<>();

	private volatile ShutdownSignalException closed;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition confirmsArrived = this.lock.newCondition();

	private PublishWindow(Channel channel, int capacity, Duration confirmTimeout) throws IOException {
		this.channel = channel;
		this.capacity = capacity;
		this.confirmTimeoutNanos = confirmTimeout.toNanos();
		channel.addConfirmListener((tag, multiple) -> confirm(tag, multiple, true),
				(tag, multiple) -> confirm(tag, multiple, false));
		channel.addReturnListener((message) -> {
			this.returned.put(String.valueOf(message.getProperties().getMessageId()),
					"No queue is bound for " + "routing key '" + message.getRoutingKey()
							+ "'; the broker returned the message (" + message.getReplyCode() + " "
							+ message.getReplyText() + ")");
			signal();
		});
		channel.addShutdownListener((cause) -> {
			this.closed = cause;
			signal();
		});
		channel.confirmSelect();
	}

	/**
	 * A window on a new channel of the broker connection.
	 * @throws PublishException when the broker cannot give one
	 */
	public static <P> PublishWindow<P> open(ConnectionFactory connectionFactory, int capacity,
			Duration confirmTimeout) {
		Channel channel = null;
		try {
			channel = connectionFactory.createConnection().getDelegate().createChannel();
			if (channel == null) {
				throw new PublishException("The broker connection has no channel left");
			}
			return on(channel, capacity, confirmTimeout);
		}
		catch (IOException | ShutdownSignalException ex) {
			closeQuietly(channel);
			throw new PublishException("Cannot open a channel to the broker: " + ex.getMessage(), ex);
		}
	}

	/** A window on a channel already open. */
	static <P> PublishWindow<P> on(Channel channel, int capacity, Duration confirmTimeout) throws IOException {
		return new PublishWindow<>(channel, capacity, confirmTimeout);
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
	public void publish(OutgoingChange change, P position, Instant sourceTime) {
		long sequence = this.channel.getNextPublishSeqNo();
		this.unconfirmed.add(sequence);
		try {
			this.channel.basicPublish(AmqpNames.RAW_CHANGES, change.routingKey(), true, properties(change),
					change.body());
		}
		catch (IOException | ShutdownSignalException ex) {
			throw new PublishException("Cannot publish to the broker: " + ex.getMessage(), ex);
		}
		this.inFlight.add(new InFlight<>(change, position, sourceTime, sequence, System.nanoTime()));
	}

	/**
	 * Removes and returns the changes at the head that are confirmed, oldest first,
	 * waiting up to {@code maxWait} for the oldest one when none is confirmed yet.
	 * @throws PublishException when the oldest change was nacked, returned, or waited
	 * longer than the confirm timeout, or the channel closed: everything still in flight
	 * must be published again
	 */
	public List<Confirmed<P>> takeConfirmed(Duration maxWait) throws InterruptedException {
		List<Confirmed<P>> confirmed = new ArrayList<>();
		long deadline = System.nanoTime() + maxWait.toNanos();
		while (!this.inFlight.isEmpty()) {
			InFlight<P> head = this.inFlight.peek();
			if (this.unconfirmed.contains(head.sequence())) {
				failIfClosed();
				failIfOverdue(head);
				if (!confirmed.isEmpty() || !awaitConfirms(head.sequence(), deadline)) {
					break;
				}
				continue;
			}
			if (!confirmed.isEmpty()
					&& (this.nacked.contains(head.sequence()) || this.returned.containsKey(head.change().eventId()))) {
				// The caller stores the confirmed ones first; the next call fails.
				break;
			}
			if (this.nacked.remove(head.sequence())) {
				throw new PublishException("The broker refused the message (nack)");
			}
			String returnedBecause = this.returned.remove(head.change().eventId());
			if (returnedBecause != null) {
				throw new PublishException(returnedBecause);
			}
			this.inFlight.poll();
			confirmed.add(new Confirmed<>(head.change(), head.position(), head.sourceTime()));
		}
		return confirmed;
	}

	/** Closes the channel; what is still in flight is published again by the caller. */
	@Override
	public void close() {
		closeQuietly(this.channel);
	}

	/**
	 * Whether the change with that sequence number got its confirm before the deadline.
	 */
	private boolean awaitConfirms(long sequence, long deadline) throws InterruptedException {
		this.lock.lock();
		try {
			long remaining = deadline - System.nanoTime();
			while (this.unconfirmed.contains(sequence) && this.closed == null && remaining > 0) {
				remaining = this.confirmsArrived.awaitNanos(remaining);
			}
			return !this.unconfirmed.contains(sequence);
		}
		finally {
			this.lock.unlock();
		}
	}

	private void confirm(long sequence, boolean multiple, boolean ack) {
		NavigableSet<Long> settled = multiple ? this.unconfirmed.headSet(sequence, true)
				: this.unconfirmed.subSet(sequence, true, sequence, true);
		if (!ack) {
			this.nacked.addAll(settled);
		}
		settled.clear();
		signal();
	}

	private void signal() {
		this.lock.lock();
		try {
			this.confirmsArrived.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void failIfClosed() {
		ShutdownSignalException cause = this.closed;
		if (cause != null) {
			throw new PublishException(
					"The channel to the broker closed (" + this.inFlight.size() + " in flight): " + cause.getMessage(),
					cause);
		}
	}

	private void failIfOverdue(InFlight<P> head) {
		if (System.nanoTime() - head.publishedAt() > this.confirmTimeoutNanos) {
			throw new PublishException("No confirm from the broker within " + Duration.ofNanos(this.confirmTimeoutNanos)
					+ " (" + this.inFlight.size() + " in flight)");
		}
	}

	private static AMQP.BasicProperties properties(OutgoingChange change) {
		return MessageProperties.PERSISTENT_BASIC.builder()
			.contentType("application/json")
			.messageId(change.eventId())
			.headers(HEADERS)
			.build();
	}

	private static void closeQuietly(Channel channel) {
		if (channel != null && channel.isOpen()) {
			try {
				channel.close();
			}
			catch (IOException | TimeoutException | ShutdownSignalException ex) {
				// closing anyway; its confirms no longer matter
			}
		}
	}

	private record InFlight<P>(OutgoingChange change, P position, Instant sourceTime, long sequence, long publishedAt) {
	}

	/**
	 * A change the broker confirmed, in publish order.
	 *
	 * @param sourceTime when the change was written; {@code null} for snapshot documents
	 */
	public record Confirmed<P>(OutgoingChange change, P position, Instant sourceTime) {
	}

}

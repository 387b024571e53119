package dev.llmtwin.local;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import dev.llmtwin.model.AmqpNames;
import dev.llmtwin.model.ChangeEvent;
import dev.llmtwin.model.TwinJson;

/**
 * A durable queue of its own on {@code raw.changes} that sees every event the CDC service
 * publishes, drained on its own thread through broker restarts: what was published, and
 * what came more than once.
 */
final class AuditQueue implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(AuditQueue.class);

	private static final String QUEUE = "chaos.audit";

	private final CachingConnectionFactory connections;

	private final RabbitTemplate rabbit;

	private final Set<String> eventIds = new HashSet<>();

	private final Map<String, Set<String>> eventsPerDocument = new HashMap<>();

	private final AtomicLong deliveries = new AtomicLong();

	private final AtomicLong lastDeliveryNanos = new AtomicLong(System.nanoTime());

	private final Thread thread;

	private volatile boolean running = true;

	AuditQueue(LocalStackSettings.RabbitMq broker) {
		this.connections = new CachingConnectionFactory(broker.host(), broker.port());
		this.connections.setUsername(broker.username());
		this.connections.setPassword(broker.password());
		this.connections.setVirtualHost(broker.virtualHost());
		RabbitAdmin admin = new RabbitAdmin(this.connections);
		TopicExchange exchange = new TopicExchange(AmqpNames.RAW_CHANGES, true, false);
		Queue queue = new Queue(QUEUE, true, false, false);
		admin.declareExchange(exchange);
		admin.declareQueue(queue);
		admin.declareBinding(BindingBuilder.bind(queue).to(exchange).with("#"));
		this.rabbit = new RabbitTemplate(this.connections);
		this.thread = Thread.ofPlatform().name("chaos-audit").start(this::drain);
	}

	private void drain() {
		while (this.running) {
			try {
				Message message = this.rabbit.receive(QUEUE, 500);
				if (message != null) {
					record(message);
				}
			}
			catch (AmqpException ex) {
				// The broker is restarting: the queue and its messages are on disk.
				log.debug("Audit queue unreachable, retrying: {}", ex.getMessage());
				Pauses.sleep(Duration.ofMillis(500));
			}
		}
	}

	private synchronized void record(Message message) {
		ChangeEvent event = TwinJson.mapper().readValue(message.getBody(), ChangeEvent.class);
		this.deliveries.incrementAndGet();
		this.eventIds.add(event.eventId());
		this.eventsPerDocument.computeIfAbsent(event.documentId(), (id) -> new HashSet<>()).add(event.eventId());
		this.lastDeliveryNanos.set(System.nanoTime());
	}

	/** Distinct events received. */
	synchronized int events() {
		return this.eventIds.size();
	}

	/** Events received more than once. */
	synchronized long duplicates() {
		return this.deliveries.get() - this.eventIds.size();
	}

	/** Distinct events received for one document. */
	synchronized int eventsOf(String documentId) {
		return this.eventsPerDocument.getOrDefault(documentId, Set.of()).size();
	}

	/** How long since the last event came. */
	Duration quietFor() {
		return Duration.ofNanos(System.nanoTime() - this.lastDeliveryNanos.get());
	}

	@Override
	public void close() {
		this.running = false;
		Pauses.join(this.thread, Duration.ofSeconds(10));
		this.connections.destroy();
	}

}

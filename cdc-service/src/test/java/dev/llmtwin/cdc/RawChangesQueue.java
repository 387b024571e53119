package dev.llmtwin.cdc;

import java.time.Duration;

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
import dev.llmtwin.testing.TestBroker;

import static org.assertj.core.api.Assertions.assertThat;

/** The test's own queue on {@code raw.changes}, bound with {@code #}. */
final class RawChangesQueue implements AutoCloseable {

	private static final String QUEUE = "test.raw-changes";

	private static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(15);

	private final CachingConnectionFactory connectionFactory;

	private final RabbitTemplate rabbit;

	RawChangesQueue(BrokerAddress broker) {
		this.connectionFactory = new CachingConnectionFactory(broker.host(), broker.port());
		this.connectionFactory.setUsername(broker.username());
		this.connectionFactory.setPassword(broker.password());
		this.connectionFactory.setVirtualHost(broker.virtualHost());
		this.rabbit = new RabbitTemplate(this.connectionFactory);
	}

	/** Declares the exchange (as the service does), the queue and the binding. */
	RawChangesQueue bind() {
		RabbitAdmin admin = new RabbitAdmin(this.connectionFactory);
		TopicExchange exchange = new TopicExchange(AmqpNames.RAW_CHANGES, true, false);
		Queue queue = new Queue(QUEUE, true, false, false);
		admin.declareExchange(exchange);
		admin.declareQueue(queue);
		admin.declareBinding(BindingBuilder.bind(queue).to(exchange).with("#"));
		return this;
	}

	/** The next message; fails the test when none comes in time. */
	Message next() {
		Message message = this.rabbit.receive(QUEUE, RECEIVE_TIMEOUT.toMillis());
		assertThat(message).as("a message on raw.changes within %s", RECEIVE_TIMEOUT).isNotNull();
		return message;
	}

	/** The next message if one is waiting (basic.get), else {@code null}. */
	Message tryNext() {
		return this.rabbit.receive(QUEUE);
	}

	/** The next message if one is already waiting or arrives within the timeout. */
	Message poll(Duration timeout) {
		return this.rabbit.receive(QUEUE, timeout.toMillis());
	}

	static ChangeEvent event(Message message) {
		return TwinJson.mapper().readValue(message.getBody(), ChangeEvent.class);
	}

	@Override
	public void close() {
		this.connectionFactory.destroy();
	}

	record BrokerAddress(String host, int port, String username, String password, String virtualHost,
			boolean classicQueuesOnly) {

		static BrokerAddress of(TestBroker broker) {
			return new BrokerAddress(broker.host(), broker.port(), broker.username(), broker.password(),
					broker.virtualHost(), broker.embedded());
		}

		BrokerAddress withPort(int otherPort) {
			return new BrokerAddress(this.host, otherPort, this.username, this.password, this.virtualHost,
					this.classicQueuesOnly);
		}

	}

}

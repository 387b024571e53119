package dev.llmtwin.embedded;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedAmqpBrokerTest {

	@Test
	void confirmedPersistentMessageSurvivesRestart(@TempDir Path dataDir) throws Exception {
		int port = EmbeddedAmqpBroker.freePort();
		try (EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.onDisk(dataDir, port);
				Connection connection = connect(broker);
				Channel channel = connection.createChannel()) {
			// RabbitMQ-only arguments must not close the connection on the embedded
			// broker.
			channel.queueDeclare("work", true, false, false, Map.of("x-queue-type", "quorum"));
			channel.confirmSelect();
			channel.basicPublish("", "work", MessageProperties.PERSISTENT_TEXT_PLAIN,
					"hello".getBytes(StandardCharsets.UTF_8));
			channel.waitForConfirmsOrDie(10_000);
		}
		try (EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.onDisk(dataDir, port);
				Connection connection = connect(broker);
				Channel channel = connection.createChannel()) {
			GetResponse response = channel.basicGet("work", true);
			assertThat(response).isNotNull();
			assertThat(new String(response.getBody(), StandardCharsets.UTF_8)).isEqualTo("hello");
		}
	}

	private static Connection connect(EmbeddedAmqpBroker broker) throws Exception {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(broker.host());
		factory.setPort(broker.port());
		factory.setUsername(EmbeddedAmqpBroker.USERNAME);
		factory.setPassword(EmbeddedAmqpBroker.PASSWORD);
		return factory.newConnection();
	}

}

package dev.llmtwin.testing;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import dev.llmtwin.testing.TestBroker.Choice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TestBrokerTest {

	private static final Optional<String> DOWN = Optional.of("nothing listens on 127.0.0.1:5672");

	@Test
	void usableRabbitMqIsChosenUnlessTheEmbeddedBrokerIsAskedFor() {
		assertThat(TestBroker.choose(null, Optional.empty(), false)).isEqualTo(Choice.RABBITMQ);
		assertThat(TestBroker.choose("", Optional.empty(), true)).isEqualTo(Choice.RABBITMQ);
		assertThat(TestBroker.choose("RabbitMQ", Optional.empty(), false)).isEqualTo(Choice.RABBITMQ);
		assertThat(TestBroker.choose("embedded", Optional.empty(), true)).isEqualTo(Choice.EMBEDDED);
	}

	@Test
	void withoutRabbitMqTheTestsRunOnTheEmbeddedBrokerInsteadOfSkipping() {
		assertThat(TestBroker.choose(null, DOWN, false)).isEqualTo(Choice.SUBSTITUTE_EMBEDDED);
		assertThat(TestBroker.choose("embedded", DOWN, false)).isEqualTo(Choice.EMBEDDED);
	}

	@Test
	void ciAndAnExplicitChoiceRequireRabbitMq() {
		assertThatIllegalStateException().isThrownBy(() -> TestBroker.choose(null, DOWN, true))
			.withMessageContaining("required under CI=true")
			.withMessageContaining("nothing listens");
		assertThatIllegalStateException().isThrownBy(() -> TestBroker.choose("rabbitmq", DOWN, false))
			.withMessageContaining("TWIN_TEST_BROKER=rabbitmq");
		assertThatIllegalArgumentException().isThrownBy(() -> TestBroker.choose("kafka", DOWN, false))
			.withMessageContaining("'kafka'");
	}

	@Test
	void embeddedBrokerCarriesMessagesAndAsksForClassicQueues() {
		try (TestBroker broker = TestBroker.onEmbeddedBroker()) {
			assertThat(broker.embedded()).isTrue();
			assertThat(broker.springArgs()).contains("--twin.amqp.quorum-queues=false",
					"--spring.rabbitmq.port=" + broker.port());
			CachingConnectionFactory connections = broker.connectionFactory();
			try {
				new RabbitAdmin(connections).declareQueue(new Queue("probe"));
				RabbitTemplate template = new RabbitTemplate(connections);
				template.convertAndSend("", "probe", "hello");
				assertThat(template.receiveAndConvert("probe", 5_000)).isEqualTo("hello");
			}
			finally {
				connections.destroy();
			}
		}
	}

}

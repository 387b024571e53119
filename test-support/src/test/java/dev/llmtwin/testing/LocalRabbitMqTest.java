package dev.llmtwin.testing;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalRabbitMqTest {

	@Test
	void virtualHostIsUsableAndGoneAfterClose() throws Exception {
		TestRequirements.require(LocalRabbitMq.unusable().isEmpty(),
				"The machine's RabbitMQ: " + LocalRabbitMq.unusable().orElse(""));
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(LocalRabbitMq.HOST);
		factory.setPort(LocalRabbitMq.PORT);
		try (LocalRabbitMq rabbit = LocalRabbitMq.isolatedVirtualHost()) {
			factory.setVirtualHost(rabbit.virtualHost());
			try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
				channel.queueDeclare("probe", true, false, false, null);
				assertThat(channel.queueDeclarePassive("probe").getQueue()).isEqualTo("probe");
			}
		}
		assertThatThrownBy(factory::newConnection).isNotNull();
	}

}

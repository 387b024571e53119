package dev.llmtwin.embedded.testing;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalRabbitMqTest {

	@Test
	void virtualHostIsUsableAndGoneAfterClose() throws Exception {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(LocalRabbitMq.HOST);
		factory.setPort(LocalRabbitMq.PORT);
		String virtualHost;
		try (LocalRabbitMq rabbit = LocalRabbitMq.isolatedVirtualHost()) {
			virtualHost = rabbit.virtualHost();
			factory.setVirtualHost(virtualHost);
			try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
				channel.queueDeclare("probe", true, false, false, null);
			}
			assertThat(rabbit.queueJson("probe")).contains("\"name\":\"probe\"");
		}
		assertThatThrownBy(factory::newConnection).isNotNull();
	}

}

package dev.llmtwin.support;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings every service shares.
 *
 * @param apiKey the key mutating endpoints require in the {@code X-API-Key} header; none
 * set, they are open
 * @param amqp broker settings
 */
@Validated
@ConfigurationProperties("twin")
public record TwinProperties(String apiKey, @DefaultValue Amqp amqp) {

	/**
	 * @param quorumQueues declare work queues as quorum queues (RabbitMQ); off for
	 * brokers with classic queues only
	 */
	public record Amqp(@DefaultValue("true") boolean quorumQueues) {
	}

}

package dev.llmtwin.cdc.publish;

import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.llmtwin.model.AmqpNames;

/**
 * The {@code raw.changes} exchange, declared on every connection to the broker. Changes
 * are published to it by {@link PublishWindow}, on channels of its own.
 */
@Configuration(proxyBeanMethods = false)
class RawChangesConfiguration {

	@Bean
	Declarables rawChangesExchange() {
		return new Declarables(new TopicExchange(AmqpNames.RAW_CHANGES, true, false));
	}

}

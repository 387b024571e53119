package dev.llmtwin.cdc.publish;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.llmtwin.model.AmqpNames;

/** The {@code raw.changes} exchange and the template that publishes to it. */
@Configuration(proxyBeanMethods = false)
class RawChangesConfiguration {

	private static final Logger log = LoggerFactory.getLogger(RawChangesConfiguration.class);

	@Bean
	Declarables rawChangesExchange() {
		return new Declarables(new TopicExchange(AmqpNames.RAW_CHANGES, true, false));
	}

	/**
	 * Boot's template settings plus {@code mandatory}, so that a change no queue would
	 * receive comes back instead of being dropped by the broker.
	 */
	@Bean
	RabbitTemplate rawChangesTemplate(RabbitTemplateConfigurer configurer, ConnectionFactory connectionFactory) {
		if (!connectionFactory.isPublisherConfirms() || !connectionFactory.isPublisherReturns()) {
			throw new IllegalStateException("cdc-service needs correlated publisher confirms and returns "
					+ "(spring.rabbitmq.publisher-confirm-type=correlated, spring.rabbitmq.publisher-returns=true)");
		}
		RabbitTemplate template = new RabbitTemplate();
		configurer.configure(template, connectionFactory);
		template.setMandatory(true);
		// ChangePublisher reads returns from the publish's correlation; this only keeps
		// the template from warning that nobody listens.
		template.setReturnsCallback((returned) -> log.debug("Returned: {}", returned));
		return template;
	}

}

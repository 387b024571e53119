package dev.llmtwin.support;

import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;

import dev.llmtwin.model.TwinJson;

/** What every service of the fleet gets: JSON on AMQP, problem details, Mongo health. */
@AutoConfiguration(afterName = "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
		beforeName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration")
@EnableConfigurationProperties(TwinProperties.class)
public class TwinSupportAutoConfiguration {

	@Bean
	@ConditionalOnClass(MessageConverter.class)
	MessageConverter twinMessageConverter() {
		return new JacksonJsonMessageConverter(TwinJson.mapper(), TwinJson.TRUSTED_PACKAGES);
	}

	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	TwinProblemDetailsHandler twinProblemDetailsHandler() {
		return new TwinProblemDetailsHandler();
	}

	@Bean(name = "mongoHealthIndicator")
	@ConditionalOnBean(MongoTemplate.class)
	MongoPingHealthIndicator mongoPingHealthIndicator(MongoTemplate mongo) {
		return new MongoPingHealthIndicator(mongo);
	}

}

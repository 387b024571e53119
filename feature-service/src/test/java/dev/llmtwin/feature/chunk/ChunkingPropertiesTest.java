package dev.llmtwin.feature.chunk;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkingPropertiesTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Config.class);

	@Test
	void defaultsToArticlesOf256TokensWith32Overlap() {
		this.runner.run((context) -> assertThat(context.getBean(ChunkingProperties.class).article())
			.isEqualTo(new ChunkingProperties.Limits(256, 32)));
	}

	@Test
	void rejectsLimitsTheModelOrTheChunkerCannotHonour() {
		this.runner.withPropertyValues("feature.chunking.article.max-tokens=511")
			.run((context) -> assertThat(context).hasFailed());
		this.runner.withPropertyValues("feature.chunking.article.max-tokens=99")
			.run((context) -> assertThat(context).hasFailed());
		this.runner
			.withPropertyValues("feature.chunking.article.max-tokens=200",
					"feature.chunking.article.overlap-tokens=100")
			.run((context) -> assertThat(context).hasFailed());
		this.runner
			.withPropertyValues("feature.chunking.article.max-tokens=510", "feature.chunking.article.overlap-tokens=64")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ChunkingProperties.class)
	static class Config {

	}

}

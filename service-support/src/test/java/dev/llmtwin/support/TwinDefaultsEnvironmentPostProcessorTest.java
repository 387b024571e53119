package dev.llmtwin.support;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class TwinDefaultsEnvironmentPostProcessorTest {

	@Test
	void defaultsApplyButAnythingElseOverridesThem() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("service", Map.of("management.endpoint.health.show-details", "never")));
		environment.getPropertySources().addLast(new MapPropertySource("defaultProperties", Map.of("x", "y")));

		new TwinDefaultsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("logging.pattern.level")).contains("%X{jobId");
		assertThat(environment.getProperty("management.endpoint.health.show-details")).isEqualTo("never");
		assertThat(environment.getPropertySources()
			.precedenceOf(environment.getPropertySources().get(TwinDefaultsEnvironmentPostProcessor.NAME)))
			.isLessThan(environment.getPropertySources()
				.precedenceOf(environment.getPropertySources().get("defaultProperties")));
	}

}

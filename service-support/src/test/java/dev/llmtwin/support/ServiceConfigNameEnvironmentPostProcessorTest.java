package dev.llmtwin.support;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** A service's own properties file, read as config data. */
class ServiceConfigNameEnvironmentPostProcessorTest {

	@Test
	void aNamedServiceReadsItsOwnPropertiesFile() {
		try (ConfigurableApplicationContext context = run(SampleService.class)) {
			assertThat(context.getEnvironment().getProperty("sample.greeting"))
				.isEqualTo("from the service's own file");
			assertThat(context.getEnvironment().getProperty("spring.config.name"))
				.isEqualTo("application,sample-service");
		}
	}

	@Test
	void theCommandLineStillOverridesIt() {
		try (ConfigurableApplicationContext context = run(SampleService.class,
				"--sample.greeting=from the command line")) {
			assertThat(context.getEnvironment().getProperty("sample.greeting")).isEqualTo("from the command line");
		}
	}

	@Test
	void aConfigNameSetElsewhereWins() {
		try (ConfigurableApplicationContext context = run(SampleService.class, "--spring.config.name=other")) {
			assertThat(context.getEnvironment().getProperty("sample.greeting")).isNull();
		}
	}

	@Test
	void anApplicationWithoutANameReadsNoServiceFile() {
		try (ConfigurableApplicationContext context = run(Unnamed.class)) {
			assertThat(context.getEnvironment().getProperty("sample.greeting")).isNull();
		}
	}

	private static ConfigurableApplicationContext run(Class<?> source, String... args) {
		SpringApplication application = new SpringApplication(source);
		application.setWebApplicationType(WebApplicationType.NONE);
		return application.run(args);
	}

	@Configuration(proxyBeanMethods = false)
	@TwinService("sample-service")
	static class SampleService {

	}

	@Configuration(proxyBeanMethods = false)
	static class Unnamed {

	}

}

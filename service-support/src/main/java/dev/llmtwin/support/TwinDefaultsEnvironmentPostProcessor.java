package dev.llmtwin.support;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds {@code twin-defaults.properties} as the lowest-precedence source of every service,
 * early enough for logging to see it (a {@code @PropertySource} loads after logging is
 * set up).
 */
class TwinDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String NAME = "twinDefaults";

	private static final String DEFAULT_PROPERTIES = "defaultProperties";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		MutablePropertySources sources = environment.getPropertySources();
		if (sources.contains(NAME)) {
			return;
		}
		ResourcePropertySource defaults;
		try {
			defaults = new ResourcePropertySource(NAME, new ClassPathResource("twin-defaults.properties"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("twin-defaults.properties is missing from service-support", ex);
		}
		if (sources.contains(DEFAULT_PROPERTIES)) {
			sources.addBefore(DEFAULT_PROPERTIES, defaults);
		}
		else {
			sources.addLast(defaults);
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}

package dev.llmtwin.support;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Sets {@code spring.config.name} to {@code application,<service>} for an application
 * whose source is annotated with {@link TwinService}, before the config data is read; a
 * {@code spring.config.name} set elsewhere wins.
 */
class ServiceConfigNameEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String CONFIG_NAME = "spring.config.name";

	static final String SOURCE_NAME = "twinServiceConfigName";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.containsProperty(CONFIG_NAME)) {
			return;
		}
		application.getAllSources()
			.stream()
			.filter(Class.class::isInstance)
			.map((source) -> MergedAnnotations.from((Class<?>) source, SearchStrategy.TYPE_HIERARCHY)
				.get(TwinService.class))
			.filter(MergedAnnotation::isPresent)
			.findFirst()
			.ifPresent((service) -> environment.getPropertySources()
				.addLast(new MapPropertySource(SOURCE_NAME,
						Map.of(CONFIG_NAME, "application," + service.getString("value")))));
	}

	@Override
	public int getOrder() {
		return ConfigDataEnvironmentPostProcessor.ORDER - 1;
	}

}

package dev.llmtwin.crawler.api;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The per-client rate limit on the endpoints that make the crawler fetch. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiProperties.class)
class ApiConfiguration implements WebMvcConfigurer {

	private final ApiProperties properties;

	ApiConfiguration(ApiProperties properties) {
		this.properties = properties;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new ClientRateLimit(this.properties.requestsPerMinute()))
			.addPathPatterns("/api/crawls", "/api/extract");
	}

}

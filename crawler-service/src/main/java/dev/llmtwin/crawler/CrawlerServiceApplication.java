package dev.llmtwin.crawler;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.PropertySource;

/**
 * The crawler service: the REST API that accepts crawl jobs and the workers that crawl
 * their links into the raw MongoDB collections.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@PropertySource("classpath:crawler-service.properties")
public class CrawlerServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(CrawlerServiceApplication.class, args);
	}

}

package dev.llmtwin.crawler;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import dev.llmtwin.support.TwinService;

/**
 * The crawler service: the REST API that accepts crawl jobs and the workers that crawl
 * their links into the raw MongoDB collections.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@TwinService("crawler-service")
public class CrawlerServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(CrawlerServiceApplication.class, args);
	}

}

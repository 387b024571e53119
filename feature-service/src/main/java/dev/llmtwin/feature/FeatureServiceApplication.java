package dev.llmtwin.feature;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import dev.llmtwin.support.TwinService;

/**
 * Consumes raw changes; cleans, chunks and embeds them into the vector store; serves
 * search.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@TwinService("feature-service")
public class FeatureServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(FeatureServiceApplication.class, args);
	}

}

package dev.llmtwin.cdc;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import dev.llmtwin.support.TwinService;

/**
 * Tails the change streams of the raw collections and publishes every change to
 * {@code raw.changes}, storing each stream's resume token only after the broker
 * confirmed.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@TwinService("cdc-service")
public class CdcApplication {

	public static void main(String[] args) {
		SpringApplication.run(CdcApplication.class, args);
	}

}

package dev.llmtwin.console;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import dev.llmtwin.support.TwinService;

/**
 * The operator console: web pages over the three services' public REST APIs. It holds no
 * data of its own and opens no connection to MongoDB or the broker, whatever the shared
 * class path of the one-JVM stack offers.
 */
@SpringBootApplication(excludeName = { "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration",
		"org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
		"org.springframework.boot.data.mongodb.autoconfigure.DataMongoRepositoriesAutoConfiguration",
		"org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration",
		"dev.llmtwin.support.security.ApiSecurityAutoConfiguration" })
@ConfigurationPropertiesScan
@TwinService("console-service")
public class ConsoleApplication {

	public static void main(String[] args) {
		SpringApplication.run(ConsoleApplication.class, args);
	}

}

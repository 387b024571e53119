package dev.llmtwin.crawler;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;

import dev.llmtwin.embedded.EmbeddedMongoServer;
import dev.llmtwin.model.RawCollections;

/** An in-memory MongoDB-wire server and a template on the {@code twin} database. */
@TestConfiguration(proxyBeanMethods = false)
public class EmbeddedMongoTestConfiguration {

	@Bean(destroyMethod = "close")
	EmbeddedMongoServer embeddedMongoServer() {
		return EmbeddedMongoServer.inMemory();
	}

	@Bean(destroyMethod = "close")
	MongoClient mongoClient(EmbeddedMongoServer server) {
		return MongoClients.create(server.connectionString());
	}

	@Bean
	MongoTemplate mongoTemplate(MongoClient client) {
		return new MongoTemplate(client, RawCollections.DATABASE);
	}

}

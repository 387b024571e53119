package dev.llmtwin.cdc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.amqp.core.Message;
import org.springframework.context.ConfigurableApplicationContext;

import dev.llmtwin.embedded.EmbeddedMongoServer;
import dev.llmtwin.model.ChangeEvent;
import dev.llmtwin.model.RawCollections;
import dev.llmtwin.testing.TestBroker;
import dev.llmtwin.testing.TestBrokerExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests against a broker of their own (a virtual host on the machine's RabbitMQ) and an
 * in-memory MongoDB, with a bound test queue on {@code raw.changes}.
 */
@ExtendWith(TestBrokerExtension.class)
abstract class RealBrokerBackends {

	static final Duration WAIT = Duration.ofSeconds(30);

	TestBroker rabbit;

	EmbeddedMongoServer mongo;

	MongoClient client;

	RawChangesQueue.BrokerAddress broker;

	RawChangesQueue queue;

	@BeforeEach
	void startBackends(TestBroker rabbit) {
		this.rabbit = rabbit;
		this.mongo = EmbeddedMongoServer.inMemory();
		this.client = MongoClients.create(this.mongo.uri(ChangeFlows.DATABASE));
		this.broker = RawChangesQueue.BrokerAddress.of(this.rabbit);
		this.queue = new RawChangesQueue(this.broker).bind();
	}

	@AfterEach
	void stopBackends() {
		if (this.queue != null) {
			this.queue.close();
		}
		if (this.client != null) {
			this.client.close();
		}
		if (this.mongo != null) {
			this.mongo.close();
		}
	}

	ConfigurableApplicationContext start(String... args) {
		return CdcTestApp.start(this.mongo.uri(ChangeFlows.DATABASE), this.broker, args);
	}

	MongoCollection<Document> articles() {
		return this.client.getDatabase(ChangeFlows.DATABASE).getCollection(RawCollections.ARTICLES);
	}

	/**
	 * Receives events until {@code done} holds for all received so far; fails after WAIT.
	 */
	List<ChangeEvent> receiveUntil(List<ChangeEvent> received, Predicate<List<ChangeEvent>> done) {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (!done.test(received)) {
			assertThat(System.nanoTime()).as("expected changes within %s; got %d", WAIT, received.size())
				.isLessThan(deadline);
			// basic.get: much faster per message than a consumer per receive
			Message message = this.queue.tryNext();
			if (message != null) {
				received.add(RawChangesQueue.event(message));
			}
			else {
				sleep(Duration.ofMillis(20));
			}
		}
		return received;
	}

	List<ChangeEvent> receiveUntil(Predicate<List<ChangeEvent>> done) {
		return receiveUntil(new ArrayList<>(), done);
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Inserts {@code count} articles on its own thread, a few per millisecond. */
	static Thread writeArticles(MongoCollection<Document> articles, String prefix, int count) {
		return Thread.ofPlatform().start(() -> {
			for (int i = 0; i < count; i++) {
				articles.insertOne(new Document("_id", prefix + i).append("title", "title " + i));
				if (i % 3 == 0) {
					try {
						Thread.sleep(1);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}
		});
	}

}

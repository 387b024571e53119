package dev.llmtwin.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EmbeddedMongoServerTest {

	@Test
	void keepsDataAcrossRestartAndStreamsChanges(@TempDir Path dataDir) throws Exception {
		try (EmbeddedMongoServer server = EmbeddedMongoServer.onDisk(dataDir, "127.0.0.1", 0);
				MongoClient client = MongoClients.create(server.connectionString())) {
			MongoCollection<Document> articles = client.getDatabase("twin").getCollection("articles");
			try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor = articles.watch().cursor()) {
				articles.insertOne(new Document("_id", "a1").append("title", "kept"));
				List<ChangeStreamDocument<Document>> events = new ArrayList<>();
				for (int i = 0; i < 100 && events.isEmpty(); i++) {
					ChangeStreamDocument<Document> event = cursor.tryNext();
					if (event != null) {
						events.add(event);
					}
				}
				assertThat(events).singleElement()
					.satisfies((event) -> assertThat(event.getFullDocument()).containsEntry("title", "kept"));
			}
		}
		try (EmbeddedMongoServer server = EmbeddedMongoServer.onDisk(dataDir, "127.0.0.1", 0);
				MongoClient client = MongoClients.create(server.connectionString())) {
			assertThat(client.getDatabase("twin").getCollection("articles").find().first()).containsEntry("title",
					"kept");
		}
	}

	@Test
	void conditionalWritesByIdMatchOnlyWhatTheirConditionsAllowInMemory() {
		try (EmbeddedMongoServer server = EmbeddedMongoServer.inMemory()) {
			assertConditionalWritesById(server);
		}
	}

	@Test
	void conditionalWritesByIdMatchOnlyWhatTheirConditionsAllowOnDisk(@TempDir Path dataDir) {
		try (EmbeddedMongoServer server = EmbeddedMongoServer.onDisk(dataDir, "127.0.0.1", 0)) {
			assertConditionalWritesById(server);
		}
	}

	/**
	 * The crawler's store: a replacement that matches only a stored version that differs,
	 * whose upsert collides with the same version; and a job's update of one link.
	 */
	private static void assertConditionalWritesById(EmbeddedMongoServer server) {
		try (MongoClient client = MongoClients.create(server.connectionString())) {
			MongoCollection<Document> articles = client.getDatabase("twin").getCollection("articles");
			for (String id : List.of("a1", "a2", "a3")) {
				articles.insertOne(new Document("_id", id).append("contentHash", "h1").append("status", "queued"));
			}

			articles.replaceOne(differs("a2", "h2"), new Document("_id", "a2").append("contentHash", "h2"),
					new ReplaceOptions().upsert(true));
			assertThatExceptionOfType(MongoWriteException.class)
				.isThrownBy(() -> articles.replaceOne(differs("a3", "h1"),
						new Document("_id", "a3").append("contentHash", "h1"), new ReplaceOptions().upsert(true)))
				.satisfies((ex) -> assertThat(ex.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY));
			articles.replaceOne(differs("a4", "h1"), new Document("_id", "a4").append("contentHash", "h1"),
					new ReplaceOptions().upsert(true));
			assertThat(articles
				.updateOne(Filters.and(Filters.eq("_id", "a1"), Filters.eq("status", "running")),
						Updates.set("status", "done"))
				.getMatchedCount()).isZero();
			assertThat(articles
				.updateOne(new Document("_id", "a1").append("status", "queued"), Updates.set("status", "running"))
				.getModifiedCount()).isOne();

			assertThat(articles.find()
				.sort(new Document("_id", 1))
				.map((article) -> article.toJson())
				.into(new ArrayList<>()))
				.containsExactly("{\"_id\": \"a1\", \"contentHash\": \"h1\", \"status\": \"running\"}",
						"{\"_id\": \"a2\", \"contentHash\": \"h2\"}",
						"{\"_id\": \"a3\", \"contentHash\": \"h1\", \"status\": \"queued\"}",
						"{\"_id\": \"a4\", \"contentHash\": \"h1\"}");
		}
	}

	private static Bson differs(String id, String contentHash) {
		return Filters.and(Filters.eq("_id", id), Filters.ne("contentHash", contentHash));
	}

}

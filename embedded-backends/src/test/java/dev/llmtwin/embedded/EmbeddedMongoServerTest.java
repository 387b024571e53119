package dev.llmtwin.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

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

}

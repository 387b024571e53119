package dev.llmtwin.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.FullDocument;
import com.mongodb.client.model.changestream.OperationType;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class IndexedOplogTest {

	@Test
	void streamsEachCollectionsChangesInOrderWithTheCurrentDocument() {
		try (EmbeddedMongoServer server = EmbeddedMongoServer.inMemory();
				MongoClient client = MongoClients.create(server.connectionString())) {
			MongoCollection<Document> articles = client.getDatabase("twin").getCollection("articles");
			MongoCollection<Document> posts = client.getDatabase("twin").getCollection("posts");
			try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor = articles.watch()
				.fullDocument(FullDocument.UPDATE_LOOKUP)
				.cursor()) {
				long before = System.currentTimeMillis();
				articles.insertOne(new Document("_id", "a1").append("title", "first"));
				posts.insertOne(new Document("_id", "p1"));
				articles.updateOne(Filters.eq("_id", "a1"), Updates.set("title", "second"));
				articles.deleteOne(Filters.eq("_id", "a1"));

				List<ChangeStreamDocument<Document>> changes = take(cursor, 3);
				assertThat(changes).extracting(ChangeStreamDocument::getOperationType)
					.containsExactly(OperationType.INSERT, OperationType.UPDATE, OperationType.DELETE);
				assertThat(changes.get(0).getFullDocument()).containsEntry("title", "first");
				assertThat(changes.get(1).getDocumentKey()).isEqualTo(new BsonDocument("_id", new BsonString("a1")));
				// Looked up when read: the document is already deleted.
				assertThat(changes.get(1).getFullDocument()).isNull();
				assertThat(changes.get(2).getDocumentKey()).isEqualTo(new BsonDocument("_id", new BsonString("a1")));
				// The write's time to the millisecond, as MongoDB 6.0+ gives it.
				assertThat(changes).allSatisfy((change) -> assertThat(change.getWallTime().getValue()).isBetween(before,
						System.currentTimeMillis()));
				assertThat(cursor.tryNext()).isNull();

				try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> resumed = articles.watch()
					.resumeAfter(changes.get(0).getResumeToken())
					.cursor()) {
					assertThat(take(resumed, 2)).extracting(ChangeStreamDocument::getOperationType)
						.containsExactly(OperationType.UPDATE, OperationType.DELETE);
				}
			}
		}
	}

	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	void answersAndTrimsTheOplogByTimestamp(boolean onDisk, @TempDir Path dataDir) {
		try (EmbeddedMongoServer server = onDisk ? EmbeddedMongoServer.onDisk(dataDir, "127.0.0.1", 0)
				: EmbeddedMongoServer.inMemory(); MongoClient client = MongoClients.create(server.connectionString())) {
			MongoCollection<Document> articles = client.getDatabase("twin").getCollection("articles");
			MongoCollection<BsonDocument> oplog = client.getDatabase("local")
				.getCollection("oplog.rs", BsonDocument.class);
			for (int i = 0; i < 10; i++) {
				articles.insertOne(new Document("_id", "a" + i));
			}
			List<BsonTimestamp> all = oplog.find()
				.sort(Sorts.ascending("ts"))
				.map((entry) -> entry.getTimestamp("ts"))
				.into(new ArrayList<>());
			assertThat(all).hasSize(10).isSorted();
			BsonDocument newest = oplog.find()
				.projection(Projections.include("ts"))
				.sort(Sorts.descending("ts"))
				.limit(1)
				.first();
			assertThat(newest.keySet()).containsExactlyInAnyOrder("_id", "ts");
			assertThat(newest.getTimestamp("ts")).isEqualTo(all.getLast());
			assertThat(oplog.find(Filters.lte("ts", all.get(3)))
				.sort(Sorts.descending("ts"))
				.limit(1)
				.first()
				.getTimestamp("ts")).isEqualTo(all.get(3));
			assertThat(oplog.find(Filters.lt("ts", all.get(3)))
				.sort(Sorts.ascending("ts"))
				.skip(1)
				.limit(1)
				.first()
				.getTimestamp("ts")).isEqualTo(all.get(1));

			assertThat(oplog.deleteMany(Filters.lt("ts", all.get(4))).getDeletedCount()).isEqualTo(4);

			assertThat(oplog.countDocuments()).isEqualTo(6);
			assertThat(oplog.find(Filters.lte("ts", all.get(3))).first()).isNull();
			try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor = articles.watch()
				.startAtOperationTime(new BsonTimestamp(0, 0))
				.cursor()) {
				assertThat(take(cursor, 6)).extracting((change) -> change.getDocumentKey().getString("_id").getValue())
					.containsExactly("a4", "a5", "a6", "a7", "a8", "a9");
			}
		}
	}

	@Test
	void newEntriesSortAfterTheOnesKeptAcrossARestart(@TempDir Path dataDir) {
		BsonDocument token;
		try (EmbeddedMongoServer server = EmbeddedMongoServer.onDisk(dataDir, "127.0.0.1", 0);
				MongoClient client = MongoClients.create(server.connectionString())) {
			MongoCollection<Document> articles = client.getDatabase("twin").getCollection("articles");
			try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor = articles.watch().cursor()) {
				articles.insertOne(new Document("_id", "before"));
				token = take(cursor, 1).getFirst().getResumeToken();
			}
		}
		try (EmbeddedMongoServer server = EmbeddedMongoServer.onDisk(dataDir, "127.0.0.1", 0);
				MongoClient client = MongoClients.create(server.connectionString())) {
			MongoCollection<Document> articles = client.getDatabase("twin").getCollection("articles");
			articles.insertOne(new Document("_id", "after"));
			try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor = articles.watch()
				.resumeAfter(token)
				.cursor()) {
				assertThat(take(cursor, 1)).extracting((change) -> change.getFullDocument().getString("_id"))
					.containsExactly("after");
				assertThat(cursor.tryNext()).isNull();
			}
		}
	}

	private static <T> List<ChangeStreamDocument<T>> take(MongoChangeStreamCursor<ChangeStreamDocument<T>> cursor,
			int count) {
		List<ChangeStreamDocument<T>> changes = new ArrayList<>();
		for (int polls = 0; polls < 100 && changes.size() < count; polls++) {
			ChangeStreamDocument<T> change = cursor.tryNext();
			if (change != null) {
				changes.add(change);
			}
		}
		return changes;
	}

}

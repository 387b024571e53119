package dev.llmtwin.crawler.store;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessException;
import org.springframework.data.mongodb.core.MongoTemplate;

import dev.llmtwin.embedded.EmbeddedMongoServer;
import dev.llmtwin.model.ArticleDocument;
import dev.llmtwin.model.RawCollections;
import dev.llmtwin.model.UserDocument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Only what changed is written, since every write becomes a change event downstream;
 * against the embedded MongoDB server, whose oplog shows the writes.
 */
class RawDocumentStoreTest {

	private final EmbeddedMongoServer server = EmbeddedMongoServer.inMemory();

	private final MongoClient client = MongoClients.create(this.server.connectionString());

	private final RawDocumentStore store = new RawDocumentStore(
			new MongoTemplate(this.client, RawCollections.DATABASE));

	@AfterEach
	void close() {
		this.client.close();
		this.server.close();
	}

	@Test
	void aNewArticleIsWritten() {
		assertThat(this.store.saveArticle(article("h1", "jane"))).isTrue();

		Document stored = articles().find().first();
		assertThat(stored).containsEntry("_id", "a1").containsEntry("contentHash", "h1").doesNotContainKey("_class");
	}

	@Test
	void theSameVersionAgainWritesNothing() {
		this.store.saveArticle(article("h1", "jane"));
		long writes = oplogEntries();

		assertThat(this.store.saveArticle(article("h1", "jane"))).isFalse();
		assertThat(oplogEntries()).isEqualTo(writes);
	}

	@Test
	void aChangedTextOrAnotherAuthorReplacesIt() {
		this.store.saveArticle(article("h1", "jane"));

		assertThat(this.store.saveArticle(article("h2", "jane"))).isTrue();
		assertThat(this.store.saveArticle(article("h2", "john"))).isTrue();

		assertThat(articles().countDocuments()).isOne();
		assertThat(articles().find().first()).containsEntry("contentHash", "h2").containsEntry("authorId", "john");
	}

	/**
	 * As every other call of the store: the crawl workers send a command back on a
	 * DataAccessException and fail the link on anything else.
	 */
	@Test
	void anUnreachableMongoDbFailsTheWriteWithADataAccessException() {
		EmbeddedMongoServer stopped = EmbeddedMongoServer.inMemory();
		try (MongoClient impatient = MongoClients.create(MongoClientSettings.builder()
			.applyConnectionString(new ConnectionString(stopped.connectionString()))
			.applyToClusterSettings((cluster) -> cluster.serverSelectionTimeout(300, TimeUnit.MILLISECONDS))
			.applyToSocketSettings((socket) -> socket.connectTimeout(300, TimeUnit.MILLISECONDS))
			.build())) {
			stopped.close();
			RawDocumentStore unreachable = new RawDocumentStore(new MongoTemplate(impatient, RawCollections.DATABASE));

			assertThatExceptionOfType(DataAccessException.class)
				.isThrownBy(() -> unreachable.saveArticle(article("h1", "jane")));
		}
	}

	@Test
	void anAuthorIsStoredOnceHoweverOftenTheirLinksAreCrawled() {
		UserDocument jane = new UserDocument("jane", "Jane", "Doe", Map.of());
		this.client.getDatabase(RawCollections.DATABASE)
			.getCollection(RawCollections.USERS)
			.insertOne(new Document("_id", "john").append("firstName", "John"));

		this.store.ensureUser(jane);
		this.store.ensureUser(jane);
		this.store.ensureUser(new UserDocument("john", "John", "Roe", Map.of()));

		assertThat(
				this.client.getDatabase(RawCollections.DATABASE).getCollection(RawCollections.USERS).countDocuments())
			.isEqualTo(2);
		assertThat(this.store.findUser("jane")).contains(jane);
		assertThat(this.store.findUser("john").orElseThrow().lastName()).as("stored by another instance: kept")
			.isNull();
	}

	private MongoCollection<Document> articles() {
		return this.client.getDatabase(RawCollections.DATABASE).getCollection(RawCollections.ARTICLES);
	}

	private long oplogEntries() {
		return this.client.getDatabase("local").getCollection("oplog.rs").countDocuments();
	}

	private static ArticleDocument article(String contentHash, String authorId) {
		return new ArticleDocument("a1", "web", "https://example.org/a1", "Title", null, null, "Text", authorId,
				contentHash, null, Instant.parse("2026-01-01T00:00:00Z"));
	}

}

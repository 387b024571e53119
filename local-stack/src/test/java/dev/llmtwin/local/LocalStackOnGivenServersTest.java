package dev.llmtwin.local;

import java.nio.file.Path;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.llmtwin.embedded.EmbeddedMongoServer;
import dev.llmtwin.model.RawCollections;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code MONGODB_URI}: the stack writes to the MongoDB it is given (here a server of the
 * test's own, started before the stack and outliving it) and starts no embedded one.
 */
class LocalStackOnGivenServersTest {

	@Test
	void aGivenMongoDbHoldsTheCrawledDocumentsAndNoEmbeddedServerStarts(@TempDir Path dataDir) {
		try (EmbeddedMongoServer own = EmbeddedMongoServer.inMemory(); PageServer pages = PipelineScenario.pages()) {
			String uri = own.uri(RawCollections.DATABASE);
			PipelineScenario.Crawled crawled;
			try (LocalStack stack = LocalStack.start(PipelineScenario.settings(dataDir).withMongoUri(uri))) {
				assertThat(stack.mongoUri()).isEqualTo(uri);
				crawled = PipelineScenario.crawlArticleAndSearch(new StackClient(stack), pages);
			}

			assertThat(dataDir.resolve("mongo")).doesNotExist();
			try (MongoClient client = MongoClients.create(uri)) {
				Document article = client.getDatabase(RawCollections.DATABASE)
					.getCollection(RawCollections.ARTICLES)
					.find(eq("_id", crawled.documentId()))
					.first();
				assertThat(article).isNotNull();
				assertThat(article.getString("link")).isEqualTo(crawled.link());
			}
		}
	}

	@Test
	void theBannerShowsTheGivenServerWithoutItsPassword() {
		assertThat(LocalStack.redacted("mongodb+srv://twin:s3cr@t!@cluster0.example.net/twin?tls=true"))
			.isEqualTo("mongodb+srv://twin:****@cluster0.example.net/twin?tls=true");
		assertThat(LocalStack.redacted("mongodb://127.0.0.1:27017/twin")).isEqualTo("mongodb://127.0.0.1:27017/twin");
	}

}

package dev.llmtwin.feature.store;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import io.qdrant.client.QdrantClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.llmtwin.feature.FeatureType;

import static org.assertj.core.api.Assertions.assertThat;

/** A reindex on Qdrant: a fresh collection for the new model, then the alias swaps. */
class QdrantVectorStoreFactoryTest {

	private FakeQdrantServer server;

	private QdrantClient client;

	@BeforeEach
	void start() throws IOException {
		this.server = new FakeQdrantServer();
		this.client = this.server.client();
	}

	@AfterEach
	void stop() {
		this.client.close();
		this.server.close();
	}

	@Test
	void createsAFreshCollectionForTheNewModelAndSwapsTheAliasToIt() {
		QdrantVectorStoreFactory factory = new QdrantVectorStoreFactory(this.client, Duration.ofSeconds(5));
		assertThat(factory.activeModel()).isEmpty();
		VectorStore active = factory.open("bge-small-en-v1.5", 3);
		assertThat(factory.activeModel()).hasValue("bge-small-en-v1.5");
		VectorStore leftOver = factory.open("bge-small-en-v1.5-q", 3);
		leftOver.replaceDocument("stale", List.of(chunk("stale")));

		VectorStore next = factory.create("bge-small-en-v1.5-q", 3);
		assertThat(next.count()).as("an earlier attempt's points are gone").isZero();
		next.replaceDocument("a", List.of(chunk("a")));
		assertThat(factory.activeModel()).hasValue("bge-small-en-v1.5");

		factory.activate(next, "bge-small-en-v1.5-q");

		assertThat(factory.activeModel()).hasValue("bge-small-en-v1.5-q");
		assertThat(this.server.aliases).containsEntry("chunks", "chunks-bge-small-en-v1-5-q");
		assertThat(active.count()).as("the old collection stays until removed by hand").isZero();
	}

	private static Chunk chunk(String documentId) {
		return new Chunk(documentId, 0, FeatureType.ARTICLE, "medium", "author", "https://example.com/" + documentId,
				"text", "hash", "bge-small-en-v1.5-q", null, "en", new float[] { 1, 0, 0 });
	}

}

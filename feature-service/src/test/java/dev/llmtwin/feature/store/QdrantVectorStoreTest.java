package dev.llmtwin.feature.store;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The Qdrant adapter against the in-process fake built on the client's service stubs. */
class QdrantVectorStoreTest extends QdrantVectorStoreContract {

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

	@Override
	QdrantClient client() {
		return this.client;
	}

	@Test
	void createsACosineCollectionPerModelWithPayloadIndexesAndTheAlias() {
		QdrantVectorStore store = new QdrantVectorStore(this.client, "bge-small-en-v1.5", 384, Duration.ofSeconds(5));

		assertThat(store.collection()).isEqualTo("chunks-bge-small-en-v1-5");
		assertThat(this.server.collections).containsEntry("chunks-bge-small-en-v1-5", 384);
		assertThat(this.server.indexedFields.get("chunks-bge-small-en-v1-5")).containsExactlyInAnyOrder("type",
				"authorId", "platform", "documentId", "language");
		assertThat(this.server.aliases).containsEntry("chunks", "chunks-bge-small-en-v1-5");

		QdrantVectorStore quantized = new QdrantVectorStore(this.client, "bge-small-en-v1.5-q", 384,
				Duration.ofSeconds(5));
		assertThat(this.server.aliases).as("an existing alias stays until a reindex swaps it")
			.containsEntry("chunks", "chunks-bge-small-en-v1-5");
		quantized.pointAliasHere();
		assertThat(this.server.aliases)
			.containsExactlyEntriesOf(java.util.Map.of("chunks", "chunks-bge-small-en-v1-5-q"));
	}

	@Test
	void failuresAreUncheckedSoThatThePipelineRetriesThem() {
		QdrantVectorStore store = new QdrantVectorStore(this.client, "m", 3, Duration.ofSeconds(5));
		this.server.close();

		assertThatExceptionOfType(QdrantVectorStore.QdrantUnavailableException.class).isThrownBy(store::count);
	}

	/** A collection made before lexical search has no sparse vectors to search. */
	@Test
	void aCollectionWithoutWordsAnswersLexicallyWithNothingAndHybridByVector() throws Exception {
		String model = "older-model";
		this.client
			.createCollectionAsync(QdrantVectorStore.collectionName(model),
					VectorParams.newBuilder().setSize(3).setDistance(Distance.Cosine).build())
			.get();
		QdrantVectorStore store = new QdrantVectorStore(this.client, model, 3, Duration.ofSeconds(5));
		store.replaceDocument("d", List.of(LexicalSearchContract.chunk("d", "NVMe at 4.2 GB/s", 1, 0, 0)));

		assertThat(store.searchText("NVMe", 5, SearchFilter.NONE)).isEmpty();
		assertThat(store.searchHybrid(new float[] { 1, 0, 0 }, "NVMe", 5, SearchFilter.NONE, Fusion.RRF))
			.extracting(SearchHit::documentId)
			.containsExactly("d");
	}

}

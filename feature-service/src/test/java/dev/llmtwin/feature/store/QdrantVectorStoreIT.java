package dev.llmtwin.feature.store;

import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.qdrant.QdrantContainer;

import dev.llmtwin.testing.ContainerImages;
import dev.llmtwin.testing.RequiresDocker;

/** The Qdrant adapter against a real Qdrant (skipped without Docker). */
@RequiresDocker
@Testcontainers
class QdrantVectorStoreIT extends QdrantVectorStoreContract {

	@Container
	static final QdrantContainer qdrant = new QdrantContainer(ContainerImages.QDRANT);

	private static QdrantClient client;

	@BeforeAll
	static void connect() {
		client = new QdrantClient(
				QdrantGrpcClient.newBuilder(qdrant.getHost(), qdrant.getGrpcPort(), false, false).build());
	}

	@AfterAll
	static void disconnect() {
		if (client != null) {
			client.close();
		}
	}

	@Override
	QdrantClient client() {
		return client;
	}

}

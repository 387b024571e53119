package dev.llmtwin.local;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;
import org.testcontainers.qdrant.QdrantContainer;

import dev.llmtwin.model.RawCollections;
import dev.llmtwin.testing.ContainerImages;
import dev.llmtwin.testing.RequiresDocker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code make run} against real servers ({@code MONGODB_URI}, {@code QDRANT_HOST}): a
 * MongoDB replica set and Qdrant in containers, the embedded broker. The crawled article
 * is found by search, and no embedded store is started.
 */
@RequiresDocker
@Testcontainers
class LocalStackOnRealServersIT {

	@Container
	static final MongoDBContainer mongo = new MongoDBContainer(ContainerImages.MONGODB).withReplicaSet();

	@Container
	static final QdrantContainer qdrant = new QdrantContainer(ContainerImages.QDRANT);

	@Test
	void crawledArticleIsSearchableThroughQdrant(@TempDir Path dataDir) {
		LocalStackSettings settings = PipelineScenario.settings(dataDir)
			.withMongoUri(mongo.getReplicaSetUrl(RawCollections.DATABASE))
			.withQdrant(new LocalStackSettings.Qdrant(qdrant.getHost(), qdrant.getGrpcPort(), null, false));
		try (PageServer pages = PipelineScenario.pages(); LocalStack stack = LocalStack.start(settings)) {
			PipelineScenario.crawlArticleAndSearch(new StackClient(stack), pages);
		}
		assertThat(dataDir.resolve("mongo")).doesNotExist();
		assertThat(dataDir.resolve("lucene")).doesNotExist();
	}

}

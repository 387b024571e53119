package dev.llmtwin.feature.store;

import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The vector store adapter, chosen by {@code feature.vector-store}: {@code lucene} (the
 * embedded default, one index directory per embedding model under
 * {@code feature.lucene.path}) or {@code qdrant} (one collection per model behind the
 * alias {@code chunks}).
 */
@Configuration(proxyBeanMethods = false)
class VectorStoreConfiguration {

	static final String PROPERTY = "feature.vector-store";

	@Bean
	@ConditionalOnProperty(name = PROPERTY, havingValue = "lucene", matchIfMissing = true)
	LuceneVectorStoreFactory luceneVectorStoreFactory(LuceneProperties properties) {
		return new LuceneVectorStoreFactory(properties.path());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = PROPERTY, havingValue = "qdrant")
	static class Qdrant {

		@Bean(destroyMethod = "close")
		QdrantClient qdrantClient(QdrantProperties properties) {
			QdrantGrpcClient.Builder grpc = QdrantGrpcClient.newBuilder(properties.host(), properties.port(),
					properties.useTls(), false);
			if (properties.apiKey() != null && !properties.apiKey().isBlank()) {
				grpc.withApiKey(properties.apiKey());
			}
			return new QdrantClient(grpc.build());
		}

		@Bean
		QdrantVectorStoreFactory qdrantVectorStoreFactory(QdrantClient client, QdrantProperties properties) {
			return new QdrantVectorStoreFactory(client, properties.timeout());
		}

	}

}

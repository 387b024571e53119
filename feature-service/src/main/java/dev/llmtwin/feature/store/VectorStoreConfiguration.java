package dev.llmtwin.feature.store;

import java.io.IOException;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The vector store adapter: Lucene files under the data directory (embedded default). */
@Configuration(proxyBeanMethods = false)
class VectorStoreConfiguration {

	@Bean
	LuceneVectorStore luceneVectorStore(LuceneProperties properties) throws IOException {
		return new LuceneVectorStore(properties.path());
	}

}

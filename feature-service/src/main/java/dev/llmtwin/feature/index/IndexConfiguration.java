package dev.llmtwin.feature.index;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.llmtwin.feature.embed.Embedder;
import dev.llmtwin.feature.store.DocumentWrite;
import dev.llmtwin.feature.store.SearchFilter;
import dev.llmtwin.feature.store.SearchHit;
import dev.llmtwin.feature.store.StoredDocument;
import dev.llmtwin.feature.store.VectorStore;

/**
 * The {@link Embedder} and {@link VectorStore} the rest of the service uses: both follow
 * the {@link ActiveIndex}.
 */
@Configuration(proxyBeanMethods = false)
class IndexConfiguration {

	@Bean
	Embedder embedder(ActiveIndex index) {
		return new Embedder() {

			@Override
			public List<float[]> embed(List<String> texts) {
				return index.current().embedder().embed(texts);
			}

			@Override
			public List<float[]> embedTokens(List<long[]> tokenIds) {
				return index.current().embedder().embedTokens(tokenIds);
			}

			@Override
			public float[] embedQuery(String query) {
				return index.current().embedder().embedQuery(query);
			}

			@Override
			public String modelName() {
				return index.current().embedder().modelName();
			}

			@Override
			public int dimensions() {
				return index.current().embedder().dimensions();
			}

		};
	}

	@Bean
	VectorStore vectorStore(ActiveIndex index) {
		return new VectorStore() {

			@Override
			public void apply(List<DocumentWrite> writes) {
				index.current().store().apply(writes);
			}

			@Override
			public List<SearchHit> search(float[] query, int k, SearchFilter filter) {
				return index.current().store().search(query, k, filter);
			}

			@Override
			public long count() {
				return index.current().store().count();
			}

			@Override
			public Map<String, StoredDocument> inventory() {
				return index.current().store().inventory();
			}

			@Override
			public List<SearchHit> chunksOf(String documentId) {
				return index.current().store().chunksOf(documentId);
			}

		};
	}

}

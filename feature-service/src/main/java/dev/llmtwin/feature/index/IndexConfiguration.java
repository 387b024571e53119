package dev.llmtwin.feature.index;

import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.llmtwin.feature.embed.Embedder;
import dev.llmtwin.feature.store.DocumentWrite;
import dev.llmtwin.feature.store.Fusion;
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

	/** Without a registry (a test slice), the errors count in one of their own. */
	@Bean
	VectorStore vectorStore(ActiveIndex index, ObjectProvider<MeterRegistry> meters) {
		VectorStoreErrors errors = new VectorStoreErrors(meters.getIfAvailable(SimpleMeterRegistry::new));
		return new VectorStore() {

			@Override
			public void apply(List<DocumentWrite> writes) {
				errors.counted("apply", () -> index.current().store().apply(writes));
			}

			@Override
			public List<SearchHit> search(float[] query, int k, SearchFilter filter) {
				return errors.counted("search", () -> index.current().store().search(query, k, filter));
			}

			@Override
			public List<SearchHit> searchText(String query, int k, SearchFilter filter) {
				return errors.counted("search", () -> index.current().store().searchText(query, k, filter));
			}

			@Override
			public List<SearchHit> searchHybrid(float[] vector, String text, int k, SearchFilter filter,
					Fusion fusion) {
				return errors.counted("search",
						() -> index.current().store().searchHybrid(vector, text, k, filter, fusion));
			}

			@Override
			public long count() {
				return errors.counted("count", () -> index.current().store().count());
			}

			@Override
			public Map<String, StoredDocument> inventory() {
				return errors.counted("inventory", () -> index.current().store().inventory());
			}

			@Override
			public List<SearchHit> chunksOf(String documentId) {
				return errors.counted("chunks", () -> index.current().store().chunksOf(documentId));
			}

		};
	}

}

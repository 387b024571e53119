package dev.llmtwin.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.config.BeanPostProcessor;

import dev.llmtwin.feature.store.DocumentWrite;
import dev.llmtwin.feature.store.Fusion;
import dev.llmtwin.feature.store.SearchFilter;
import dev.llmtwin.feature.store.SearchHit;
import dev.llmtwin.feature.store.StoredDocument;
import dev.llmtwin.feature.store.VectorStore;

/**
 * A switch that makes feature-service's vector store fail every call, as an outage of the
 * store would, for {@code make chaos}. It wraps the store of each (re)started service.
 */
final class VectorStoreOutage implements BeanPostProcessor {

	private volatile boolean down;

	void begin() {
		this.down = true;
	}

	void end() {
		this.down = false;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		return (bean instanceof VectorStore store && beanName.equals("vectorStore")) ? new Failing(store) : bean;
	}

	private final class Failing implements VectorStore {

		private final VectorStore delegate;

		Failing(VectorStore delegate) {
			this.delegate = delegate;
		}

		private VectorStore store() {
			if (VectorStoreOutage.this.down) {
				throw new UncheckedIOException(new IOException("The vector store is down (make chaos)"));
			}
			return this.delegate;
		}

		@Override
		public void apply(List<DocumentWrite> writes) {
			store().apply(writes);
		}

		@Override
		public List<SearchHit> search(float[] query, int k, SearchFilter filter) {
			return store().search(query, k, filter);
		}

		@Override
		public List<SearchHit> searchText(String query, int k, SearchFilter filter) {
			return store().searchText(query, k, filter);
		}

		@Override
		public List<SearchHit> searchHybrid(float[] vector, String text, int k, SearchFilter filter, Fusion fusion) {
			return store().searchHybrid(vector, text, k, filter, fusion);
		}

		@Override
		public long count() {
			return store().count();
		}

		@Override
		public Map<String, StoredDocument> inventory() {
			return store().inventory();
		}

		@Override
		public List<SearchHit> chunksOf(String documentId) {
			return store().chunksOf(documentId);
		}

	}

}

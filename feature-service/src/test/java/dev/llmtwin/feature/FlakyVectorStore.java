package dev.llmtwin.feature;

import java.io.UncheckedIOException;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import dev.llmtwin.feature.store.DocumentWrite;
import dev.llmtwin.feature.store.Fusion;
import dev.llmtwin.feature.store.SearchFilter;
import dev.llmtwin.feature.store.SearchHit;
import dev.llmtwin.feature.store.StoredDocument;
import dev.llmtwin.feature.store.VectorStore;

/**
 * The Lucene store with a switch that makes writes and health checks fail, as a store
 * outage would.
 */
class FlakyVectorStore implements VectorStore {

	private final VectorStore delegate;

	volatile boolean down;

	FlakyVectorStore(VectorStore delegate) {
		this.delegate = delegate;
	}

	@Override
	public void apply(List<DocumentWrite> writes) {
		failWhenDown();
		this.delegate.apply(writes);
	}

	@Override
	public List<SearchHit> search(float[] query, int k, SearchFilter filter) {
		return this.delegate.search(query, k, filter);
	}

	@Override
	public List<SearchHit> searchText(String query, int k, SearchFilter filter) {
		return this.delegate.searchText(query, k, filter);
	}

	@Override
	public List<SearchHit> searchHybrid(float[] vector, String text, int k, SearchFilter filter, Fusion fusion) {
		return this.delegate.searchHybrid(vector, text, k, filter, fusion);
	}

	@Override
	public long count() {
		failWhenDown();
		return this.delegate.count();
	}

	@Override
	public Map<String, StoredDocument> inventory() {
		return this.delegate.inventory();
	}

	@Override
	public List<SearchHit> chunksOf(String documentId) {
		return this.delegate.chunksOf(documentId);
	}

	private void failWhenDown() {
		if (this.down) {
			throw new UncheckedIOException(new IOException("The store is down (test)"));
		}
	}

	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	static class Configuration {

		@Bean
		@Primary
		FlakyVectorStore flakyVectorStore(@Qualifier("vectorStore") VectorStore active) {
			return new FlakyVectorStore(active);
		}

	}

}

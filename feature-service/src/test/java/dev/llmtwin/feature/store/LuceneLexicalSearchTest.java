package dev.llmtwin.feature.store;

import java.nio.file.Path;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LuceneLexicalSearchTest extends LexicalSearchContract {

	@TempDir
	Path dir;

	private int stores;

	@Override
	VectorStore emptyStore() throws Exception {
		return new LuceneVectorStore(this.dir.resolve("store-" + this.stores++));
	}

	/**
	 * An index written before lexical search (the payload stored, the vector in the
	 * graph, no analyzed words) gets its words when it opens, and keeps its vectors.
	 */
	@Test
	void anIndexFromBeforeLexicalSearchIsSearchableByWordsOnceOpened() throws Exception {
		Path old = this.dir.resolve("old");
		try (FSDirectory directory = FSDirectory.open(old);
				IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
			writer.addDocument(olderPoint("p-1", "d-1", "Measured 4.2 GB/s on the NVMe array.", 0, 1, 0));
			writer.addDocument(olderPoint("p-2", "d-2", "A recipe for lemon cake.", 1, 0, 0));
			writer.commit();
		}

		try (LuceneVectorStore store = new LuceneVectorStore(old)) {
			assertThat(store.count()).isEqualTo(2);
			assertThat(store.searchText("NVMe", 5, SearchFilter.NONE)).extracting(SearchHit::documentId)
				.containsExactly("d-1");
			assertThat(store.search(new float[] { 1, 0, 0 }, 1)).extracting(SearchHit::documentId)
				.containsExactly("d-2");
			assertThat(store.chunksOf("d-1")).extracting(SearchHit::link).containsExactly("https://example.com/d-1");
		}
		try (LuceneVectorStore reopened = new LuceneVectorStore(old)) {
			assertThat(reopened.count()).isEqualTo(2);
			assertThat(reopened.searchText("lemon", 5, SearchFilter.NONE)).hasSize(1);
		}
	}

	/** The fields of a point as the store wrote them before it indexed words. */
	private static Document olderPoint(String pointId, String documentId, String text, float... vector) {
		Document document = new Document();
		document.add(new StringField("pointId", pointId, Field.Store.YES));
		document.add(new StringField("documentId", documentId, Field.Store.YES));
		document.add(new StoredField("chunkIndex", 0));
		document.add(new StringField("type", "article", Field.Store.YES));
		document.add(new StringField("authorId", "author-" + documentId, Field.Store.YES));
		document.add(new StoredField("link", "https://example.com/" + documentId));
		document.add(new StoredField("text", text));
		document.add(new StoredField("contentHash", "hash-" + documentId));
		document.add(new StoredField("embeddingModel", "test-model"));
		document.add(new KnnFloatVectorField("vector", vector, VectorSimilarityFunction.COSINE));
		return document;
	}

}

package dev.llmtwin.feature.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.llmtwin.feature.FeatureType;

/**
 * The embedded vector store: one Lucene document per point, the vector in an HNSW graph
 * ({@link KnnFloatVectorField}, cosine), the payload in stored fields. Every write is
 * committed before it returns, so an acknowledged change survives a crash.
 */
public class LuceneVectorStore implements VectorStore, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(LuceneVectorStore.class);

	private static final String POINT_ID = "pointId";

	private static final String DOCUMENT_ID = "documentId";

	private static final String CHUNK_INDEX = "chunkIndex";

	private static final String TYPE = "type";

	private static final String PLATFORM = "platform";

	private static final String AUTHOR_ID = "authorId";

	private static final String LINK = "link";

	private static final String TEXT = "text";

	private static final String CONTENT_HASH = "contentHash";

	private static final String EMBEDDING_MODEL = "embeddingModel";

	private static final String CRAWLED_AT = "crawledAt";

	private static final String VECTOR = "vector";

	private final FSDirectory directory;

	private final IndexWriter writer;

	private final SearcherManager searchers;

	public LuceneVectorStore(Path path) throws IOException {
		this.directory = FSDirectory.open(Files.createDirectories(path));
		this.writer = new IndexWriter(this.directory, new IndexWriterConfig());
		this.searchers = new SearcherManager(this.writer, new SearcherFactory());
		logger.info("Lucene vector store at {} holds {} points", path.toAbsolutePath(), count());
	}

	@Override
	public void replaceDocument(String documentId, List<Chunk> chunks) {
		if (chunks.isEmpty()) {
			// updateDocuments with no documents trips IndexWriter's flush accounting.
			deleteDocument(documentId);
			return;
		}
		List<Document> documents = chunks.stream().map(LuceneVectorStore::toDocument).toList();
		write(() -> this.writer.updateDocuments(new Term(DOCUMENT_ID, documentId), documents));
	}

	@Override
	public void deleteDocument(String documentId) {
		write(() -> this.writer.deleteDocuments(new Term(DOCUMENT_ID, documentId)));
	}

	private void write(IndexOperation operation) {
		try {
			operation.run();
			this.writer.commit();
			this.searchers.maybeRefreshBlocking();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Writing the Lucene vector store failed", ex);
		}
	}

	@Override
	public List<SearchHit> search(float[] query, int k) {
		try {
			IndexSearcher searcher = this.searchers.acquire();
			try {
				ScoreDoc[] found = searcher.search(new KnnFloatVectorQuery(VECTOR, query, k), k).scoreDocs;
				StoredFields fields = searcher.storedFields();
				List<SearchHit> hits = new ArrayList<>(found.length);
				for (ScoreDoc scoreDoc : found) {
					hits.add(toHit(fields.document(scoreDoc.doc), scoreDoc.score));
				}
				return hits;
			}
			finally {
				this.searchers.release(searcher);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Searching the Lucene vector store failed", ex);
		}
	}

	@Override
	public long count() {
		try {
			IndexSearcher searcher = this.searchers.acquire();
			try {
				return searcher.getIndexReader().numDocs();
			}
			finally {
				this.searchers.release(searcher);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Reading the Lucene vector store failed", ex);
		}
	}

	private static Document toDocument(Chunk chunk) {
		Document document = new Document();
		document.add(new StringField(POINT_ID, chunk.pointId(), Field.Store.YES));
		document.add(new StringField(DOCUMENT_ID, chunk.documentId(), Field.Store.YES));
		document.add(new StoredField(CHUNK_INDEX, chunk.chunkIndex()));
		document.add(new StringField(TYPE, chunk.type().wireName(), Field.Store.YES));
		addKeyword(document, PLATFORM, chunk.platform());
		addKeyword(document, AUTHOR_ID, chunk.authorId());
		addStored(document, LINK, chunk.link());
		document.add(new StoredField(TEXT, chunk.text()));
		addStored(document, CONTENT_HASH, chunk.contentHash());
		addStored(document, EMBEDDING_MODEL, chunk.embeddingModel());
		if (chunk.crawledAt() != null) {
			document.add(new StoredField(CRAWLED_AT, chunk.crawledAt().toString()));
		}
		document.add(new KnnFloatVectorField(VECTOR, chunk.vector(), VectorSimilarityFunction.COSINE));
		return document;
	}

	/** Indexed as a single term, so that search can filter on it later. */
	private static void addKeyword(Document document, String name, String value) {
		if (value != null) {
			document.add(new StringField(name, value, Field.Store.YES));
		}
	}

	private static void addStored(Document document, String name, String value) {
		if (value != null) {
			document.add(new StoredField(name, value));
		}
	}

	private static SearchHit toHit(Document document, float score) {
		// Lucene scores cosine as (1 + cos) / 2; hits report the cosine itself, as Qdrant
		// does.
		return new SearchHit(document.get(POINT_ID), document.get(DOCUMENT_ID),
				document.getField(CHUNK_INDEX).numericValue().intValue(), FeatureType.fromWireName(document.get(TYPE)),
				document.get(PLATFORM), document.get(AUTHOR_ID), document.get(LINK), document.get(TEXT), 2 * score - 1);
	}

	@Override
	public void close() throws IOException {
		this.searchers.close();
		this.writer.close();
		this.directory.close();
		logger.info("Lucene vector store closed");
	}

	@FunctionalInterface
	private interface IndexOperation {

		void run() throws IOException;

	}

}

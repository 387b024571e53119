package dev.llmtwin.feature.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene103.Lucene103Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.llmtwin.feature.FeatureType;

/**
 * The embedded vector store: one Lucene document per point, the vector in an HNSW graph
 * ({@link KnnFloatVectorField}, cosine), the text in an inverted index for BM25
 * ({@link TextField}, {@link QueryTerms}' analyzer), the payload in stored fields. Every
 * write is committed before it returns, so an acknowledged change survives a crash.
 */
public class LuceneVectorStore implements VectorStore {

	private static final int GRAPH_LINKS = 32;

	private static final int GRAPH_BUILD_BEAM = 200;

	/** The least beam width of a graph search. */
	private static final int MIN_CANDIDATES = 100;

	private static final Logger log = LoggerFactory.getLogger(LuceneVectorStore.class);

	private static final String POINT_ID = "pointId";

	private static final String DOCUMENT_ID = "documentId";

	private static final String CHUNK_INDEX = "chunkIndex";

	private static final String TYPE = "type";

	private static final String PLATFORM = "platform";

	private static final String AUTHOR_ID = "authorId";

	private static final String LINK = "link";

	private static final String TEXT = "text";

	/** The text, analyzed for lexical search (not stored: {@link #TEXT} holds it). */
	private static final String WORDS = "words";

	private static final String CONTENT_HASH = "contentHash";

	private static final String EMBEDDING_MODEL = "embeddingModel";

	private static final String CRAWLED_AT = "crawledAt";

	private static final String LANGUAGE = "language";

	private static final String VECTOR = "vector";

	private final FSDirectory directory;

	private final Path path;

	private volatile IndexWriter writer;

	private volatile SearcherManager searchers;

	public LuceneVectorStore(Path path) throws IOException {
		this.path = path;
		this.directory = FSDirectory.open(Files.createDirectories(path));
		this.writer = new IndexWriter(this.directory, writerConfig());
		this.searchers = new SearcherManager(this.writer, new SearcherFactory());
		indexWordsOfOlderPoints();
		log.info("Lucene vector store at {} holds {} points", path.toAbsolutePath(), count());
	}

	/**
	 * Points written before lexical search existed have no {@link #WORDS}: they are
	 * written again, with their stored payload and vector, once, when the store opens.
	 */
	private void indexWordsOfOlderPoints() throws IOException {
		Map<String, Document> rewritten = new LinkedHashMap<>();
		IndexSearcher searcher = this.searchers.acquire();
		try {
			IndexReader reader = searcher.getIndexReader();
			if (reader.numDocs() == 0 || FieldInfos.getMergedFieldInfos(reader).fieldInfo(WORDS) != null) {
				return;
			}
			for (LeafReaderContext leaf : reader.leaves()) {
				FloatVectorValues vectors = leaf.reader().getFloatVectorValues(VECTOR);
				if (vectors == null) {
					continue;
				}
				StoredFields stored = leaf.reader().storedFields();
				Bits live = leaf.reader().getLiveDocs();
				KnnVectorValues.DocIndexIterator points = vectors.iterator();
				for (int doc = points.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = points.nextDoc()) {
					if (live == null || live.get(doc)) {
						Document point = stored.document(doc);
						rewritten.put(point.get(POINT_ID),
								toDocument(toChunk(point, vectors.vectorValue(points.index()).clone())));
					}
				}
			}
		}
		finally {
			this.searchers.release(searcher);
		}
		for (Map.Entry<String, Document> point : rewritten.entrySet()) {
			this.writer.updateDocument(new Term(POINT_ID, point.getKey()), point.getValue());
		}
		this.writer.commit();
		this.searchers.maybeRefreshBlocking();
		log.info("Lucene vector store at {}: {} points written before lexical search now have their words indexed",
				this.path.toAbsolutePath(), rewritten.size());
	}

	/**
	 * Each document's old points are replaced in one step, and the whole batch is
	 * committed once: a crash leaves the last commit, and the unacknowledged messages are
	 * delivered again.
	 */
	@Override
	public synchronized void apply(List<DocumentWrite> writes) {
		if (!this.writer.isOpen()) {
			rollBackUncommitted();
		}
		try {
			for (DocumentWrite write : writes) {
				Term document = new Term(DOCUMENT_ID, write.documentId());
				if (write.isDelete()) {
					// updateDocuments with no documents trips IndexWriter's flush
					// accounting.
					this.writer.deleteDocuments(document);
				}
				else {
					this.writer.updateDocuments(document,
							write.chunks().stream().map(LuceneVectorStore::toDocument).toList());
				}
			}
			this.writer.commit();
			this.searchers.maybeRefreshBlocking();
		}
		catch (IOException | RuntimeException ex) {
			rollBackUncommitted();
			throw new UncheckedIOException("Writing the Lucene vector store failed",
					(ex instanceof IOException io) ? io : new IOException(ex));
		}
	}

	/**
	 * Drops changes not committed and opens the index again at its last commit, so that a
	 * retry starts from there.
	 */
	private void rollBackUncommitted() {
		try {
			this.writer.rollback();
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Rolling back the Lucene vector store failed", ex);
		}
		try {
			SearcherManager old = this.searchers;
			this.writer = new IndexWriter(this.directory, writerConfig());
			this.searchers = new SearcherManager(this.writer, new SearcherFactory());
			old.close();
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Reopening the Lucene vector store failed; the next write tries again", ex);
		}
	}

	/**
	 * A denser graph than Lucene's default (16 links, a beam of 100 while building): at
	 * 100,000 chunks that default finds 92% of the true ten nearest
	 * ({@code make bench ARGS=vector-search}). A commit does not wait for merges of the
	 * small segments it flushed (Lucene waits up to 500 ms by default): a batch is
	 * acknowledged once its points are committed, not once they are merged, and the merge
	 * scheduler merges them in the background all the same (a commit of the feature
	 * benchmark's batch took 553 ms where it otherwise took 20 to 40).
	 */
	private static IndexWriterConfig writerConfig() {
		KnnVectorsFormat vectors = new Lucene99HnswVectorsFormat(GRAPH_LINKS, GRAPH_BUILD_BEAM);
		return new IndexWriterConfig(QueryTerms.analyzer()).setMaxFullFlushMergeWaitMillis(0)
			.setCodec(new Lucene103Codec() {

				@Override
				public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
					return vectors;
				}

			});
	}

	@Override
	public List<SearchHit> search(float[] query, int k, SearchFilter filter) {
		try {
			IndexSearcher searcher = this.searchers.acquire();
			try {
				// The graph search keeps more candidates than asked for: with a beam as
				// narrow as k, near-duplicate chunks can crowd the true neighbours out.
				int candidates = Math.max(k, MIN_CANDIDATES);
				Query knn = filter.isEmpty() ? new KnnFloatVectorQuery(VECTOR, query, candidates)
						: new KnnFloatVectorQuery(VECTOR, query, candidates, toQuery(filter));
				ScoreDoc[] found = searcher.search(knn, k).scoreDocs;
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
	public List<SearchHit> searchText(String query, int k, SearchFilter filter) {
		List<String> terms = QueryTerms.of(query);
		if (terms.isEmpty()) {
			return List.of();
		}
		BooleanQuery.Builder words = new BooleanQuery.Builder();
		terms.forEach((term) -> words.add(new TermQuery(new Term(WORDS, term)), BooleanClause.Occur.SHOULD));
		Query lexical = words.build();
		if (!filter.isEmpty()) {
			lexical = new BooleanQuery.Builder().add(lexical, BooleanClause.Occur.MUST)
				.add(toQuery(filter), BooleanClause.Occur.FILTER)
				.build();
		}
		try {
			IndexSearcher searcher = this.searchers.acquire();
			try {
				ScoreDoc[] found = searcher.search(lexical, k).scoreDocs;
				StoredFields fields = searcher.storedFields();
				List<SearchHit> hits = new ArrayList<>(found.length);
				for (ScoreDoc scoreDoc : found) {
					hits.add(toHit(fields.document(scoreDoc.doc), scoreDoc.score).withScore(scoreDoc.score));
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

	@Override
	public Map<String, StoredDocument> inventory() {
		StoredDocument.Inventory inventory = new StoredDocument.Inventory();
		forEachDocument(new MatchAllDocsQuery(), Set.of(DOCUMENT_ID, CHUNK_INDEX, CONTENT_HASH, AUTHOR_ID),
				(document) -> inventory.add(document.get(DOCUMENT_ID),
						document.getField(CHUNK_INDEX).numericValue().intValue(), document.get(CONTENT_HASH),
						document.get(AUTHOR_ID)));
		return inventory.documents();
	}

	@Override
	public List<SearchHit> chunksOf(String documentId) {
		List<SearchHit> chunks = new ArrayList<>();
		forEachDocument(new TermQuery(new Term(DOCUMENT_ID, documentId)), null,
				(document) -> chunks.add(toHit(document, 1)));
		chunks.sort(Comparator.comparingInt(SearchHit::chunkIndex));
		return chunks;
	}

	private void forEachDocument(Query query, Set<String> fields, Consumer<Document> action) {
		try {
			IndexSearcher searcher = this.searchers.acquire();
			try {
				StoredFields stored = searcher.storedFields();
				int total = Math.max(1, searcher.getIndexReader().maxDoc());
				for (ScoreDoc scoreDoc : searcher.search(query, total).scoreDocs) {
					action.accept(
							(fields != null) ? stored.document(scoreDoc.doc, fields) : stored.document(scoreDoc.doc));
				}
			}
			finally {
				this.searchers.release(searcher);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Reading the Lucene vector store failed", ex);
		}
	}

	private static Query toQuery(SearchFilter filter) {
		BooleanQuery.Builder query = new BooleanQuery.Builder();
		if (filter.type() != null) {
			query.add(new TermQuery(new Term(TYPE, filter.type().wireName())), BooleanClause.Occur.FILTER);
		}
		if (filter.authorId() != null) {
			query.add(new TermQuery(new Term(AUTHOR_ID, filter.authorId())), BooleanClause.Occur.FILTER);
		}
		if (filter.platform() != null) {
			query.add(new TermQuery(new Term(PLATFORM, filter.platform())), BooleanClause.Occur.FILTER);
		}
		if (filter.language() != null) {
			query.add(new TermQuery(new Term(LANGUAGE, filter.language())), BooleanClause.Occur.FILTER);
		}
		return query.build();
	}

	public Path path() {
		return this.path;
	}

	private static Document toDocument(Chunk chunk) {
		Document document = new Document();
		document.add(new StringField(POINT_ID, chunk.pointId(), Field.Store.YES));
		document.add(new StringField(DOCUMENT_ID, chunk.documentId(), Field.Store.YES));
		document.add(new StoredField(CHUNK_INDEX, chunk.chunkIndex()));
		document.add(new StringField(TYPE, chunk.type().wireName(), Field.Store.YES));
		addKeyword(document, PLATFORM, chunk.platform());
		addKeyword(document, AUTHOR_ID, chunk.authorId());
		addKeyword(document, LANGUAGE, chunk.language());
		addStored(document, LINK, chunk.link());
		document.add(new StoredField(TEXT, chunk.text()));
		document.add(new TextField(WORDS, chunk.text(), Field.Store.NO));
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
				document.get(PLATFORM), document.get(AUTHOR_ID), document.get(LINK), document.get(TEXT),
				document.get(EMBEDDING_MODEL), document.get(LANGUAGE), 2 * score - 1);
	}

	private static Chunk toChunk(Document document, float[] vector) {
		String crawledAt = document.get(CRAWLED_AT);
		return new Chunk(document.get(DOCUMENT_ID), document.getField(CHUNK_INDEX).numericValue().intValue(),
				FeatureType.fromWireName(document.get(TYPE)), document.get(PLATFORM), document.get(AUTHOR_ID),
				document.get(LINK), document.get(TEXT), document.get(CONTENT_HASH), document.get(EMBEDDING_MODEL),
				(crawledAt != null) ? Instant.parse(crawledAt) : null, document.get(LANGUAGE), vector);
	}

	@Override
	public void close() {
		try {
			this.searchers.close();
			this.writer.close();
			this.directory.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Closing the Lucene vector store failed", ex);
		}
		log.info("Lucene vector store at {} closed", this.path);
	}

}

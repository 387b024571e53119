package dev.llmtwin.feature.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Collections.AliasOperations;
import io.qdrant.client.grpc.Collections.CreateAlias;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.DeleteAlias;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.Modifier;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.SparseVectorConfig;
import io.qdrant.client.grpc.Collections.SparseVectorParams;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Common.Range;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.PrefetchQuery;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.Rrf;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.ScrollResponse;
import io.qdrant.client.grpc.Points.Vector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.llmtwin.feature.FeatureType;

import static io.qdrant.client.ConditionFactory.filter;
import static io.qdrant.client.ConditionFactory.matchKeyword;
import static io.qdrant.client.ConditionFactory.range;
import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.QueryFactory.fusion;
import static io.qdrant.client.QueryFactory.nearest;
import static io.qdrant.client.QueryFactory.rrf;
import static io.qdrant.client.ValueFactory.value;
import static io.qdrant.client.VectorFactory.vector;
import static io.qdrant.client.VectorsFactory.namedVectors;
import static io.qdrant.client.VectorsFactory.vectors;
import static io.qdrant.client.WithPayloadSelectorFactory.enable;
import static io.qdrant.client.WithPayloadSelectorFactory.include;

/**
 * The production vector store: one Qdrant collection per embedding model (cosine), behind
 * the alias {@code chunks}, with payload indexes on the fields searches filter by, and a
 * sparse vector {@value #WORDS} per point (BM25 weights, IDF applied by Qdrant) for
 * lexical search; hybrid search fuses both in one query (prefetch and reciprocal rank
 * fusion). A batch is one upsert of all its points followed by one delete of the stale
 * ones (chunk indexes past each document's new last chunk, or all of a deleted document),
 * both waited for; a retry repeats both, which is idempotent.
 */
public class QdrantVectorStore implements VectorStore {

	/** The alias readers use; a reindex points it at the new model's collection. */
	public static final String ALIAS = "chunks";

	static final List<String> INDEXED_FIELDS = List.of(Payload.TYPE, Payload.AUTHOR_ID, Payload.PLATFORM,
			Payload.DOCUMENT_ID, Payload.LANGUAGE);

	private static final Logger log = LoggerFactory.getLogger(QdrantVectorStore.class);

	private static final int SCROLL_PAGE = 1000;

	/** The sparse vector of each point's words. */
	static final String WORDS = "words";

	private final QdrantClient client;

	private final String collection;

	private final Duration timeout;

	/** False for a collection made before lexical search: it has no sparse vectors. */
	private final boolean lexical;

	/**
	 * Uses the collection of the model, creating it (and the alias when there is none)
	 * when missing.
	 */
	public QdrantVectorStore(QdrantClient client, String model, int dimensions, Duration timeout) {
		this.client = client;
		this.collection = collectionName(model);
		this.timeout = timeout;
		ensureCollection(dimensions);
		this.lexical = await(this.client.getCollectionInfoAsync(this.collection)).getConfig()
			.getParams()
			.getSparseVectorsConfig()
			.containsMap(WORDS);
		if (!this.lexical) {
			log.warn(
					"The Qdrant collection {} was made before lexical search: it answers lexical queries with "
							+ "nothing and hybrid ones by vector only; POST /api/reindex builds one with both",
					this.collection);
		}
	}

	/** The collection of a model: Qdrant names are kept to letters, digits and dashes. */
	public static String collectionName(String model) {
		return "chunks-" + model.replaceAll("[^A-Za-z0-9]+", "-");
	}

	public String collection() {
		return this.collection;
	}

	private void ensureCollection(int dimensions) {
		if (!await(this.client.collectionExistsAsync(this.collection))) {
			await(this.client.createCollectionAsync(CreateCollection.newBuilder()
				.setCollectionName(this.collection)
				.setVectorsConfig(VectorsConfig.newBuilder()
					.setParams(VectorParams.newBuilder().setSize(dimensions).setDistance(Distance.Cosine)))
				.setSparseVectorsConfig(SparseVectorConfig.newBuilder()
					.putMap(WORDS, SparseVectorParams.newBuilder().setModifier(Modifier.Idf).build()))
				.build()));
			for (String field : INDEXED_FIELDS) {
				await(this.client.createPayloadIndexAsync(this.collection, field, PayloadSchemaType.Keyword, null, true,
						null, null));
			}
			log.info("Created the Qdrant collection {} ({} dimensions, cosine; sparse {} with IDF)", this.collection,
					dimensions, WORDS);
		}
		if (aliasedCollection() == null) {
			pointAliasHere();
		}
	}

	/** The collection the alias {@code chunks} points at, or {@code null}. */
	public String aliasedCollection() {
		return await(this.client.listAliasesAsync()).stream()
			.filter((alias) -> alias.getAliasName().equals(ALIAS))
			.map((alias) -> alias.getCollectionName())
			.findFirst()
			.orElse(null);
	}

	/**
	 * Points the alias {@code chunks} at this store's collection, in one atomic alias
	 * update: readers of the alias never see it missing.
	 */
	public void pointAliasHere() {
		List<AliasOperations> operations = new ArrayList<>();
		if (aliasedCollection() != null) {
			operations.add(AliasOperations.newBuilder()
				.setDeleteAlias(DeleteAlias.newBuilder().setAliasName(ALIAS).build())
				.build());
		}
		operations.add(AliasOperations.newBuilder()
			.setCreateAlias(CreateAlias.newBuilder().setAliasName(ALIAS).setCollectionName(this.collection).build())
			.build());
		await(this.client.updateAliasesAsync(operations));
		log.info("The alias {} points at {}", ALIAS, this.collection);
	}

	@Override
	public void apply(List<DocumentWrite> writes) {
		List<PointStruct> points = new ArrayList<>();
		List<Condition> stale = new ArrayList<>();
		for (DocumentWrite write : writes) {
			write.chunks().forEach((chunk) -> points.add(toPoint(chunk, this.lexical)));
			Filter.Builder old = Filter.newBuilder().addMust(matchKeyword(Payload.DOCUMENT_ID, write.documentId()));
			if (!write.isDelete()) {
				old.addMust(range(Payload.CHUNK_INDEX, Range.newBuilder().setGte(write.chunks().size()).build()));
			}
			stale.add(filter(old.build()));
		}
		if (!points.isEmpty()) {
			await(this.client.upsertAsync(this.collection, points, this.timeout));
		}
		if (!stale.isEmpty()) {
			await(this.client.deleteAsync(this.collection, Filter.newBuilder().addAllShould(stale).build(),
					this.timeout));
		}
	}

	@Override
	public List<SearchHit> search(float[] query, int k, SearchFilter filter) {
		QueryPoints.Builder request = QueryPoints.newBuilder()
			.setCollectionName(this.collection)
			.setQuery(nearest(query))
			.setLimit(k)
			.setWithPayload(enable(true));
		if (!filter.isEmpty()) {
			request.setFilter(toFilter(filter));
		}
		List<ScoredPoint> points = await(this.client.queryAsync(request.build(), this.timeout));
		return points.stream()
			.map((point) -> toHit(point.getId().getUuid(), point.getPayloadMap(), point.getScore()))
			.toList();
	}

	@Override
	public List<SearchHit> searchText(String query, int k, SearchFilter filter) {
		SparseText words = SparseText.ofQuery(query);
		if (!this.lexical || words.isEmpty()) {
			return List.of();
		}
		QueryPoints.Builder request = QueryPoints.newBuilder()
			.setCollectionName(this.collection)
			.setQuery(nearest(words.values(), words.indices()))
			.setUsing(WORDS)
			.setLimit(k)
			.setWithPayload(enable(true));
		if (!filter.isEmpty()) {
			request.setFilter(toFilter(filter));
		}
		return hits(request);
	}

	/** One query: both searches as prefetches, fused by Qdrant. */
	@Override
	public List<SearchHit> searchHybrid(float[] vector, String text, int k, SearchFilter filter, Fusion fusion) {
		SparseText words = SparseText.ofQuery(text);
		if (!this.lexical || words.isEmpty()) {
			return search(vector, k, filter);
		}
		int depth = Math.max(k, Fusion.DEPTH);
		PrefetchQuery.Builder dense = PrefetchQuery.newBuilder().setQuery(nearest(vector)).setLimit(depth);
		PrefetchQuery.Builder lexical = PrefetchQuery.newBuilder()
			.setQuery(nearest(words.values(), words.indices()))
			.setUsing(WORDS)
			.setLimit(depth);
		if (!filter.isEmpty()) {
			dense.setFilter(toFilter(filter));
			lexical.setFilter(toFilter(filter));
		}
		return hits(QueryPoints.newBuilder()
			.setCollectionName(this.collection)
			.addPrefetch(dense)
			.addPrefetch(lexical)
			.setQuery(
					(fusion == Fusion.RRF) ? rrf(Rrf.newBuilder().setK(Fusion.K).build()) : fusion(Points.Fusion.DBSF))
			.setLimit(k)
			.setWithPayload(enable(true)));
	}

	private List<SearchHit> hits(QueryPoints.Builder request) {
		List<ScoredPoint> points = await(this.client.queryAsync(request.build(), this.timeout));
		return points.stream()
			.map((point) -> toHit(point.getId().getUuid(), point.getPayloadMap(), point.getScore()))
			.toList();
	}

	@Override
	public long count() {
		return await(this.client.countAsync(this.collection, this.timeout));
	}

	@Override
	public Map<String, StoredDocument> inventory() {
		StoredDocument.Inventory inventory = new StoredDocument.Inventory();
		scroll(null, List.of(Payload.DOCUMENT_ID, Payload.CHUNK_INDEX, Payload.CONTENT_HASH, Payload.AUTHOR_ID),
				(point) -> {
					Map<String, Value> payload = point.getPayloadMap();
					inventory.add(payload.get(Payload.DOCUMENT_ID).getStringValue(),
							(int) payload.get(Payload.CHUNK_INDEX).getIntegerValue(),
							text(payload, Payload.CONTENT_HASH), text(payload, Payload.AUTHOR_ID));
				});
		return inventory.documents();
	}

	@Override
	public List<SearchHit> chunksOf(String documentId) {
		List<SearchHit> chunks = new ArrayList<>();
		scroll(Filter.newBuilder().addMust(matchKeyword(Payload.DOCUMENT_ID, documentId)).build(), null,
				(point) -> chunks.add(toHit(point.getId().getUuid(), point.getPayloadMap(), 1)));
		chunks.sort(Comparator.comparingInt(SearchHit::chunkIndex));
		return chunks;
	}

	private void scroll(Filter filter, List<String> fields, Consumer<RetrievedPoint> action) {
		ScrollPoints.Builder request = ScrollPoints.newBuilder()
			.setCollectionName(this.collection)
			.setLimit(SCROLL_PAGE)
			.setWithPayload((fields != null) ? include(fields) : enable(true));
		if (filter != null) {
			request.setFilter(filter);
		}
		while (true) {
			ScrollResponse page = await(this.client.scrollAsync(request.build(), this.timeout));
			page.getResultList().forEach(action);
			if (!page.hasNextPageOffset()) {
				return;
			}
			request.setOffset(page.getNextPageOffset());
		}
	}

	private static Filter toFilter(SearchFilter filter) {
		Filter.Builder builder = Filter.newBuilder();
		if (filter.type() != null) {
			builder.addMust(matchKeyword(Payload.TYPE, filter.type().wireName()));
		}
		if (filter.authorId() != null) {
			builder.addMust(matchKeyword(Payload.AUTHOR_ID, filter.authorId()));
		}
		if (filter.platform() != null) {
			builder.addMust(matchKeyword(Payload.PLATFORM, filter.platform()));
		}
		if (filter.language() != null) {
			builder.addMust(matchKeyword(Payload.LANGUAGE, filter.language()));
		}
		return builder.build();
	}

	private static PointStruct toPoint(Chunk chunk, boolean withWords) {
		Map<String, Value> payload = new HashMap<>();
		payload.put(Payload.DOCUMENT_ID, value(chunk.documentId()));
		payload.put(Payload.CHUNK_INDEX, value(chunk.chunkIndex()));
		payload.put(Payload.TYPE, value(chunk.type().wireName()));
		putIfPresent(payload, Payload.PLATFORM, chunk.platform());
		putIfPresent(payload, Payload.AUTHOR_ID, chunk.authorId());
		putIfPresent(payload, Payload.LANGUAGE, chunk.language());
		putIfPresent(payload, Payload.LINK, chunk.link());
		payload.put(Payload.TEXT, value(chunk.text()));
		putIfPresent(payload, Payload.CONTENT_HASH, chunk.contentHash());
		putIfPresent(payload, Payload.EMBEDDING_MODEL, chunk.embeddingModel());
		putIfPresent(payload, Payload.CRAWLED_AT, (chunk.crawledAt() != null) ? chunk.crawledAt().toString() : null);
		return PointStruct.newBuilder()
			.setId(id(UUID.fromString(chunk.pointId())))
			.setVectors(withWords ? namedVectors(Map.of("", vector(chunk.vector()), WORDS, sparse(chunk.text())))
					: vectors(chunk.vector()))
			.putAllPayload(payload)
			.build();
	}

	private static Vector sparse(String text) {
		SparseText words = SparseText.ofDocument(text);
		return vector(words.values(), words.indices());
	}

	private static void putIfPresent(Map<String, Value> payload, String key, String text) {
		if (text != null) {
			payload.put(key, value(text));
		}
	}

	private static SearchHit toHit(String pointId, Map<String, Value> payload, float score) {
		return new SearchHit(pointId, text(payload, Payload.DOCUMENT_ID),
				(int) payload.get(Payload.CHUNK_INDEX).getIntegerValue(),
				FeatureType.fromWireName(text(payload, Payload.TYPE)), text(payload, Payload.PLATFORM),
				text(payload, Payload.AUTHOR_ID), text(payload, Payload.LINK), text(payload, Payload.TEXT),
				text(payload, Payload.EMBEDDING_MODEL), text(payload, Payload.LANGUAGE), score);
	}

	private static String text(Map<String, Value> payload, String key) {
		Value value = payload.get(key);
		return (value != null && value.hasStringValue()) ? value.getStringValue() : null;
	}

	/**
	 * Waits for a call; failures are unchecked so that the pipeline retries them as a
	 * store outage.
	 */
	private <T> T await(Future<T> call) {
		try {
			return call.get(this.timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new QdrantUnavailableException("Interrupted while calling Qdrant", ex);
		}
		catch (ExecutionException ex) {
			throw new QdrantUnavailableException("Qdrant failed: " + ex.getCause(), ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new QdrantUnavailableException("Qdrant did not answer within " + this.timeout, ex);
		}
	}

	/** Payload keys (DESIGN.md, "Vector store"). */
	static final class Payload {

		static final String DOCUMENT_ID = "documentId";

		static final String CHUNK_INDEX = "chunkIndex";

		static final String TYPE = "type";

		static final String PLATFORM = "platform";

		static final String AUTHOR_ID = "authorId";

		static final String LINK = "link";

		static final String TEXT = "text";

		static final String CONTENT_HASH = "contentHash";

		static final String EMBEDDING_MODEL = "embeddingModel";

		static final String CRAWLED_AT = "crawledAt";

		static final String LANGUAGE = "language";

		private Payload() {
		}

	}

	/** A Qdrant call failed or timed out. */
	static class QdrantUnavailableException extends RuntimeException {

		QdrantUnavailableException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}

package dev.llmtwin.feature.store;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.grpc.Collections.AliasDescription;
import io.qdrant.client.grpc.Collections.AliasOperations;
import io.qdrant.client.grpc.Collections.ChangeAliases;
import io.qdrant.client.grpc.Collections.CollectionConfig;
import io.qdrant.client.grpc.Collections.CollectionExists;
import io.qdrant.client.grpc.Collections.CollectionExistsRequest;
import io.qdrant.client.grpc.Collections.CollectionExistsResponse;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CollectionOperationResponse;
import io.qdrant.client.grpc.Collections.CollectionParams;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.DeleteCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.GetCollectionInfoRequest;
import io.qdrant.client.grpc.Collections.GetCollectionInfoResponse;
import io.qdrant.client.grpc.Collections.ListAliasesRequest;
import io.qdrant.client.grpc.Collections.ListAliasesResponse;
import io.qdrant.client.grpc.Collections.Modifier;
import io.qdrant.client.grpc.Collections.SparseVectorConfig;
import io.qdrant.client.grpc.Collections.SparseVectorParams;
import io.qdrant.client.grpc.CollectionsGrpc;
import io.qdrant.client.grpc.Common.Condition;
import io.qdrant.client.grpc.Common.FieldCondition;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.CountPoints;
import io.qdrant.client.grpc.Points.CountResponse;
import io.qdrant.client.grpc.Points.CountResult;
import io.qdrant.client.grpc.Points.CreateFieldIndexCollection;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.PointsOperationResponse;
import io.qdrant.client.grpc.Points.Query;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.QueryResponse;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.ScrollResponse;
import io.qdrant.client.grpc.Points.SparseVector;
import io.qdrant.client.grpc.Points.UpdateResult;
import io.qdrant.client.grpc.Points.UpdateStatus;
import io.qdrant.client.grpc.Points.UpsertPoints;
import io.qdrant.client.grpc.Points.Vector;
import io.qdrant.client.grpc.Points.VectorInput;
import io.qdrant.client.grpc.Points.Vectors;
import io.qdrant.client.grpc.PointsGrpc;

/**
 * An in-process Qdrant built on the client's generated service stubs: collections,
 * aliases, payload indexes, upsert, delete by filter, filtered nearest-neighbour query
 * (cosine, brute force; sparse vectors by dot product with Qdrant's IDF), prefetches
 * fused by reciprocal rank, scroll and count, as far as the adapter uses them. Requests
 * the real server would reject (unknown collection, wrong vector size) are rejected too,
 * so wiring errors show up without a Qdrant server.
 */
public final class FakeQdrantServer implements AutoCloseable {

	final Map<String, Integer> collections = new ConcurrentHashMap<>();

	public final Map<String, String> aliases = new ConcurrentHashMap<>();

	final Map<String, Set<String>> indexedFields = new ConcurrentHashMap<>();

	/** The sparse vectors (all with the IDF modifier) of each collection. */
	final Map<String, Set<String>> sparseVectors = new ConcurrentHashMap<>();

	private final Map<String, Map<String, PointStruct>> points = new ConcurrentHashMap<>();

	private final Server server;

	private final String name = "qdrant-" + System.nanoTime();

	/** In process only: {@link #client()} connects. */
	FakeQdrantServer() throws IOException {
		this(false);
	}

	/**
	 * @param loopback whether to listen on a free loopback port (for a service that
	 * connects by host and port) rather than in process
	 */
	public FakeQdrantServer(boolean loopback) throws IOException {
		ServerBuilder<?> builder = loopback ? NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
				: InProcessServerBuilder.forName(this.name).directExecutor();
		this.server = builder.addService(new Collections()).addService(new Points()).build().start();
	}

	/** The loopback port, when listening on one. */
	public int port() {
		return this.server.getPort();
	}

	QdrantClient client() {
		return new QdrantClient(QdrantGrpcClient
			.newBuilder(InProcessChannelBuilder.forName(this.name).directExecutor().build(), true, false)
			.build());
	}

	@Override
	public void close() {
		this.server.shutdownNow();
	}

	private Map<String, PointStruct> collection(String name, StreamObserver<?> observer) {
		String resolved = this.aliases.getOrDefault(name, name);
		Map<String, PointStruct> found = this.points.get(resolved);
		if (found == null) {
			observer
				.onError(Status.NOT_FOUND.withDescription("Collection `" + name + "` doesn't exist!").asException());
		}
		return found;
	}

	private static <T> void reply(StreamObserver<T> observer, T response) {
		observer.onNext(response);
		observer.onCompleted();
	}

	private static PointsOperationResponse completed() {
		return PointsOperationResponse.newBuilder()
			.setResult(UpdateResult.newBuilder().setStatus(UpdateStatus.Completed))
			.build();
	}

	static boolean matches(Filter filter, PointStruct point) {
		return filter.getMustList().stream().allMatch((condition) -> matches(condition, point))
				&& (filter.getShouldCount() == 0
						|| filter.getShouldList().stream().anyMatch((condition) -> matches(condition, point)))
				&& filter.getMustNotList().stream().noneMatch((condition) -> matches(condition, point));
	}

	private static boolean matches(Condition condition, PointStruct point) {
		if (condition.hasFilter()) {
			return matches(condition.getFilter(), point);
		}
		if (!condition.hasField()) {
			throw new IllegalArgumentException("The fake does not know the condition " + condition);
		}
		FieldCondition field = condition.getField();
		Value value = point.getPayloadMap().get(field.getKey());
		if (value == null) {
			return false;
		}
		if (field.hasMatch()) {
			return field.getMatch().hasKeyword() && value.hasStringValue()
					&& value.getStringValue().equals(field.getMatch().getKeyword());
		}
		if (field.hasRange()) {
			double number = value.hasIntegerValue() ? value.getIntegerValue() : value.getDoubleValue();
			return (!field.getRange().hasGte() || number >= field.getRange().getGte())
					&& (!field.getRange().hasGt() || number > field.getRange().getGt())
					&& (!field.getRange().hasLte() || number <= field.getRange().getLte())
					&& (!field.getRange().hasLt() || number < field.getRange().getLt());
		}
		throw new IllegalArgumentException("The fake does not know the field condition " + field);
	}

	private static double cosine(List<Float> a, List<Float> b) {
		double dot = 0;
		double normA = 0;
		double normB = 0;
		for (int i = 0; i < a.size(); i++) {
			dot += a.get(i) * b.get(i);
			normA += a.get(i) * a.get(i);
			normB += b.get(i) * b.get(i);
		}
		return dot / Math.sqrt(normA * normB);
	}

	/** The unnamed dense vector, given alone or among named ones. */
	private static List<Float> dense(PointStruct point) {
		Vectors vectors = point.getVectors();
		Vector vector = vectors.hasVectors() ? vectors.getVectors().getVectorsMap().get("") : vectors.getVector();
		return (vector != null) ? vector.getDense().getDataList() : List.of();
	}

	private static SparseVector sparse(PointStruct point, String name) {
		Vector vector = point.getVectors().getVectors().getVectorsMap().get(name);
		return (vector != null && vector.hasSparse()) ? vector.getSparse() : SparseVector.getDefaultInstance();
	}

	/**
	 * Qdrant's IDF: ln(1 + (N - n + 0.5) / (n + 0.5)) over the points that have the
	 * vector.
	 */
	private static Map<Integer, Double> idf(Collection<PointStruct> points, String name) {
		Map<Integer, Integer> holding = new HashMap<>();
		points.forEach((point) -> sparse(point, name).getIndicesList()
			.forEach((index) -> holding.merge(index, 1, Integer::sum)));
		Map<Integer, Double> idf = new HashMap<>();
		holding.forEach((index, n) -> idf.put(index, Math.log(1 + (points.size() - n + 0.5) / (n + 0.5))));
		return idf;
	}

	private static double sparseScore(SparseVector query, SparseVector point, Map<Integer, Double> idf) {
		double score = 0;
		for (int q = 0; q < query.getIndicesCount(); q++) {
			int index = query.getIndices(q);
			int at = point.getIndicesList().indexOf(index);
			if (at >= 0) {
				score += query.getValues(q) * point.getValues(at) * idf.getOrDefault(index, 0.0);
			}
		}
		return score;
	}

	private static String key(io.qdrant.client.grpc.Common.PointId id) {
		return id.hasUuid() ? id.getUuid() : Long.toString(id.getNum());
	}

	private final class Collections extends CollectionsGrpc.CollectionsImplBase {

		@Override
		public void create(CreateCollection request, StreamObserver<CollectionOperationResponse> observer) {
			if (FakeQdrantServer.this.collections.containsKey(request.getCollectionName())) {
				observer.onError(Status.ALREADY_EXISTS.asException());
				return;
			}
			if (request.getVectorsConfig().getParams().getDistance() != Distance.Cosine) {
				observer.onError(Status.INVALID_ARGUMENT.withDescription("the adapter uses cosine").asException());
				return;
			}
			FakeQdrantServer.this.collections.put(request.getCollectionName(),
					(int) request.getVectorsConfig().getParams().getSize());
			FakeQdrantServer.this.sparseVectors.put(request.getCollectionName(),
					Set.copyOf(request.getSparseVectorsConfig().getMapMap().keySet()));
			FakeQdrantServer.this.points.put(request.getCollectionName(), new ConcurrentHashMap<>());
			reply(observer, CollectionOperationResponse.newBuilder().setResult(true).build());
		}

		@Override
		public void delete(DeleteCollection request, StreamObserver<CollectionOperationResponse> observer) {
			boolean existed = FakeQdrantServer.this.collections.remove(request.getCollectionName()) != null;
			FakeQdrantServer.this.points.remove(request.getCollectionName());
			FakeQdrantServer.this.indexedFields.remove(request.getCollectionName());
			FakeQdrantServer.this.aliases.values().removeIf(request.getCollectionName()::equals);
			reply(observer, CollectionOperationResponse.newBuilder().setResult(existed).build());
		}

		@Override
		public void get(GetCollectionInfoRequest request, StreamObserver<GetCollectionInfoResponse> observer) {
			Set<String> sparse = FakeQdrantServer.this.sparseVectors.get(request.getCollectionName());
			if (sparse == null) {
				observer.onError(Status.NOT_FOUND.asException());
				return;
			}
			SparseVectorConfig.Builder config = SparseVectorConfig.newBuilder();
			sparse.forEach(
					(name) -> config.putMap(name, SparseVectorParams.newBuilder().setModifier(Modifier.Idf).build()));
			reply(observer,
					GetCollectionInfoResponse.newBuilder()
						.setResult(CollectionInfo.newBuilder()
							.setConfig(CollectionConfig.newBuilder()
								.setParams(CollectionParams.newBuilder().setSparseVectorsConfig(config))))
						.build());
		}

		@Override
		public void collectionExists(CollectionExistsRequest request,
				StreamObserver<CollectionExistsResponse> observer) {
			reply(observer,
					CollectionExistsResponse.newBuilder()
						.setResult(CollectionExists.newBuilder()
							.setExists(FakeQdrantServer.this.collections.containsKey(request.getCollectionName())))
						.build());
		}

		@Override
		public void listAliases(ListAliasesRequest request, StreamObserver<ListAliasesResponse> observer) {
			ListAliasesResponse.Builder response = ListAliasesResponse.newBuilder();
			FakeQdrantServer.this.aliases.forEach((alias, collection) -> response
				.addAliases(AliasDescription.newBuilder().setAliasName(alias).setCollectionName(collection)));
			reply(observer, response.build());
		}

		@Override
		public void updateAliases(ChangeAliases request, StreamObserver<CollectionOperationResponse> observer) {
			Map<String, String> next = new TreeMap<>(FakeQdrantServer.this.aliases);
			for (AliasOperations operation : request.getActionsList()) {
				if (operation.hasDeleteAlias()) {
					if (next.remove(operation.getDeleteAlias().getAliasName()) == null) {
						observer.onError(Status.NOT_FOUND.withDescription("Alias does not exist").asException());
						return;
					}
				}
				else if (operation.hasCreateAlias()) {
					next.put(operation.getCreateAlias().getAliasName(), operation.getCreateAlias().getCollectionName());
				}
			}
			// All operations apply together, as in Qdrant.
			FakeQdrantServer.this.aliases.clear();
			FakeQdrantServer.this.aliases.putAll(next);
			reply(observer, CollectionOperationResponse.newBuilder().setResult(true).build());
		}

	}

	private final class Points extends PointsGrpc.PointsImplBase {

		@Override
		public void createFieldIndex(CreateFieldIndexCollection request,
				StreamObserver<PointsOperationResponse> observer) {
			if (collection(request.getCollectionName(), observer) != null) {
				FakeQdrantServer.this.indexedFields
					.computeIfAbsent(request.getCollectionName(), (name) -> ConcurrentHashMap.newKeySet())
					.add(request.getFieldName());
				reply(observer, completed());
			}
		}

		@Override
		public void upsert(UpsertPoints request, StreamObserver<PointsOperationResponse> observer) {
			Map<String, PointStruct> stored = collection(request.getCollectionName(), observer);
			if (stored == null) {
				return;
			}
			int size = FakeQdrantServer.this.collections.get(FakeQdrantServer.this.aliases
				.getOrDefault(request.getCollectionName(), request.getCollectionName()));
			Set<String> sparse = FakeQdrantServer.this.sparseVectors.get(FakeQdrantServer.this.aliases
				.getOrDefault(request.getCollectionName(), request.getCollectionName()));
			for (PointStruct point : request.getPointsList()) {
				if (dense(point).size() != size) {
					observer.onError(Status.INVALID_ARGUMENT.withDescription("Wrong vector size").asException());
					return;
				}
				for (String name : point.getVectors().getVectors().getVectorsMap().keySet()) {
					if (!name.isEmpty() && !sparse.contains(name)) {
						observer.onError(Status.INVALID_ARGUMENT
							.withDescription("Wrong input: Not existing vector name error: " + name)
							.asException());
						return;
					}
				}
			}
			request.getPointsList().forEach((point) -> stored.put(key(point.getId()), point));
			reply(observer, completed());
		}

		@Override
		public void delete(DeletePoints request, StreamObserver<PointsOperationResponse> observer) {
			Map<String, PointStruct> stored = collection(request.getCollectionName(), observer);
			if (stored != null) {
				stored.values().removeIf((point) -> matches(request.getPoints().getFilter(), point));
				reply(observer, completed());
			}
		}

		@Override
		public void query(QueryPoints request, StreamObserver<QueryResponse> observer) {
			Map<String, PointStruct> stored = collection(request.getCollectionName(), observer);
			if (stored == null) {
				return;
			}
			List<ScoredPoint> found;
			if (request.getPrefetchCount() > 0) {
				List<List<ScoredPoint>> rankings = request.getPrefetchList()
					.stream()
					.map((prefetch) -> nearest(stored, prefetch.getQuery(), prefetch.getUsing(),
							prefetch.hasFilter() ? prefetch.getFilter() : null, prefetch.getLimit()))
					.toList();
				found = fuse(rankings, request.getQuery(), request.getLimit());
			}
			else {
				found = nearest(stored, request.getQuery(), request.getUsing(),
						request.hasFilter() ? request.getFilter() : null, request.getLimit());
			}
			boolean payload = request.getWithPayload().getEnable();
			reply(observer,
					QueryResponse.newBuilder()
						.addAllResult(found.stream()
							.map((point) -> payload ? point : ScoredPoint.newBuilder(point).clearPayload().build())
							.toList())
						.build());
		}

		private List<ScoredPoint> nearest(Map<String, PointStruct> stored, Query query, String using, Filter filter,
				long limit) {
			List<PointStruct> candidates = stored.values()
				.stream()
				.filter((point) -> filter == null || matches(filter, point))
				.toList();
			VectorInput input = query.getNearest();
			Map<Integer, Double> idf = input.hasSparse() ? idf(stored.values(), using) : Map.of();
			return candidates.stream()
				.map((point) -> ScoredPoint.newBuilder()
					.setId(point.getId())
					.putAllPayload(point.getPayloadMap())
					.setScore((float) (input.hasSparse() ? sparseScore(input.getSparse(), sparse(point, using), idf)
							: cosine(input.getDense().getDataList(), dense(point))))
					.build())
				.filter((point) -> !input.hasSparse() || point.getScore() > 0)
				.sorted(Comparator.comparingDouble(ScoredPoint::getScore).reversed())
				.limit(limit)
				.toList();
		}

		/**
		 * Qdrant's fusions: reciprocal rank (1 / (k + rank) per list, rank from 1) and
		 * distribution-based (each list's scores scaled by mean and 3 standard
		 * deviations).
		 */
		private static List<ScoredPoint> fuse(List<List<ScoredPoint>> rankings, Query fusion, long limit) {
			if (!fusion.hasRrf() && fusion.getFusion() != io.qdrant.client.grpc.Points.Fusion.DBSF) {
				throw new IllegalArgumentException("The fake does not know the fusion " + fusion);
			}
			Map<String, ScoredPoint> points = new LinkedHashMap<>();
			Map<String, Double> scores = new HashMap<>();
			for (List<ScoredPoint> ranking : rankings) {
				double mean = ranking.stream().mapToDouble(ScoredPoint::getScore).average().orElse(0);
				double spread = 6 * Math.sqrt(ranking.stream()
					.mapToDouble((point) -> Math.pow(point.getScore() - mean, 2))
					.average()
					.orElse(0));
				for (int rank = 0; rank < ranking.size(); rank++) {
					ScoredPoint point = ranking.get(rank);
					String id = key(point.getId());
					points.putIfAbsent(id, point);
					double score = fusion.hasRrf() ? 1.0 / (fusion.getRrf().getK() + rank + 1)
							: (spread > 0) ? (point.getScore() - (mean - spread / 2)) / spread : 0.5;
					scores.merge(id, score, Double::sum);
				}
			}
			return points.entrySet()
				.stream()
				.map((entry) -> ScoredPoint.newBuilder(entry.getValue())
					.setScore(scores.get(entry.getKey()).floatValue())
					.build())
				.sorted(Comparator.comparingDouble(ScoredPoint::getScore).reversed())
				.limit(limit)
				.toList();
		}

		@Override
		public void scroll(ScrollPoints request, StreamObserver<ScrollResponse> observer) {
			Map<String, PointStruct> stored = collection(request.getCollectionName(), observer);
			if (stored == null) {
				return;
			}
			List<PointStruct> matching = stored.values()
				.stream()
				.filter((point) -> !request.hasFilter() || matches(request.getFilter(), point))
				.filter((point) -> !request.hasOffset() || key(point.getId()).compareTo(key(request.getOffset())) >= 0)
				.sorted(Comparator.comparing((PointStruct point) -> key(point.getId())))
				.toList();
			ScrollResponse.Builder response = ScrollResponse.newBuilder();
			List<PointStruct> page = matching.subList(0, Math.min(matching.size(), request.getLimit()));
			Consumer<PointStruct> add = (point) -> {
				RetrievedPoint.Builder retrieved = RetrievedPoint.newBuilder().setId(point.getId());
				if (request.getWithPayload().hasInclude()) {
					request.getWithPayload()
						.getInclude()
						.getFieldsList()
						.forEach((field) -> retrieved.putPayload(field, point.getPayloadMap().get(field)));
				}
				else if (request.getWithPayload().getEnable()) {
					retrieved.putAllPayload(point.getPayloadMap());
				}
				response.addResult(retrieved);
			};
			page.forEach(add);
			if (matching.size() > page.size()) {
				response.setNextPageOffset(matching.get(page.size()).getId());
			}
			reply(observer, response.build());
		}

		@Override
		public void count(CountPoints request, StreamObserver<CountResponse> observer) {
			Map<String, PointStruct> stored = collection(request.getCollectionName(), observer);
			if (stored != null) {
				long count = new ArrayList<>(stored.values()).stream()
					.filter((point) -> !request.hasFilter() || matches(request.getFilter(), point))
					.count();
				reply(observer, CountResponse.newBuilder().setResult(CountResult.newBuilder().setCount(count)).build());
			}
		}

	}

}

package dev.llmtwin.embedded;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.backend.Cursor;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.aggregation.Aggregation;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.oplog.Oplog;
import de.bwaldvogel.mongo.wire.message.MongoMessage;

/**
 * The embedded server's oplog with a sorted in-memory index of its entries, so that a
 * change-stream poll reads the entries after its position instead of scanning and sorting
 * the whole oplog (mongo-java-server's own {@code CollectionBackedOplog} does that on
 * every poll, and looks up an update's full document by scanning its collection). The
 * entries are still written to {@code local.oplog.rs}: clients read and trim it there
 * (deletes from it are mirrored into the index), and on disk it survives a restart. The
 * change-stream documents are the same as mongo-java-server's, except that an update's
 * {@code documentKey} is its {@code _id}, a looked-up document that no longer exists is
 * {@code null}, and each carries the write's {@code wallTime} (to the millisecond, where
 * {@code clusterTime} counts seconds), as on a real MongoDB 6.0 or later.
 */
final class IndexedOplog implements Oplog {

	private static final String OPLOG = "oplog.rs";

	private static final String TS = "ts";

	private static final String ID = "_id";

	private static final String DATA = "_data";

	private static final String KEY_STRING_TIMESTAMP = "82";

	private static final int KEY_STRING_TOKEN_LENGTH = 18;

	private static final String NS = "ns";

	private static final String OP = "op";

	private static final String INSERT = "i";

	private static final String UPDATE = "u";

	private static final String DELETE = "d";

	private static final String COMMAND = "c";

	private final MongoBackend backend;

	private final MongoCollection<Document> collection;

	private final CursorRegistry cursors;

	private final Clock clock;

	private final UUID ui = UUID.randomUUID();

	/** Entries by {@code ts} (compared unsigned, as MongoDB does). */
	private final ConcurrentSkipListMap<Long, Document> entries = new ConcurrentSkipListMap<>(Long::compareUnsigned);

	/** {@code ts} of each entry by its {@code _id}, to mirror deletes. */
	private final Map<Object, Long> positions = new ConcurrentHashMap<>();

	// Guarded by the oplog collection's monitor, which its synchronized methods take too.

	private long lastSeconds;

	private int increment;

	private IndexedOplog(MongoBackend backend, MongoCollection<Document> collection, CursorRegistry cursors) {
		this.backend = backend;
		this.collection = collection;
		this.cursors = cursors;
		this.clock = backend.getClock();
		synchronized (collection) {
			collection.queryAllAsStream().forEach(this::index);
		}
	}

	/**
	 * The oplog of {@code backend} in its {@code local.oplog.rs}, with the entries a
	 * previous run left there.
	 */
	@SuppressWarnings("unchecked")
	static IndexedOplog of(MongoBackend backend, CursorRegistry cursors) {
		MongoDatabase local = backend.resolveDatabase("local");
		MongoCollection<?> collection = local.resolveCollection(OPLOG, false);
		if (collection == null) {
			collection = local.createCollectionOrThrowIfExists(OPLOG);
		}
		return new IndexedOplog(backend, (MongoCollection<Document>) collection, cursors);
	}

	@Override
	public void handleInsert(String namespace, List<Document> documents) {
		if (!isOplog(namespace)) {
			append(documents.stream().map((document) -> entry(INSERT, namespace, document.cloneDeeply(), null)));
		}
	}

	@Override
	public void handleUpdate(String namespace, Document selector, Document query, List<Object> modifiedIds) {
		if (!isOplog(namespace)) {
			append(modifiedIds.stream().map((id) -> entry(UPDATE, namespace, query, new Document(ID, id))));
		}
	}

	@Override
	public void handleDelete(String namespace, Document query, List<Object> deletedIds) {
		if (isOplog(namespace)) {
			// A client trimmed the oplog.
			for (Object id : deletedIds) {
				Long ts = this.positions.remove(id);
				if (ts != null) {
					this.entries.remove(ts);
				}
			}
			return;
		}
		append(deletedIds.stream().map((id) -> entry(DELETE, namespace, new Document(ID, id), null)));
	}

	@Override
	public void handleDropCollection(String namespace) {
		if (!isOplog(namespace)) {
			String database = namespace.substring(0, namespace.indexOf('.'));
			String name = namespace.substring(namespace.indexOf('.') + 1);
			append(Stream.of(entry(COMMAND, database + ".$cmd", new Document("drop", name), null)));
		}
	}

	@Override
	public Cursor createCursor(Document changeStream, String namespace, Aggregation aggregation) {
		Document startAfter = (Document) changeStream.get("startAfter");
		Document resumeAfter = (Document) changeStream.get("resumeAfter");
		BsonTimestamp startAt = (BsonTimestamp) changeStream.get("startAtOperationTime");
		long after;
		boolean inclusive = false;
		if (startAfter != null) {
			after = position(startAfter);
		}
		else if (resumeAfter != null) {
			after = position(resumeAfter);
			if (droppedAtOrBefore(after, namespace)) {
				return new InvalidateCursor(after);
			}
		}
		else if (startAt != null) {
			after = startAt.getValue();
			inclusive = true;
		}
		else {
			synchronized (this.collection) {
				after = timestamp(Math.max(this.lastSeconds, this.clock.instant().getEpochSecond()), this.increment);
			}
		}
		boolean updateLookup = "updateLookup".equals(changeStream.get("fullDocument"));
		ChangeCursor cursor = new ChangeCursor(this.cursors.generateCursorId(), namespace, aggregation, updateLookup,
				after, inclusive);
		this.cursors.add(cursor);
		return cursor;
	}

	/**
	 * Answers a {@code find} or {@code delete} of the oplog that selects a {@code ts}
	 * range (what trimming and position checks ask) from the index, without the scan and
	 * sort the stock query path does; {@code null} for any other command or shape, which
	 * the stock path then answers.
	 */
	static Document answer(Oplog oplog, MongoMessage message) {
		Document query = message.getDocument();
		String command = query.keySet().iterator().next();
		if (!(oplog instanceof IndexedOplog indexed)
				|| !indexed.collection.getDatabaseName().equals(message.getDatabaseName())
				|| !OPLOG.equals(query.get(command))) {
			return null;
		}
		return switch (command) {
			case "find" -> indexed.find(query);
			case "delete" -> indexed.delete(query);
			default -> null;
		};
	}

	private Document find(Document query) {
		TsRange range = TsRange.of(query.get("filter"));
		Boolean descending = descending(query.get("sort"));
		Document projection = (Document) query.get("projection");
		int limit = Math.abs(((Number) query.getOrDefault("limit", 0)).intValue());
		int skip = ((Number) query.getOrDefault("skip", 0)).intValue();
		// Unlimited finds stay on the stock path, which returns large results in batches.
		if (range == null || descending == null || limit == 0 || !isInclusion(projection)) {
			return null;
		}
		List<Document> batch = range.select(this.entries, descending)
			.values()
			.stream()
			.skip(skip)
			.limit(limit)
			.map((entry) -> project(entry, projection))
			.toList();
		Document cursor = new Document("id", 0L).append("ns", this.collection.getFullName())
			.append("firstBatch", batch);
		return new Document("cursor", cursor).append("ok", 1.0);
	}

	private Document delete(Document query) {
		List<TsRange> ranges = new ArrayList<>();
		for (Object delete : (List<?>) query.get("deletes")) {
			TsRange range = (delete instanceof Document spec && ((Number) spec.get("limit")).intValue() == 0)
					? TsRange.of(spec.get("q")) : null;
			if (range == null) {
				return null;
			}
			ranges.add(range);
		}
		int deleted = 0;
		synchronized (this.collection) {
			for (TsRange range : ranges) {
				for (Document entry : List.copyOf(range.select(this.entries, false).values())) {
					this.collection.removeDocument(entry);
					this.positions.remove(entry.get(ID));
					this.entries.remove(((BsonTimestamp) entry.get(TS)).getValue());
					deleted++;
				}
			}
		}
		return new Document("n", deleted).append("ok", 1.0);
	}

	/**
	 * {@code false} for ascending {@code ts} (or natural) order, {@code null} for others.
	 */
	private static Boolean descending(Object sort) {
		if (sort == null || (sort instanceof Document empty && empty.isEmpty())) {
			return false;
		}
		if (sort instanceof Document order && order.size() == 1
				&& (order.containsKey(TS) || order.containsKey("$natural"))
				&& order.values().iterator().next() instanceof Number direction) {
			return direction.intValue() < 0;
		}
		return null;
	}

	/**
	 * Whether the projection only names top-level fields to include (and maybe _id: 0).
	 */
	private static boolean isInclusion(Document projection) {
		if (projection == null || projection.isEmpty()) {
			return true;
		}
		return projection.values().stream().anyMatch(IndexedOplog::isTrue) && projection.entrySet()
			.stream()
			.allMatch((field) -> !field.getKey().contains(".")
					&& (isTrue(field.getValue()) || field.getKey().equals(ID)));
	}

	private static Document project(Document entry, Document projection) {
		if (projection == null || projection.isEmpty()) {
			return entry;
		}
		Document projected = new Document();
		if (!projection.containsKey(ID) || isTrue(projection.get(ID))) {
			projected.put(ID, entry.get(ID));
		}
		projection.forEach((field, included) -> {
			if (isTrue(included) && entry.containsKey(field)) {
				projected.put(field, entry.get(field));
			}
		});
		return projected;
	}

	private static boolean isTrue(Object value) {
		return (value instanceof Boolean flag) ? flag : (value instanceof Number number) && number.doubleValue() != 0;
	}

	/**
	 * Gives each entry the next {@code ts} and makes it visible to the streams in that
	 * order: a stream that saw an entry never misses an older one still being written.
	 * The {@code ts} never goes backwards, not even across a restart or a clock step.
	 */
	private void append(Stream<Document> newEntries) {
		synchronized (this.collection) {
			newEntries.forEach((entry) -> {
				long seconds = Math.max(this.lastSeconds, this.clock.instant().getEpochSecond());
				this.lastSeconds = seconds;
				this.increment++;
				entry.put(TS, new BsonTimestamp(timestamp(seconds, this.increment)));
				this.collection.addDocument(entry);
				index(entry);
			});
		}
	}

	private Document entry(String operation, String namespace, Document object, Document object2) {
		// The _id is set here, not by the collection, so that the entry is complete
		// before any stream can see it.
		Document entry = new Document(ID, new ObjectId()).append(TS, null)
			.append("t", 1L)
			.append("h", 0L)
			.append("v", 2L)
			.append(OP, operation)
			.append(NS, namespace)
			.append("ui", this.ui)
			.append("wall", this.clock.instant())
			.append("o", object);
		if (object2 != null) {
			entry.append("o2", object2);
		}
		return entry;
	}

	private void index(Document entry) {
		BsonTimestamp ts = (BsonTimestamp) entry.get(TS);
		this.entries.put(ts.getValue(), entry);
		this.positions.put(entry.get(ID), ts.getValue());
		// After a restart the increment goes on from the largest one kept, and the
		// seconds from the newest entry, so that a new entry sorts after every old one.
		this.lastSeconds = Math.max(this.lastSeconds, Integer.toUnsignedLong(ts.getTime()));
		this.increment = Math.max(this.increment, ts.getInc());
	}

	private boolean droppedAtOrBefore(long position, String namespace) {
		String database = namespace.substring(0, namespace.indexOf('.'));
		Document drop = new Document("drop", namespace.substring(namespace.indexOf('.') + 1));
		return this.entries.headMap(position, true)
			.values()
			.stream()
			.anyMatch((entry) -> COMMAND.equals(entry.get(OP)) && (database + ".$cmd").equals(entry.get(NS))
					&& drop.equals(entry.get("o")));
	}

	private boolean isOplog(String namespace) {
		return this.collection.getFullName().equals(namespace);
	}

	private static long timestamp(long seconds, int increment) {
		return (seconds << 32) | Integer.toUnsignedLong(increment);
	}

	/**
	 * Reads both token forms: the current one and the plain hex of the timestamp that
	 * data directories written before it still hold.
	 */
	private static long position(Document token) {
		String data = (String) token.get(DATA);
		boolean keyString = data.length() == KEY_STRING_TOKEN_LENGTH && data.startsWith(KEY_STRING_TIMESTAMP);
		return Long.parseUnsignedLong(keyString ? data.substring(KEY_STRING_TIMESTAMP.length()) : data, 16);
	}

	/**
	 * A token shaped like a replica set's: the hex of a KeyString whose first value is
	 * the entry's timestamp (type byte 130), so that one decoder reads the time out of
	 * tokens of either server.
	 */
	private static Document token(long position) {
		return new Document(DATA, KEY_STRING_TIMESTAMP + HexFormat.of().withUpperCase().toHexDigits(position));
	}

	/** The change-stream document of an oplog entry, as mongo-java-server shapes it. */
	private Document toChange(Document entry, boolean updateLookup) {
		BsonTimestamp ts = (BsonTimestamp) entry.get(TS);
		Document object = (Document) entry.get("o");
		String operation = (String) entry.get(OP);
		Document change = new Document(ID, token(ts.getValue()));
		if (COMMAND.equals(operation)) {
			return change.append("operationType", object.keySet().iterator().next()).append("clusterTime", ts);
		}
		Document key;
		Document fullDocument;
		switch (operation) {
			case INSERT -> {
				key = new Document(ID, object.get(ID));
				fullDocument = object;
			}
			case UPDATE -> {
				key = (Document) entry.get("o2");
				fullDocument = updateLookup ? lookUp((String) entry.get(NS), key) : delta(object);
			}
			case DELETE -> {
				key = object;
				fullDocument = null;
			}
			default -> throw new IllegalStateException("Unexpected oplog operation " + operation);
		}
		return change.append("operationType", switch (operation) {
			case INSERT -> "insert";
			case UPDATE -> "update";
			default -> "delete";
		})
			.append("fullDocument", fullDocument)
			.append("documentKey", key)
			.append("clusterTime", ts)
			.append("wallTime", entry.get("wall"));
	}

	/** The current document by its {@code _id} (an index lookup, not a scan). */
	private Document lookUp(String namespace, Document key) {
		int dot = namespace.indexOf('.');
		MongoCollection<?> source = this.backend.resolveDatabase(namespace.substring(0, dot))
			.resolveCollection(namespace.substring(dot + 1), false);
		if (source == null) {
			return null;
		}
		for (Document document : source.handleQuery(key, 0, 1)) {
			return document;
		}
		return null;
	}

	private static Document delta(Document update) {
		Document delta = new Document();
		if (update.get("$set") instanceof Document set) {
			delta.appendAll(set);
		}
		if (update.get("$unset") instanceof Document unset) {
			delta.appendAll(unset);
		}
		return delta;
	}

	/**
	 * A change stream's cursor. Each batch starts after the last entry the previous one
	 * looked at, whether or not that entry concerned this stream, so that an idle stream
	 * does not read the other collections' entries again on every poll.
	 */
	private final class ChangeCursor extends AbstractCursor {

		private final String namespace;

		private final String commands;

		private final Aggregation aggregation;

		private final boolean updateLookup;

		private long after;

		private boolean inclusive;

		ChangeCursor(long id, String namespace, Aggregation aggregation, boolean updateLookup, long after,
				boolean inclusive) {
			super(id);
			this.namespace = namespace;
			this.commands = namespace.substring(0, namespace.indexOf('.')) + ".$cmd";
			this.aggregation = aggregation;
			this.updateLookup = updateLookup;
			this.after = after;
			this.inclusive = inclusive;
		}

		@Override
		public boolean isEmpty() {
			return false;
		}

		@Override
		public synchronized List<Document> takeDocuments(int numberToReturn) {
			List<Document> batch = new ArrayList<>();
			for (Map.Entry<Long, Document> entry : IndexedOplog.this.entries.tailMap(this.after, this.inclusive)
				.entrySet()) {
				if (numberToReturn > 0 && batch.size() >= numberToReturn) {
					break;
				}
				this.after = entry.getKey();
				this.inclusive = false;
				Object entryNamespace = entry.getValue().get(NS);
				if (this.namespace.equals(entryNamespace) || this.commands.equals(entryNamespace)) {
					// Stage by stage per change: change-stream pipelines only filter and
					// reshape.
					this.aggregation.runStagesAsStream(Stream.of(toChange(entry.getValue(), this.updateLookup)))
						.forEach(batch::add);
				}
			}
			return batch;
		}

	}

	/**
	 * A filter that selects by {@code ts} alone: {@code {}}, {@code {ts: t}} or
	 * {@code {ts: {$gt|$gte|$lt|$lte: t, ...}}}.
	 */
	private record TsRange(Long from, boolean fromInclusive, Long to, boolean toInclusive) {

		static TsRange of(Object filter) {
			if (!(filter instanceof Document selector)) {
				return (filter == null) ? new TsRange(null, false, null, false) : null;
			}
			if (selector.isEmpty()) {
				return new TsRange(null, false, null, false);
			}
			if (selector.size() != 1 || !selector.containsKey(TS)) {
				return null;
			}
			if (selector.get(TS) instanceof BsonTimestamp ts) {
				return new TsRange(ts.getValue(), true, ts.getValue(), true);
			}
			if (!(selector.get(TS) instanceof Document conditions) || conditions.isEmpty()) {
				return null;
			}
			TsRange range = new TsRange(null, false, null, false);
			for (Map.Entry<String, Object> condition : conditions.entrySet()) {
				if (!(condition.getValue() instanceof BsonTimestamp ts)) {
					return null;
				}
				long bound = ts.getValue();
				range = switch (condition.getKey()) {
					case "$gt" -> range.from(bound, false);
					case "$gte" -> range.from(bound, true);
					case "$lt" -> range.to(bound, false);
					case "$lte" -> range.to(bound, true);
					default -> null;
				};
				if (range == null) {
					return null;
				}
			}
			return range;
		}

		private TsRange from(long bound, boolean inclusive) {
			return (this.from == null || Long.compareUnsigned(bound, this.from) > 0
					|| (bound == this.from && !inclusive)) ? new TsRange(bound, inclusive, this.to, this.toInclusive)
							: this;
		}

		private TsRange to(long bound, boolean inclusive) {
			return (this.to == null || Long.compareUnsigned(bound, this.to) < 0 || (bound == this.to && !inclusive))
					? new TsRange(this.from, this.fromInclusive, bound, inclusive) : this;
		}

		NavigableMap<Long, Document> select(ConcurrentSkipListMap<Long, Document> entries, boolean descending) {
			NavigableMap<Long, Document> selected;
			if (this.from != null && this.to != null) {
				int order = Long.compareUnsigned(this.from, this.to);
				if (order > 0 || (order == 0 && !(this.fromInclusive && this.toInclusive))) {
					return Collections.emptyNavigableMap();
				}
				selected = entries.subMap(this.from, this.fromInclusive, this.to, this.toInclusive);
			}
			else if (this.from != null) {
				selected = entries.tailMap(this.from, this.fromInclusive);
			}
			else if (this.to != null) {
				selected = entries.headMap(this.to, this.toInclusive);
			}
			else {
				selected = entries;
			}
			return descending ? selected.descendingMap() : selected;
		}

	}

	/** The single event of a stream resumed after its collection was dropped. */
	private static final class InvalidateCursor extends AbstractCursor {

		private final long position;

		InvalidateCursor(long position) {
			super(0);
			this.position = position;
		}

		@Override
		public boolean isEmpty() {
			return false;
		}

		@Override
		public List<Document> takeDocuments(int numberToReturn) {
			return List.of(new Document(ID, token(this.position)).append("operationType", "invalidate"));
		}

	}

}

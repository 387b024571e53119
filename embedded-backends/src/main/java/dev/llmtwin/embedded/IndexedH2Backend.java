package dev.llmtwin.embedded;

import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import org.h2.mvstore.MVMap;

/**
 * The H2 file backend with an {@link IndexedOplog} and queries by id read from the id
 * index ({@link IdLookup}).
 */
final class IndexedH2Backend extends H2Backend {

	IndexedH2Backend(Path file) {
		super(file.toString());
	}

	@Override
	protected Oplog createOplog() {
		return IndexedOplog.of(this, getCursorRegistry());
	}

	@Override
	public Document handleMessage(MongoMessage message) {
		Document answer = IndexedOplog.answer(this.oplog, message);
		return (answer != null) ? answer : super.handleMessage(message);
	}

	@Override
	protected MongoDatabase openOrCreateDatabase(String databaseName) {
		return new IdIndexedDatabase(databaseName, getCursorRegistry());
	}

	/**
	 * Inner, not nested: H2Database's constructor opens the stored collections before a
	 * field of a subclass is set, and the store comes from the backend.
	 */
	private final class IdIndexedDatabase extends H2Database {

		IdIndexedDatabase(String name, CursorRegistry cursors) {
			super(name, getMvStore(), cursors);
		}

		/** The maps H2Database opens for a collection, under the names it gives them. */
		@Override
		protected MongoCollection<Object> openOrCreateCollection(String name, CollectionOptions options) {
			String namespace = getFullCollectionNamespace(name);
			MVMap<Object, Document> data = getMvStore().openMap("databases." + namespace);
			MVMap<String, Object> meta = getMvStore().openMap("meta." + namespace);
			return new IdIndexedCollection(this, name, options, data, meta, this.cursorRegistry);
		}

	}

	private static final class IdIndexedCollection extends H2Collection {

		IdIndexedCollection(MongoDatabase database, String name, CollectionOptions options,
				MVMap<Object, Document> data, MVMap<String, Object> meta, CursorRegistry cursors) {
			super(database, name, options, data, meta, cursors);
		}

		@Override
		protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
				Document projection) {
			Iterable<Object> byId = IdLookup.positions(this, query);
			return (byId != null) ? matchDocuments(query, byId, orderBy, skip, limit, batchSize, projection)
					: super.queryDocuments(query, orderBy, skip, limit, batchSize, projection);
		}

	}

}

package dev.llmtwin.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import de.bwaldvogel.mongo.wire.message.MongoMessage;

/**
 * The in-memory backend with an {@link IndexedOplog} and queries by id read from the id
 * index ({@link IdLookup}).
 */
final class IndexedMemoryBackend extends MemoryBackend {

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
	public MemoryDatabase openOrCreateDatabase(String databaseName) {
		return new IdIndexedDatabase(databaseName, getCursorRegistry());
	}

	private static final class IdIndexedDatabase extends MemoryDatabase {

		IdIndexedDatabase(String name, CursorRegistry cursors) {
			super(name, cursors);
		}

		@Override
		protected MemoryCollection openOrCreateCollection(String name, CollectionOptions options) {
			return new IdIndexedCollection(this, name, options, this.cursorRegistry);
		}

	}

	private static final class IdIndexedCollection extends MemoryCollection {

		IdIndexedCollection(MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
			super(database, name, options, cursors);
		}

		@Override
		protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
				Document projection) {
			Iterable<Integer> byId = IdLookup.positions(this, query);
			return (byId != null) ? matchDocuments(query, byId, orderBy, skip, limit, batchSize, projection)
					: super.queryDocuments(query, orderBy, skip, limit, batchSize, projection);
		}

	}

}

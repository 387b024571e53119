package dev.llmtwin.cdc.history;

import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonTimestamp;

import dev.llmtwin.cdc.offset.StreamPosition;

/**
 * A replica set or sharded cluster: it keeps and trims its oplog itself and fails a
 * resume whose history is gone (ChangeStreamHistoryLost), so the streams record nothing
 * while idle and need not check their position.
 */
final class ReplicaSetChangeHistory implements ChangeHistory {

	private final MongoClient client;

	private final MongoDatabase database;

	ReplicaSetChangeHistory(MongoClient client, MongoDatabase database) {
		this.client = client;
		this.database = database;
	}

	@Override
	public BsonTimestamp currentPosition() {
		try (ClientSession session = this.client.startSession()) {
			BsonDocument hello = this.database.runCommand(session, new BsonDocument("hello", new BsonInt32(1)),
					BsonDocument.class);
			if (session.getOperationTime() != null) {
				return session.getOperationTime();
			}
			if (hello.isTimestamp("operationTime")) {
				return hello.getTimestamp("operationTime");
			}
			throw new IllegalStateException("MongoDB reported no operation time; change streams need a replica set");
		}
	}

	@Override
	public boolean retains(StreamPosition position) {
		return true;
	}

	@Override
	public CaughtUpMarker caughtUpMarker() {
		return CaughtUpMarker.NONE;
	}

}

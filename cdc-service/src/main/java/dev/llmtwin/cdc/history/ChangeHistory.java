package dev.llmtwin.cdc.history;

import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import dev.llmtwin.cdc.CdcProperties;

/**
 * MongoDB's change history as far as the streams need it: the current position (taken
 * before a snapshot), whether a stored position is still in the history, and which server
 * this is. On the embedded server the history is the client-visible
 * {@code local.oplog.rs}, whose {@code ts} the resume tokens encode; a real replica set
 * reports lost history itself.
 */
@Component
public class ChangeHistory {

	private static final Logger log = LoggerFactory.getLogger(ChangeHistory.class);

	private final MongoClient client;

	private final MongoTemplate mongo;

	private volatile Boolean embedded;

	ChangeHistory(MongoClient client, MongoTemplate mongo, CdcProperties properties) {
		this.client = client;
		this.mongo = mongo;
		this.embedded = properties.embeddedServer();
	}

	/**
	 * Whether MongoDB is the embedded mongo-java-server: its {@code isMaster} names no
	 * replica set (a real standalone server has no change streams at all). Asking with
	 * {@code hello} would do too, but the embedded server logs every unknown command as
	 * an error.
	 */
	public boolean embedded() {
		Boolean known = this.embedded;
		if (known == null) {
			BsonDocument isMaster = this.client.getDatabase("admin")
				.runCommand(new BsonDocument("isMaster", new BsonInt32(1)), BsonDocument.class);
			known = !isMaster.containsKey("setName") && !isMaster.containsKey("msg");
			log.info("MongoDB is {}", known ? "the embedded server: its oplog is checked and trimmed by this service"
					: "a replica set or cluster");
			this.embedded = known;
		}
		return known;
	}

	/**
	 * The newest position in the history now; a stream started at it misses nothing
	 * written after this call.
	 */
	public BsonTimestamp currentPosition() {
		if (embedded()) {
			BsonDocument newest = oplog().find()
				.projection(Projections.include("ts"))
				.sort(Sorts.descending("ts"))
				.limit(1)
				.first();
			return (newest != null) ? newest.getTimestamp("ts") : new BsonTimestamp(0, 0);
		}
		try (ClientSession session = this.client.startSession()) {
			BsonDocument hello = this.mongo.getDb()
				.runCommand(session, new BsonDocument("hello", new BsonInt32(1)), BsonDocument.class);
			if (session.getOperationTime() != null) {
				return session.getOperationTime();
			}
			if (hello.isTimestamp("operationTime")) {
				return hello.getTimestamp("operationTime");
			}
			throw new IllegalStateException("MongoDB reported no operation time; change streams need a replica set");
		}
	}

	/** A position for people: {@code seconds.increment}. */
	public static String describe(BsonTimestamp position) {
		return Integer.toUnsignedString(position.getTime()) + "." + position.getInc();
	}

	/**
	 * Whether the history still holds everything after {@code position}. The embedded
	 * server does not fail on a trimmed position but silently starts at the oldest entry
	 * left, so an entry at or before the position must still exist.
	 */
	public boolean retains(BsonTimestamp position) {
		if (!embedded()) {
			return true;
		}
		return oplog().find(Filters.lte("ts", position)).projection(Projections.include("_id")).first() != null;
	}

	/**
	 * The position of an embedded server's resume token ({@code _data} is the hex of the
	 * entry's {@code ts}).
	 */
	public static BsonTimestamp tokenPosition(BsonDocument token) {
		return new BsonTimestamp(Long.parseUnsignedLong(token.getString("_data").getValue(), 16));
	}

	MongoCollection<BsonDocument> oplog() {
		return this.client.getDatabase("local").getCollection("oplog.rs", BsonDocument.class);
	}

}

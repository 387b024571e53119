package dev.llmtwin.cdc;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.BsonDocument;

import org.springframework.data.mongodb.core.MongoTemplate;

import dev.llmtwin.embedded.EmbeddedMongoServer;
import dev.llmtwin.model.RawCollections;

/**
 * An in-memory embedded MongoDB server with a client, for tests of one store or lease.
 */
public final class EmbeddedMongo implements AutoCloseable {

	private final EmbeddedMongoServer server = EmbeddedMongoServer.inMemory();

	private final MongoClient client = MongoClients.create(this.server.connectionString());

	public MongoTemplate template() {
		return new MongoTemplate(this.client, RawCollections.DATABASE);
	}

	public MongoCollection<BsonDocument> collection(String name) {
		return this.client.getDatabase(RawCollections.DATABASE).getCollection(name, BsonDocument.class);
	}

	public MongoCollection<BsonDocument> oplog() {
		return this.client.getDatabase("local").getCollection("oplog.rs", BsonDocument.class);
	}

	@Override
	public void close() {
		this.client.close();
		this.server.close();
	}

}

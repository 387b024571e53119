package dev.llmtwin.cdc.history;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

import dev.llmtwin.cdc.CdcProperties;
import dev.llmtwin.cdc.offset.ResumeTokenStore;

/**
 * Chooses the change history once, at start-up, from the server MongoDB turns out to be.
 */
@Configuration(proxyBeanMethods = false)
class ChangeHistoryConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ChangeHistoryConfiguration.class);

	@Bean
	ChangeHistory changeHistory(MongoClient client, MongoTemplate mongo, ResumeTokenStore offsets,
			CdcProperties properties) {
		boolean embedded = (properties.embeddedServer() != null) ? properties.embeddedServer() : isEmbedded(client);
		if (!embedded) {
			log.info("MongoDB is a replica set or cluster");
			return new ReplicaSetChangeHistory(client, mongo.getDb());
		}
		log.info("MongoDB is the embedded server: its oplog is checked and trimmed by this service");
		MongoCollection<BsonDocument> oplog = client.getDatabase("local").getCollection("oplog.rs", BsonDocument.class);
		return new EmbeddedOplogHistory(oplog, properties.oplogTrim().interval(),
				new OplogTrimmer(oplog, offsets, properties));
	}

	/**
	 * The embedded mongo-java-server's {@code isMaster} names no replica set (a real
	 * standalone server has no change streams at all). Asking with {@code hello} would do
	 * too, but the embedded server logs every unknown command as an error.
	 */
	private static boolean isEmbedded(MongoClient client) {
		BsonDocument isMaster = client.getDatabase("admin")
			.runCommand(new BsonDocument("isMaster", new BsonInt32(1)), BsonDocument.class);
		return !isMaster.containsKey("setName") && !isMaster.containsKey("msg");
	}

}

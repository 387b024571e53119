package dev.llmtwin.cdc.lease;

import java.util.UUID;

import org.bson.BsonDocument;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import dev.llmtwin.cdc.CdcProperties;

/** Makes the leases of this instance's streams in {@code cdc_leases}. */
@Component
public class StreamLeases {

	static final String COLLECTION = "cdc_leases";

	private final MongoTemplate mongo;

	private final CdcProperties.Lease settings;

	private final String owner;

	StreamLeases(MongoTemplate mongo, CdcProperties properties) {
		this.mongo = mongo;
		this.settings = properties.lease();
		this.owner = (this.settings.owner() != null) ? this.settings.owner() : "cdc-" + UUID.randomUUID();
	}

	public StreamLease forStream(String stream) {
		return new StreamLease(this.mongo.getCollection(COLLECTION).withDocumentClass(BsonDocument.class), stream,
				this.owner, this.settings.ttl(), this.settings.renewInterval());
	}

}

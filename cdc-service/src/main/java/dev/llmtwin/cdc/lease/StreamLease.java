package dev.llmtwin.cdc.lease;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonString;

/**
 * The lease that makes one instance the active publisher of a stream: a document in
 * {@code cdc_leases} ({@code _id} = stream, {@code owner}, {@code expiresAt}) taken and
 * renewed with conditional single-document writes (the embedded server has no
 * transactions). A standby takes it over once it expired.
 */
public final class StreamLease {

	private final MongoCollection<BsonDocument> leases;

	private final String stream;

	private final String owner;

	private final Duration ttl;

	private final long renewIntervalNanos;

	private volatile boolean held;

	private long renewedAt;

	StreamLease(MongoCollection<BsonDocument> leases, String stream, String owner, Duration ttl,
			Duration renewInterval) {
		this.leases = leases;
		this.stream = stream;
		this.owner = owner;
		this.ttl = ttl;
		this.renewIntervalNanos = renewInterval.toNanos();
	}

	public String owner() {
		return this.owner;
	}

	public boolean held() {
		return this.held;
	}

	/** Takes the lease if it is free, expired or already ours; true when held. */
	public boolean acquire() {
		Instant now = Instant.now();
		BsonDateTime expiresAt = new BsonDateTime(now.plus(this.ttl).toEpochMilli());
		UpdateResult result = this.leases.updateOne(
				Filters.and(Filters.eq("_id", this.stream),
						Filters.or(Filters.eq("owner", this.owner),
								Filters.lt("expiresAt", new Date(now.toEpochMilli())))),
				Updates.combine(Updates.set("owner", this.owner), Updates.set("expiresAt", expiresAt)));
		if (result.getMatchedCount() == 1) {
			return renewed();
		}
		try {
			this.leases.insertOne(
					new BsonDocument("_id", new BsonString(this.stream)).append("owner", new BsonString(this.owner))
						.append("expiresAt", expiresAt));
			return renewed();
		}
		catch (MongoWriteException ex) {
			if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
				throw ex;
			}
			// another instance holds it
		}
		this.held = false;
		return false;
	}

	/**
	 * Renews the lease when the renew interval has passed.
	 * @throws LeaseLostException when another instance has taken it meanwhile
	 */
	public void renewIfDue() {
		if (System.nanoTime() - this.renewedAt >= this.renewIntervalNanos && !acquire()) {
			throw new LeaseLostException("Another instance took over the lease of " + this.stream);
		}
	}

	/** Gives the lease up, so that a standby takes over at once. */
	public void release() {
		if (this.held) {
			this.held = false;
			this.leases.deleteOne(Filters.and(Filters.eq("_id", this.stream), Filters.eq("owner", this.owner)));
		}
	}

	private boolean renewed() {
		this.renewedAt = System.nanoTime();
		this.held = true;
		return true;
	}

}

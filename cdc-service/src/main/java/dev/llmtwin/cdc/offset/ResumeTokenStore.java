package dev.llmtwin.cdc.offset;

import java.util.Optional;

import org.bson.BsonDocument;

import dev.llmtwin.model.ClusterTime;

/** Keeps each change stream's position across restarts. */
public interface ResumeTokenStore {

	/** The stored position of a collection's stream; empty: start from now. */
	Optional<StreamOffset> load(String collection);

	/**
	 * Records that the change at {@code resumeToken} was published and confirmed: the
	 * stream resumes after it and the published count grows by one.
	 */
	void confirmed(String collection, BsonDocument resumeToken, ClusterTime clusterTime);

}

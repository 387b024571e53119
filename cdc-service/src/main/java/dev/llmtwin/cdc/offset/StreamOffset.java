package dev.llmtwin.cdc.offset;

import java.time.Instant;

import org.bson.BsonDocument;

import dev.llmtwin.model.ClusterTime;

/**
 * Where a collection's change stream resumes: the token of the last change the broker
 * confirmed, its cluster time and how many changes were published so far.
 */
public record StreamOffset(String collection, BsonDocument resumeToken, ClusterTime clusterTime, long published,
		Instant updatedAt) {
}

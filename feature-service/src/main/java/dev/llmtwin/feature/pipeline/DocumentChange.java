package dev.llmtwin.feature.pipeline;

import dev.llmtwin.feature.FeatureType;
import dev.llmtwin.model.ClusterTime;

/**
 * What a raw change means for the features of one document.
 *
 * @param collection the raw collection
 * @param documentId the raw document's id
 * @param type the feature type of the collection
 * @param clusterTime the change's position in MongoDB's history
 * @param source the document's text after the change; {@code null} for a delete
 */
public record DocumentChange(String collection, String documentId, FeatureType type, ClusterTime clusterTime,
		SourceText source) {

	public static DocumentChange upsert(String collection, SourceText source, ClusterTime clusterTime) {
		return new DocumentChange(collection, source.documentId(), source.type(), clusterTime, source);
	}

	public static DocumentChange delete(String collection, String documentId, FeatureType type,
			ClusterTime clusterTime) {
		return new DocumentChange(collection, documentId, type, clusterTime, null);
	}

	public boolean isDelete() {
		return this.source == null;
	}

}

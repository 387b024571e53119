package dev.llmtwin.embedded;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

import de.bwaldvogel.mongo.backend.AbstractMongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;

/**
 * Reads the document a query pins by {@code _id} from the {@code _id} index, whatever
 * else the query asks. mongo-java-server uses an index only when the query's fields are
 * exactly the index's, so {@code {_id: x, status: "queued"}} or an {@code $and} holding
 * {@code {_id: x}} scanned the whole collection: every conditional write by id (the
 * crawler's store of an article, a job's link update) cost the size of the collection.
 * The candidate is still matched against the whole query.
 */
final class IdLookup {

	private static final String ID = "_id";

	private IdLookup() {
	}

	/**
	 * @return the positions of the one document the query can match, or null when the
	 * query pins no id beside other conditions (the server's own planning then applies)
	 */
	static <P> Iterable<P> positions(AbstractMongoCollection<P> collection, Document query) {
		if (query.size() == 1 && query.containsKey(ID)) {
			return null;
		}
		Object id = pinnedId(query);
		if (id == null) {
			return null;
		}
		for (Index<P> index : collection.getIndexes()) {
			if (isIdIndex(index)) {
				return index.getPositions(new Document(ID, id));
			}
		}
		return null;
	}

	/** The id a query requires, at its top or in a top-level {@code $and}. */
	private static Object pinnedId(Document query) {
		Object id = query.get(ID);
		if (isComparedByEquality(id)) {
			return id;
		}
		if (query.get("$and") instanceof List<?> conditions) {
			for (Object condition : conditions) {
				if (condition instanceof Document document) {
					Object pinned = pinnedId(document);
					if (pinned != null) {
						return pinned;
					}
				}
			}
		}
		return null;
	}

	/**
	 * A value the id must equal: not an operator document or an embedded document, an
	 * array (which also matches by element) or a pattern.
	 */
	private static boolean isComparedByEquality(Object value) {
		return value != null && !(value instanceof Document) && !(value instanceof Collection)
				&& !(value instanceof BsonRegularExpression) && !(value instanceof Pattern);
	}

	private static boolean isIdIndex(Index<?> index) {
		List<IndexKey> keys = index.getKeys();
		return index.isUnique() && keys.size() == 1 && ID.equals(keys.get(0).getKey());
	}

}

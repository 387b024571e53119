package dev.llmtwin.crawler.source.linkedin;

import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.llmtwin.model.PostDocument;
import dev.llmtwin.model.RawCollections;

/**
 * Writes posts, and only what changed: every write becomes a change event downstream, so
 * a post stored with the same content hash is left alone.
 */
@Component
class PostStore {

	private final MongoTemplate mongo;

	PostStore(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/**
	 * Stores the post unless it is stored with the same content hash for the same author
	 * (a post crawled for another author moves to them, as an article does).
	 * @return whether it was written
	 */
	boolean save(PostDocument post) {
		Query query = Query.query(Criteria.where("_id").is(post.id()));
		query.fields().include("contentHash", "authorId");
		Document stored = this.mongo.findOne(query, Document.class, RawCollections.POSTS);
		if (stored != null && post.contentHash().equals(stored.getString("contentHash"))
				&& post.authorId().equals(stored.getString("authorId"))) {
			return false;
		}
		Document document = new Document();
		this.mongo.getConverter().write(post, document);
		document.remove("_class");
		this.mongo.save(document, RawCollections.POSTS);
		return true;
	}

}

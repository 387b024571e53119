package dev.llmtwin.crawler.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.bson.conversions.Bson;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.llmtwin.model.ArticleDocument;
import dev.llmtwin.model.RawCollections;
import dev.llmtwin.model.UserDocument;

/**
 * Writes crawled documents to the raw collections, and only what changed: every write
 * becomes a change event downstream (re-chunking, re-embedding), so an unchanged re-crawl
 * writes nothing.
 */
@Component
public class RawDocumentStore {

	private final MongoTemplate mongo;

	private final Set<String> storedUsers = ConcurrentHashMap.newKeySet();

	RawDocumentStore(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/**
	 * Inserts the author unless it is already stored. Authors known to be stored are
	 * remembered, so that a crawl of one more of their links asks MongoDB nothing:
	 * authors are never deleted, and they are few.
	 */
	public void ensureUser(UserDocument user) {
		if (this.storedUsers.contains(user.id())) {
			return;
		}
		if (!this.mongo.exists(byId(user.id()), RawCollections.USERS)) {
			try {
				this.mongo.insert(toDocument(user), RawCollections.USERS);
			}
			catch (DuplicateKeyException ex) {
				// Another worker stored the same author in the meantime: just as good.
			}
		}
		this.storedUsers.add(user.id());
	}

	/**
	 * Stores the article unless it is stored with the same content hash for the same
	 * author. A link belongs to the author of its latest crawl: crawled for another
	 * author, the article moves to them (a write, which the vector store follows).
	 * @return whether it was written
	 * @throws org.springframework.dao.DataAccessException when it cannot be written
	 * (MongoDB unreachable), as every other call of the store throws it
	 */
	public boolean saveArticle(ArticleDocument article) {
		// One round trip: the replacement matches only a stored version that differs;
		// the same version makes the upsert's insert collide with its own id.
		Bson differs = Filters.and(Filters.eq("_id", article.id()), Filters
			.or(Filters.ne("contentHash", article.contentHash()), Filters.ne("authorId", article.authorId())));
		try {
			this.mongo.getCollection(RawCollections.ARTICLES)
				.replaceOne(differs, toDocument(article), new ReplaceOptions().upsert(true));
			return true;
		}
		catch (MongoWriteException ex) {
			if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
				throw translated(ex);
			}
			return false;
		}
		catch (MongoException ex) {
			throw translated(ex);
		}
	}

	/** The driver's exception as Spring's {@code MongoTemplate} would have thrown it. */
	private RuntimeException translated(MongoException ex) {
		RuntimeException translated = this.mongo.getExceptionTranslator().translateExceptionIfPossible(ex);
		return (translated != null) ? translated : ex;
	}

	/** The author as stored. */
	public Optional<UserDocument> findUser(String id) {
		return Optional.ofNullable(this.mongo.findById(id, Document.class, RawCollections.USERS))
			.map((user) -> new UserDocument(id, user.getString("firstName"), user.getString("lastName"), Map.of()));
	}

	/** The links of every stored article, by author, in link order. */
	public Map<String, List<String>> articleLinksByAuthor() {
		Query query = new Query().with(Sort.by("authorId", "link"));
		query.fields().include("authorId", "link");
		Map<String, List<String>> links = new LinkedHashMap<>();
		for (Document article : this.mongo.find(query, Document.class, RawCollections.ARTICLES)) {
			String authorId = article.getString("authorId");
			if (authorId != null && article.getString("link") != null) {
				links.computeIfAbsent(authorId, (key) -> new ArrayList<>()).add(article.getString("link"));
			}
		}
		return links;
	}

	private static Query byId(String id) {
		return Query.query(Criteria.where("_id").is(id));
	}

	/**
	 * The document as other services read it: the record's fields only, without Spring
	 * Data's {@code _class} type hint.
	 */
	private Document toDocument(Object record) {
		Document document = new Document();
		this.mongo.getConverter().write(record, document);
		document.remove("_class");
		return document;
	}

}

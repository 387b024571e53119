package dev.llmtwin.crawler.source.github;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.llmtwin.model.RawCollections;
import dev.llmtwin.model.RepositoryDocument;
import dev.llmtwin.model.RepositoryFileDocument;

/**
 * Writes repositories and their files, and only what changed: every write or delete
 * becomes a change event downstream (re-chunking, re-embedding), so an unchanged file is
 * left alone and an unchanged repository writes nothing.
 */
@Component
class RepositoryStore {

	private final MongoTemplate mongo;

	RepositoryStore(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/**
	 * Every stored file of the repository, by path, with what decides whether a crawl
	 * rewrites it: its content hash and its author (the repository moves to the author of
	 * its latest crawl).
	 */
	Map<String, StoredFile> storedFiles(String repositoryId) {
		Query query = Query.query(Criteria.where("repositoryId").is(repositoryId));
		query.fields().include("path", "contentHash", "authorId");
		Map<String, StoredFile> files = new HashMap<>();
		this.mongo.find(query, Document.class, RawCollections.REPOSITORY_FILES)
			.forEach((file) -> files.put(file.getString("path"),
					new StoredFile(file.getString("contentHash"), file.getString("authorId"))));
		return files;
	}

	record StoredFile(String contentHash, String authorId) {

		boolean isSame(String hash, String author) {
			return hash.equals(this.contentHash) && author.equals(this.authorId);
		}

	}

	void saveFile(RepositoryFileDocument file) {
		this.mongo.save(toDocument(file), RawCollections.REPOSITORY_FILES);
	}

	/** Deletes the stored files of the repository at the given paths. */
	void deleteFiles(String repositoryId, Set<String> paths) {
		if (!paths.isEmpty()) {
			this.mongo.remove(Query.query(Criteria.where("repositoryId").is(repositoryId).and("path").in(paths)),
					RawCollections.REPOSITORY_FILES);
		}
	}

	/**
	 * Stores the repository unless it is stored with the same name, link, author, commit
	 * and file count.
	 * @return whether it was written
	 */
	boolean saveRepository(RepositoryDocument repository) {
		Document stored = this.mongo.findById(repository.id(), Document.class, RawCollections.REPOSITORIES);
		if (stored != null && Objects.equals(stored.getString("commit"), repository.commit())
				&& Objects.equals(stored.getInteger("fileCount"), repository.fileCount())
				&& Objects.equals(stored.getString("name"), repository.name())
				&& Objects.equals(stored.getString("link"), repository.link())
				&& Objects.equals(stored.getString("authorId"), repository.authorId())) {
			return false;
		}
		this.mongo.save(toDocument(repository), RawCollections.REPOSITORIES);
		return true;
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

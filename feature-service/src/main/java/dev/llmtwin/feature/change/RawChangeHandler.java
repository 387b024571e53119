package dev.llmtwin.feature.change;

import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import org.springframework.stereotype.Component;

import dev.llmtwin.feature.FeatureType;
import dev.llmtwin.feature.pipeline.DocumentChange;
import dev.llmtwin.feature.pipeline.SourceText;
import dev.llmtwin.model.ArticleDocument;
import dev.llmtwin.model.ChangeEvent;
import dev.llmtwin.model.Operation;
import dev.llmtwin.model.PostDocument;
import dev.llmtwin.model.RawCollections;
import dev.llmtwin.model.RepositoryFileDocument;
import dev.llmtwin.model.TwinJson;

/** Turns a raw change into the change of one document's features. */
@Component
class RawChangeHandler {

	private static final Logger log = LoggerFactory.getLogger(RawChangeHandler.class);

	/** Collections without text of their own: their changes are acknowledged. */
	private static final Set<String> WITHOUT_TEXT = Set.of(RawCollections.USERS, RawCollections.REPOSITORIES);

	private final ChangeProperties properties;

	RawChangeHandler(ChangeProperties properties) {
		this.properties = properties;
	}

	/**
	 * The document change, or empty when the change means nothing for the features.
	 * @throws UnprocessableChangeException when the change can never be applied
	 */
	Optional<DocumentChange> toDocumentChange(ChangeEvent event) {
		FeatureType type = this.properties.collections().get(event.collection());
		if (type == null) {
			if (WITHOUT_TEXT.contains(event.collection())) {
				return Optional.empty();
			}
			throw new UnprocessableChangeException("Unknown collection '" + event.collection() + "'");
		}
		if (event.clusterTime() == null) {
			throw new UnprocessableChangeException("The " + event.operation().wireName() + " of " + event.collection()
					+ " " + event.documentId() + " carries no cluster time");
		}
		if (event.operation() == Operation.DELETE) {
			return Optional
				.of(DocumentChange.delete(event.collection(), event.documentId(), type, event.clusterTime()));
		}
		if (event.document() == null) {
			if (event.operation() == Operation.UPDATE) {
				// The document was deleted before the update was read; its delete
				// follows.
				log.info("Ignoring the update of {} {}: it carries no document", event.collection(),
						event.documentId());
				return Optional.empty();
			}
			throw new UnprocessableChangeException("The " + event.operation().wireName() + " of " + event.collection()
					+ " " + event.documentId() + " carries no document");
		}
		return Optional.of(DocumentChange.upsert(event.collection(), toSource(event, type), event.clusterTime()));
	}

	private static SourceText toSource(ChangeEvent event, FeatureType type) {
		String id = event.documentId();
		return switch (type) {
			case ARTICLE -> {
				ArticleDocument article = map(event, ArticleDocument.class);
				yield new SourceText(id, type, article.platform(), article.authorId(), article.link(), article.title(),
						article.content(), article.contentHash(), article.crawledAt());
			}
			case POST -> {
				PostDocument post = map(event, PostDocument.class);
				yield new SourceText(id, type, post.platform(), post.authorId(), post.link(), null, post.content(),
						post.contentHash(), post.crawledAt());
			}
			case CODE -> {
				RepositoryFileDocument file = map(event, RepositoryFileDocument.class);
				yield new SourceText(id, type, file.platform(), file.authorId(), file.link(), file.path(),
						file.content(), file.contentHash(), file.crawledAt());
			}
		};
	}

	private static <T> T map(ChangeEvent event, Class<T> type) {
		try {
			return TwinJson.mapper().convertValue(event.document(), type);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new UnprocessableChangeException("The document of " + event.collection() + " " + event.documentId()
					+ " is not a valid " + type.getSimpleName() + ": " + ex.getMessage(), ex);
		}
	}

}

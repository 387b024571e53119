package dev.llmtwin.feature.change;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import org.springframework.stereotype.Component;

import dev.llmtwin.feature.FeatureType;
import dev.llmtwin.feature.pipeline.FeaturePipeline;
import dev.llmtwin.feature.pipeline.SourceText;
import dev.llmtwin.model.ArticleDocument;
import dev.llmtwin.model.ChangeEvent;
import dev.llmtwin.model.Operation;
import dev.llmtwin.model.RawCollections;
import dev.llmtwin.model.TwinJson;

/** Routes a raw change by collection to the feature pipeline. */
@Component
class RawChangeHandler {

	private static final Logger logger = LoggerFactory.getLogger(RawChangeHandler.class);

	private final FeaturePipeline pipeline;

	RawChangeHandler(FeaturePipeline pipeline) {
		this.pipeline = pipeline;
	}

	/**
	 * Applies the change; returns once the vector store holds the result.
	 * @throws UnprocessableChangeException when the change can never be applied
	 */
	void handle(ChangeEvent event) {
		switch (event.collection()) {
			case RawCollections.ARTICLES -> handleArticle(event);
			case RawCollections.USERS, RawCollections.POSTS, RawCollections.REPOSITORIES,
					RawCollections.REPOSITORY_FILES ->
				logger.debug("Not processed yet: {} of {} {}", event.operation().wireName(), event.collection(),
						event.documentId());
			default -> throw new UnprocessableChangeException("Unknown collection '" + event.collection() + "'");
		}
	}

	private void handleArticle(ChangeEvent event) {
		if (event.operation() == Operation.DELETE) {
			this.pipeline.remove(event.documentId());
			return;
		}
		ArticleDocument article = mapDocument(event, ArticleDocument.class);
		this.pipeline.ingest(new SourceText(event.documentId(), FeatureType.ARTICLE, article.platform(),
				article.authorId(), article.link(), article.content(), article.contentHash(), article.crawledAt()));
	}

	private static <T> T mapDocument(ChangeEvent event, Class<T> type) {
		if (event.document() == null) {
			throw new UnprocessableChangeException("The " + event.operation().wireName() + " of " + event.collection()
					+ " " + event.documentId() + " carries no document");
		}
		try {
			return TwinJson.mapper().convertValue(event.document(), type);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new UnprocessableChangeException("The document of " + event.collection() + " " + event.documentId()
					+ " is not a valid " + type.getSimpleName() + ": " + ex.getMessage(), ex);
		}
	}

}

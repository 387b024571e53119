package dev.llmtwin.feature.clean;

import jakarta.validation.Valid;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.llmtwin.feature.FeatureType;

/**
 * Cleaning settings per feature type.
 *
 * @param article redaction in articles
 * @param post redaction in posts
 * @param code redaction in code
 */
@Validated
@ConfigurationProperties("feature.cleaning")
public record CleaningProperties(@Valid @DefaultValue Redaction article, @Valid @DefaultValue Redaction post,
		@Valid @DefaultValue Redaction code) {

	public Redaction of(FeatureType type) {
		return switch (type) {
			case ARTICLE -> this.article;
			case POST -> this.post;
			case CODE -> this.code;
		};
	}

	/**
	 * Which personal data is replaced by a placeholder before anything is stored.
	 *
	 * @param emails replace e-mail addresses with {@code [EMAIL]}
	 * @param phones replace phone numbers with {@code [PHONE]}
	 */
	public record Redaction(@DefaultValue("true") boolean emails, @DefaultValue("true") boolean phones) {

		public static final Redaction ALL = new Redaction(true, true);

	}

}

package dev.llmtwin.feature.quality;

import java.util.Map;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.llmtwin.feature.FeatureType;

/**
 * The quality gates a cleaned document passes before it is embedded.
 *
 * @param minWords per type, the fewest words a document is embedded with
 * ({@code feature.quality.min-words.article}, {@code .post}, {@code .code}); a shorter
 * one is held back
 * @param pageWords an article of at most this many words is checked for being a login
 * wall, a cookie or consent page or an error page rather than writing
 */
@Validated
@ConfigurationProperties("feature.quality")
public record QualityProperties(@DefaultValue Map<FeatureType, Integer> minWords,
		@DefaultValue("300") @Min(0) int pageWords) {

	private static final Map<FeatureType, Integer> DEFAULT_MIN_WORDS = Map.of(FeatureType.ARTICLE, 20, FeatureType.POST,
			3, FeatureType.CODE, 0);

	public QualityProperties {
		minWords = (minWords == null || minWords.isEmpty()) ? DEFAULT_MIN_WORDS : Map.copyOf(minWords);
	}

	int minWords(FeatureType type) {
		return this.minWords.getOrDefault(type, DEFAULT_MIN_WORDS.getOrDefault(type, 0));
	}

}

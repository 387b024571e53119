package dev.llmtwin.feature.quality;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import dev.llmtwin.feature.FeatureType;
import dev.llmtwin.feature.clean.Words;

/**
 * Decides whether a cleaned document is embedded or held back, and why. The pages it
 * recognises are short ones whose words are those of the page's furniture: a page of
 * writing may mention cookies or a login once in passing, a consent or login page says it
 * again and again, or says nothing else.
 */
@Component
public class QualityGate {

	/** A page's kind and the phrases that give it away. */
	private static final List<PageKind> PAGES = List.of(
			new PageKind("login-wall", "a login wall",
					"sign in to (continue|read|view)|log ?in to (continue|read|view)|"
							+ "create (a free |an )?account to (continue|read)|subscribe to (continue|keep) reading|"
							+ "this (content|article|story) is for (members|subscribers) only|"
							+ "(members|subscribers) get (unlimited|full) access|already (a member|a subscriber|"
							+ "have an account)|become a (member|subscriber) to"),
			new PageKind("consent-page", "a cookie or consent page",
					"we use cookies|accept (all )?cookies|cookie (settings|policy|"
							+ "preferences)|manage (your )?consent|your privacy choices|consent preferences"),
			new PageKind("error-page", "an error page",
					"page not found|404 not found|error 404|access denied|403 forbidden|"
							+ "something went wrong|this page (isn't|is not) available|enable javascript to|"
							+ "the page you (are|were) looking for"));

	/** A page of at most this many words gives itself away with a single phrase. */
	private static final int FEW_WORDS = 50;

	/** A longer one (up to {@code pageWords}) needs this many. */
	private static final int PHRASES = 2;

	private final QualityProperties properties;

	QualityGate(QualityProperties properties) {
		this.properties = properties;
	}

	/** Why the document is held back; empty when it is embedded. */
	public Optional<HeldBack> heldBack(String text, FeatureType type) {
		int words = Words.count(text);
		int minimum = this.properties.minWords(type);
		if (words < minimum) {
			return Optional.of(new HeldBack("too-short", "shorter than " + minimum + " words (" + words + ")"));
		}
		if (type != FeatureType.ARTICLE) {
			return Optional.empty();
		}
		if (words <= this.properties.pageWords()) {
			String lower = text.toLowerCase(Locale.ROOT);
			for (PageKind page : PAGES) {
				if (page.occurrences(lower) >= ((words <= FEW_WORDS) ? 1 : PHRASES)) {
					return Optional.of(new HeldBack(page.kind(), "not writing: " + page.name()));
				}
			}
		}
		return Optional.empty();
	}

	private record PageKind(String kind, String name, Pattern phrases) {

		PageKind(String kind, String name, String phrases) {
			this(kind, name, Pattern.compile(phrases));
		}

		long occurrences(String text) {
			return this.phrases.matcher(text).results().count();
		}

	}

	/**
	 * @param kind a short name for counting ({@code too-short}, {@code login-wall},
	 * {@code consent-page}, {@code error-page})
	 * @param reason the reason in words
	 */
	public record HeldBack(String kind, String reason) {
	}

}

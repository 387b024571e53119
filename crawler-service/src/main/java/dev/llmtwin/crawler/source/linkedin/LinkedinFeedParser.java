package dev.llmtwin.crawler.source.linkedin;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Reads posts out of a rendered LinkedIn feed (a profile's activity or a single post).
 * Each update is an element with a {@code data-urn} of an activity; its commentary holds
 * the text. Updates that only share someone else's post (a header such as "… reposted
 * this") and updates without text are left out.
 */
final class LinkedinFeedParser {

	/**
	 * The updates of a feed; nested updates (a shared post inside a post) are skipped.
	 */
	static final String UPDATE_SELECTOR = "[data-urn^='urn:li:activity:'], [data-urn^='urn:li:share:'], "
			+ "[data-urn^='urn:li:ugcPost:']";

	private static final String TEXT_SELECTOR = ".update-components-update-v2__commentary, .update-components-text, "
			+ ".feed-shared-update-v2__description, .feed-shared-text";

	private static final Pattern RELATIVE_TIME = Pattern.compile("^(\\d+)\\s*(s|m|min|h|d|w|mo|y|yr)s?\\b",
			Pattern.CASE_INSENSITIVE);

	/**
	 * Activity ids keep their creation time (milliseconds) in the bits above the 22nd.
	 */
	private static final int TIMESTAMP_SHIFT = 22;

	private LinkedinFeedParser() {
	}

	/**
	 * The posts on the page, in page order.
	 * @param html the rendered page
	 * @param now the time relative dates ("3d") count back from
	 */
	static List<LinkedinPost> parse(String html, Instant now) {
		Document page = Jsoup.parse(html);
		List<LinkedinPost> posts = new ArrayList<>();
		for (Element update : page.select(UPDATE_SELECTOR)) {
			if (update.parents().stream().anyMatch((parent) -> parent.is(UPDATE_SELECTOR)) || isReshare(update)) {
				continue;
			}
			Element commentary = update.selectFirst(TEXT_SELECTOR);
			String text = (commentary != null) ? text(commentary) : "";
			if (!text.isEmpty()) {
				String urn = update.attr("data-urn");
				posts.add(new LinkedinPost(urn, text, publishedAt(urn, update, now)));
			}
		}
		return posts;
	}

	/** A header above the update ("Jane Doe reposted this", "… likes this"). */
	private static boolean isReshare(Element update) {
		return update.selectFirst(".update-components-header") != null;
	}

	/**
	 * The text as a person reads it: line breaks kept, screen-reader-only words (the
	 * "hashtag" before a #tag) and the "see more" control left out.
	 */
	static String text(Element commentary) {
		Element copy = commentary.clone();
		copy.select(".visually-hidden, button").remove();
		StringBuilder text = new StringBuilder();
		NodeTraversor.traverse(new NodeVisitor() {

			@Override
			public void head(Node node, int depth) {
				if (node instanceof TextNode textNode) {
					text.append(textNode.text());
				}
				else if (node instanceof Element element && (element.nameIs("br") || element.nameIs("p"))) {
					text.append('\n');
				}
			}

			@Override
			public void tail(Node node, int depth) {
				if (node instanceof Element element && element.nameIs("p")) {
					text.append('\n');
				}
			}

		}, copy);
		return text.toString()
			.lines()
			.map(String::strip)
			.reduce((a, b) -> a + "\n" + b)
			.orElse("")
			.replaceAll("\n{3,}", "\n\n")
			.strip();
	}

	/**
	 * When the post was published: from its activity id, else a datetime attribute, else
	 * the relative time the feed shows ("3d", "2w").
	 */
	static Instant publishedAt(String urn, Element update, Instant now) {
		String id = urn.substring(urn.lastIndexOf(':') + 1);
		if (id.matches("\\d{1,19}")) {
			try {
				return Instant.ofEpochMilli(Long.parseLong(id) >>> TIMESTAMP_SHIFT);
			}
			catch (NumberFormatException ex) {
				// Longer than a long: not an id with a time in it.
			}
		}
		Element time = update.selectFirst("time[datetime]");
		if (time != null) {
			try {
				return OffsetDateTime.parse(time.attr("datetime")).toInstant();
			}
			catch (DateTimeParseException ex) {
				// Fall through to the relative time.
			}
		}
		Element relative = update.selectFirst(".update-components-actor__sub-description span[aria-hidden=true], "
				+ ".update-components-actor__sub-description");
		return (relative != null) ? relativeTime(relative.text(), now) : null;
	}

	/**
	 * "5m", "3h", "2d", "1w", "4mo", "1yr" before now; null when it says none of these.
	 */
	static Instant relativeTime(String text, Instant now) {
		Matcher matcher = RELATIVE_TIME.matcher(text.strip());
		if (!matcher.find()) {
			return null;
		}
		long amount = Long.parseLong(matcher.group(1));
		return switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
			case "s" -> now.minusSeconds(amount);
			case "m", "min" -> now.minus(Duration.ofMinutes(amount));
			case "h" -> now.minus(Duration.ofHours(amount));
			case "d" -> now.minus(Duration.ofDays(amount));
			case "w" -> now.minus(Duration.ofDays(7 * amount));
			case "mo" -> now.atOffset(ZoneOffset.UTC).minusMonths(amount).toInstant();
			default -> now.atOffset(ZoneOffset.UTC).minusYears(amount).toInstant();
		};
	}

}

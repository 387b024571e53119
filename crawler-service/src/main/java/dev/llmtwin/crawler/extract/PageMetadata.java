package dev.llmtwin.crawler.extract;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import dev.llmtwin.model.TwinJson;

import static dev.llmtwin.crawler.extract.ArticleExtractor.blankToNull;
import static dev.llmtwin.crawler.extract.ArticleExtractor.words;

/**
 * What a page says about its article in its own metadata (JSON-LD, Open Graph, article
 * and author meta tags), read with the page's JSON-LD parsed once; each field is
 * {@code null} when the page does not say.
 *
 * @param title the Open Graph title, JSON-LD headline, first heading, or the title
 * element without the site's name after a separator
 * @param subtitle the Open Graph, JSON-LD or meta description
 * @param author the JSON-LD author, then the author meta tags and links
 * @param siteName the Open Graph site name, the JSON-LD publisher's name or the
 * application name
 * @param publishedAt the JSON-LD, meta or {@code time} element date
 * @param language the declared language as a BCP 47 tag
 */
public record PageMetadata(String title, String subtitle, String author, String siteName, Instant publishedAt,
		String language) {

	private static final Logger log = LoggerFactory.getLogger(PageMetadata.class);

	/**
	 * schema.org types of an article's JSON-LD besides the Article types, whose names all
	 * end in "Article" (NewsArticle, ReportageNewsArticle, ScholarlyArticle and more).
	 */
	private static final Set<String> ARTICLE_TYPES = Set.of("BlogPosting", "LiveBlogPosting", "SocialMediaPosting",
			"DiscussionForumPosting", "Report", "Review", "ClaimReview", "APIReference");

	/**
	 * A date and time apart by a space rather than ISO-8601's {@code T}, as SQL writes
	 * them.
	 */
	private static final Pattern SPACED_TIME = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2})\\s+(\\d{2}:\\d{2})");

	/** An ISO-8601 offset without its colon ({@code +0000}), which pages often write. */
	private static final Pattern COLONLESS_OFFSET = Pattern.compile("([+-]\\d{2})(\\d{2})$");

	/** A heading shorter than this is a section's or site's name, not a headline. */
	private static final int MIN_TITLE_WORDS = 3;

	private static final Pattern TITLE_SEPARATOR = Pattern.compile("\\s+[|\u2013\u2014\u00b7-]\\s+");

	public static PageMetadata of(Document page) {
		JsonNode article = jsonLdArticle(page);
		return new PageMetadata(title(page, article), subtitle(page, article), author(page, article),
				siteName(page, article), publishedAt(page, article), language(page, article));
	}

	/**
	 * The article's own title: Open Graph title, JSON-LD headline; else the heading that
	 * the title element repeats (it adds the site's name: "Headline - Site"), the title
	 * element without the site's name after a separator, or the first heading. A page's
	 * first heading alone is often its logo or section ("National news").
	 */
	private static String title(Document page, JsonNode article) {
		// Open Graph first: JSON-LD headlines often carry the site's name (Medium's do).
		String title = meta(page, "meta[property=og:title], meta[name=og:title], meta[name=twitter:title]");
		if (title == null) {
			title = text(article, "headline");
		}
		if (title == null) {
			title = headingInTitle(page);
		}
		if (title == null) {
			title = withoutSiteName(page.title());
		}
		if (title == null) {
			Element heading = page.selectFirst("h1, h2");
			title = (heading != null) ? blankToNull(heading.text()) : null;
		}
		return title;
	}

	/** The longest heading of at least three words that the title element holds. */
	private static String headingInTitle(Document page) {
		String documentTitle = words(page.title());
		String found = null;
		for (Element heading : page.select("h1, h2, h3")) {
			String text = blankToNull(heading.text());
			String headingWords = (text != null) ? words(text) : "";
			if (headingWords.split(" ").length >= MIN_TITLE_WORDS && documentTitle.contains(headingWords)
					&& (found == null || text.length() > found.length())) {
				found = text;
			}
		}
		return found;
	}

	private static String withoutSiteName(String title) {
		String[] parts = TITLE_SEPARATOR.split(title, 2);
		return blankToNull(parts[0]);
	}

	private static String subtitle(Document page, JsonNode article) {
		String description = meta(page, "meta[property=og:description], meta[name=og:description]");
		if (description == null) {
			description = text(article, "description");
		}
		return (description != null) ? description : meta(page, "meta[name=description]");
	}

	/** The author's name: JSON-LD, then the author meta tags and links. */
	private static String author(Document page, JsonNode article) {
		if (article != null && article.has("author")) {
			JsonNode author = article.get("author");
			JsonNode first = author.isArray() ? (author.isEmpty() ? null : author.get(0)) : author;
			String name = (first == null) ? null
					: first.isString() ? blankToNull(first.asString()) : text(first, "name");
			if (name != null) {
				return name;
			}
		}
		String name = meta(page, "meta[name=author], meta[property=author]");
		if (name == null) {
			name = meta(page, "meta[property=article:author]");
			if (name != null && name.startsWith("http")) {
				name = null;
			}
		}
		if (name == null) {
			Element link = page.selectFirst("[rel=author], [itemprop=author] [itemprop=name], .byline .author");
			name = (link != null) ? blankToNull(link.text()) : null;
		}
		return name;
	}

	/** The site's own name: Open Graph, the JSON-LD publisher, the application name. */
	private static String siteName(Document page, JsonNode article) {
		String name = meta(page, "meta[property=og:site_name], meta[name=og:site_name]");
		if (name == null && article != null && article.path("publisher").isObject()) {
			name = text(article.get("publisher"), "name");
		}
		return (name != null) ? name : meta(page, "meta[name=application-name]");
	}

	/**
	 * The first date the page declares that reads as one: JSON-LD, the article meta tag,
	 * microdata, a {@code time} element.
	 */
	private static Instant publishedAt(Document page, JsonNode article) {
		List<String> declared = new ArrayList<>();
		declared.add(text(article, "datePublished"));
		declared.add(meta(page, "meta[property=article:published_time], meta[name=article:published_time]"));
		declared.add(meta(page, "meta[itemprop=datePublished]"));
		for (Element time : page.select("[itemprop=datePublished][datetime], time[datetime]")) {
			declared.add(blankToNull(time.attr("datetime")));
		}
		for (String published : declared) {
			Instant instant = (published != null) ? parseInstant(published) : null;
			if (instant != null) {
				return instant;
			}
		}
		return null;
	}

	/**
	 * The language the page declares: the article's JSON-LD {@code inLanguage}, the
	 * {@code lang} of the html element, a {@code Content-Language} meta tag or the Open
	 * Graph locale, as a BCP 47 tag ({@code en}, {@code pt-BR}).
	 */
	private static String language(Document page, JsonNode article) {
		String language = text(article, "inLanguage");
		if (language == null) {
			Element html = page.selectFirst("html[lang]");
			language = (html != null) ? blankToNull(html.attr("lang")) : null;
		}
		if (language == null) {
			language = meta(page, "meta[http-equiv~=(?i)content-language]");
		}
		if (language == null) {
			language = meta(page, "meta[property=og:locale]");
		}
		if (language == null) {
			return null;
		}
		String tag = Locale.forLanguageTag(language.strip().replace('_', '-').split("[,;\\s]")[0]).toLanguageTag();
		return tag.equals("und") ? null : tag;
	}

	/**
	 * The first JSON-LD object of an article type, also inside arrays and graphs; else
	 * the first that names a headline (a WebPage standing for its article).
	 */
	private static JsonNode jsonLdArticle(Document page) {
		JsonNode headlined = null;
		for (Element script : page.select("script[type=application/ld+json]")) {
			try {
				JsonNode json = TwinJson.mapper().readTree(script.data());
				JsonNode found = find(json, PageMetadata::isArticle);
				if (found == null && headlined == null) {
					headlined = find(json, (node) -> node.has("headline"));
				}
				if (found != null) {
					return found;
				}
			}
			catch (JacksonException ex) {
				log.debug("Unreadable JSON-LD on {}", page.location(), ex);
			}
		}
		return headlined;
	}

	private static JsonNode find(JsonNode node, Predicate<JsonNode> wanted) {
		if (node == null) {
			return null;
		}
		if (node.isArray()) {
			for (JsonNode item : node) {
				JsonNode found = find(item, wanted);
				if (found != null) {
					return found;
				}
			}
			return null;
		}
		if (!node.isObject()) {
			return null;
		}
		return wanted.test(node) ? node : find(node.get("@graph"), wanted);
	}

	private static boolean isArticle(JsonNode node) {
		JsonNode type = node.get("@type");
		if (type == null) {
			return false;
		}
		Iterable<JsonNode> types = type.isArray() ? type : List.of(type);
		for (JsonNode name : types) {
			String typeName = name.asString();
			if (typeName.endsWith("Article") || ARTICLE_TYPES.contains(typeName)) {
				return true;
			}
		}
		return false;
	}

	private static String text(JsonNode node, String field) {
		if (node == null || !node.has(field) || !node.get(field).isString()) {
			return null;
		}
		return blankToNull(node.get(field).asString());
	}

	/** ISO-8601 with or without offset or time; a time without offset counts as UTC. */
	private static Instant parseInstant(String declared) {
		String value = SPACED_TIME.matcher(COLONLESS_OFFSET.matcher(declared.strip()).replaceFirst("$1:$2"))
			.replaceFirst("$1T$2");
		try {
			TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(value, OffsetDateTime::from,
					LocalDateTime::from);
			return (parsed instanceof OffsetDateTime offset) ? offset.toInstant()
					: ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			try {
				return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
			}
			catch (DateTimeParseException notADate) {
				return null;
			}
		}
	}

	private static String meta(Document page, String selector) {
		Element meta = page.selectFirst(selector);
		return (meta != null) ? blankToNull(meta.attr("content")) : null;
	}

}

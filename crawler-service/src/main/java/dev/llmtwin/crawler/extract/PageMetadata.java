package dev.llmtwin.crawler.extract;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import dev.llmtwin.model.TwinJson;

import static dev.llmtwin.crawler.extract.ArticleExtractor.blankToNull;

/**
 * What a page says about its article in its own metadata (JSON-LD, Open Graph, article
 * and author meta tags), read with the page's JSON-LD parsed once; each field is
 * {@code null} when the page does not say.
 *
 * @param title the Open Graph title, JSON-LD headline, first heading, or the title
 * element without the site's name after a separator
 * @param subtitle the Open Graph, JSON-LD or meta description
 * @param author the JSON-LD author, then the author meta tags and links
 * @param publishedAt the JSON-LD, meta or {@code time} element date
 * @param language the declared language as a BCP 47 tag
 */
public record PageMetadata(String title, String subtitle, String author, Instant publishedAt, String language) {

	private static final Logger log = LoggerFactory.getLogger(PageMetadata.class);

	/** schema.org types of an article's JSON-LD. */
	private static final Set<String> ARTICLE_TYPES = Set.of("Article", "NewsArticle", "BlogPosting", "TechArticle",
			"Report", "ScholarlyArticle", "SocialMediaPosting");

	private static final Pattern TITLE_SEPARATOR = Pattern.compile("\\s+[|\u2013\u2014\u00b7-]\\s+");

	public static PageMetadata of(Document page) {
		JsonNode article = jsonLdArticle(page);
		return new PageMetadata(title(page, article), subtitle(page, article), author(page, article),
				publishedAt(page, article), language(page, article));
	}

	/**
	 * The article's own title: Open Graph title, JSON-LD headline, first heading, or the
	 * title element without the site's name after a separator.
	 */
	private static String title(Document page, JsonNode article) {
		// Open Graph first: JSON-LD headlines often carry the site's name (Medium's do).
		String title = meta(page, "meta[property=og:title], meta[name=og:title], meta[name=twitter:title]");
		if (title == null) {
			title = text(article, "headline");
		}
		if (title == null) {
			Element heading = page.selectFirst("h1");
			title = (heading != null) ? blankToNull(heading.text()) : null;
		}
		return (title != null) ? title : withoutSiteName(page.title());
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

	private static Instant publishedAt(Document page, JsonNode article) {
		String published = text(article, "datePublished");
		if (published == null) {
			published = meta(page, "meta[property=article:published_time], meta[name=article:published_time]");
		}
		if (published == null) {
			Element time = page.selectFirst("time[datetime]");
			published = (time != null) ? blankToNull(time.attr("datetime")) : null;
		}
		return (published != null) ? parseInstant(published) : null;
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

	/** The first JSON-LD object of an article type, also inside arrays and graphs. */
	private static JsonNode jsonLdArticle(Document page) {
		for (Element script : page.select("script[type=application/ld+json]")) {
			try {
				JsonNode found = findArticle(TwinJson.mapper().readTree(script.data()));
				if (found != null) {
					return found;
				}
			}
			catch (JacksonException ex) {
				log.debug("Unreadable JSON-LD on {}", page.location(), ex);
			}
		}
		return null;
	}

	private static JsonNode findArticle(JsonNode node) {
		if (node == null) {
			return null;
		}
		if (node.isArray()) {
			for (JsonNode item : node) {
				JsonNode found = findArticle(item);
				if (found != null) {
					return found;
				}
			}
			return null;
		}
		if (!node.isObject()) {
			return null;
		}
		JsonNode type = node.get("@type");
		if (type != null && (type.isArray() ? contains(type) : ARTICLE_TYPES.contains(type.asString()))) {
			return node;
		}
		return findArticle(node.get("@graph"));
	}

	private static boolean contains(JsonNode types) {
		for (JsonNode type : types) {
			if (ARTICLE_TYPES.contains(type.asString())) {
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
	private static Instant parseInstant(String value) {
		try {
			TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(value.strip(), OffsetDateTime::from,
					LocalDateTime::from);
			return (parsed instanceof OffsetDateTime offset) ? offset.toInstant()
					: ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			try {
				return LocalDate.parse(value.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
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

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
import java.util.regex.Pattern;

import net.dankito.readability4j.Readability4J;
import org.jsoup.internal.StringUtil;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

import dev.llmtwin.model.TwinJson;

/**
 * Finds an article in a page: title, subtitle, author, date and language from the page's
 * own metadata (JSON-LD, Open Graph, article and author meta tags), and the main text in
 * three steps: the {@link Boilerplate} rules take out what is never article text,
 * Readability (a port of Mozilla's reader view) picks the main content of what is left,
 * and the boilerplate rules prune link blocks and the repeated title from its pick. When
 * Readability fails or finds too little, the page's article, main or body element stands
 * in.
 */
@Component
public class ArticleExtractor {

	private static final Logger log = LoggerFactory.getLogger(ArticleExtractor.class);

	private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");

	/** Elements whose whole text is one block of the content. */
	private static final Set<String> TEXT_BLOCKS = Set.of("p", "li", "blockquote", "figcaption", "dt", "dd", "caption");

	/** schema.org types of an article's JSON-LD. */
	private static final Set<String> ARTICLE_TYPES = Set.of("Article", "NewsArticle", "BlogPosting", "TechArticle",
			"Report", "ScholarlyArticle", "SocialMediaPosting");

	/**
	 * Page chrome, never part of the text; Readability keeps some of it on short pages.
	 */
	private static final String PAGE_CHROME = "title, nav, header, footer, aside, script, style, noscript, template, form, button";

	/** Readability's pick of the main content, after the boilerplate rules. */
	static final String READABILITY = "readability";

	/**
	 * The page's article, main or body element without its chrome, when Readability finds
	 * too little or fails.
	 */
	static final String ARTICLE_ELEMENT = "article-element";

	/**
	 * Readability's text shorter than this may have missed the article (it sometimes
	 * settles on a page's header); the page's article element is then tried too.
	 */
	private static final int MIN_READABLE_LENGTH = 250;

	private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

	private static final Pattern TITLE_SEPARATOR = Pattern.compile("\\s+[|\u2013\u2014\u00b7-]\\s+");

	private final MainContent base;

	public ArticleExtractor() {
		this(ArticleExtractor::readability);
	}

	ArticleExtractor(MainContent base) {
		this.base = base;
	}

	public ExtractedArticle extract(Document page) {
		String title = title(page);
		Document copy = page.clone();
		Boilerplate.strip(copy.body());
		String content = baseContent(copy.clone(), title);
		String extractor = READABILITY;
		if (content.length() < MIN_READABLE_LENGTH) {
			String fallback = articleElementContent(copy, title);
			if (fallback.length() > content.length()) {
				content = fallback;
				extractor = ARTICLE_ELEMENT;
			}
		}
		return new ExtractedArticle(title, subtitle(page), author(page), content, publishedAt(page), language(page),
				extractor);
	}

	private String baseContent(Document page, String title) {
		try {
			Element content = this.base.find(page);
			return (content != null) ? text(content, title) : "";
		}
		catch (RuntimeException | StackOverflowError ex) {
			// Readability4J throws IllegalStateException (and worse) on some real pages,
			// and recurses on deeply nested ones.
			log.debug("Readability failed on {}; using the page's article element", page.location(), ex);
			return "";
		}
	}

	/** Readability rewrites the document it is given. */
	private static Element readability(Document page) {
		return new Readability4J(page.location(), page).parse().getArticleContent();
	}

	/**
	 * The text of the page's article, main or body element without its chrome; the page
	 * is changed.
	 */
	private static String articleElementContent(Document page, String title) {
		Element main = page.selectFirst("article");
		if (main == null) {
			main = page.selectFirst("main");
		}
		if (main == null) {
			main = page.body();
		}
		return text(main, title);
	}

	private static String text(Element content, String title) {
		content.select(PAGE_CHROME).remove();
		Boilerplate.prune(content);
		return textBlocks(withoutTitle(content, title));
	}

	/**
	 * The article's title is stored on its own, so a heading repeating it is left out.
	 */
	private static Element withoutTitle(Element content, String title) {
		if (title == null) {
			return content;
		}
		String normalizedTitle = words(title);
		for (Element heading : content.select("h1, h2")) {
			String text = words(heading.text());
			if (repeats(text, normalizedTitle)) {
				heading.remove();
			}
		}
		return content;
	}

	/**
	 * Whether one holds the other and is at least half as long: a title often carries the
	 * site's name, a heading a kicker, but a short title is no heading's repeat.
	 */
	private static boolean repeats(String heading, String title) {
		if (heading.isEmpty() || title.isEmpty()) {
			return false;
		}
		String shorter = (heading.length() < title.length()) ? heading : title;
		String longer = (shorter == heading) ? title : heading;
		return longer.contains(shorter) && shorter.length() * 2 >= longer.length();
	}

	private static String words(String text) {
		return NON_WORD.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
	}

	/**
	 * The article's own title: Open Graph title, JSON-LD headline, first heading, or the
	 * title element without the site's name after a separator.
	 */
	public static String title(Document page) {
		// Open Graph first: JSON-LD headlines often carry the site's name (Medium's do).
		String title = meta(page, "meta[property=og:title], meta[name=og:title], meta[name=twitter:title]");
		if (title == null) {
			title = text(jsonLdArticle(page), "headline");
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

	public static String subtitle(Document page) {
		String description = meta(page, "meta[property=og:description], meta[name=og:description]");
		if (description == null) {
			description = text(jsonLdArticle(page), "description");
		}
		return (description != null) ? description : meta(page, "meta[name=description]");
	}

	/** The author's name: JSON-LD, then the author meta tags and links. */
	public static String author(Document page) {
		JsonNode article = jsonLdArticle(page);
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

	public static Instant publishedAt(Document page) {
		String published = text(jsonLdArticle(page), "datePublished");
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
	public static String language(Document page) {
		String language = text(jsonLdArticle(page), "inLanguage");
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
	public static JsonNode jsonLdArticle(Document page) {
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
	public static Instant parseInstant(String value) {
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

	public static String meta(Document page, String selector) {
		Element meta = page.selectFirst(selector);
		return (meta != null) ? blankToNull(meta.attr("content")) : null;
	}

	public static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

	/**
	 * The text of an element as blocks in document order, separated by blank lines:
	 * headings prefixed with {@code #}s by level, list items with {@code - },
	 * preformatted text as it is, and loose text between blocks as paragraphs of its own.
	 */
	public static String textBlocks(Element root) {
		List<String> blocks = new ArrayList<>();
		StringBuilder loose = new StringBuilder();
		Runnable flush = () -> {
			String text = StringUtil.normaliseWhitespace(loose.toString()).strip();
			if (!text.isEmpty()) {
				blocks.add(text);
			}
			loose.setLength(0);
		};
		NodeTraversor.filter(new NodeFilter() {

			@Override
			public FilterResult head(Node node, int depth) {
				if (node instanceof TextNode text) {
					loose.append(text.getWholeText());
					return FilterResult.CONTINUE;
				}
				if (!(node instanceof Element element)) {
					return FilterResult.CONTINUE;
				}
				String tag = element.normalName();
				String prefix = "";
				String text;
				if (HEADINGS.contains(tag)) {
					prefix = "#".repeat(tag.charAt(1) - '0') + " ";
					text = element.text();
				}
				else if (tag.equals("pre")) {
					text = element.wholeText();
				}
				else if (TEXT_BLOCKS.contains(tag)) {
					prefix = tag.equals("li") ? "- " : "";
					text = element.text();
				}
				else {
					if (tag.equals("br")) {
						loose.append(' ');
					}
					else if (element.isBlock()) {
						flush.run();
					}
					return FilterResult.CONTINUE;
				}
				flush.run();
				if (!text.isBlank()) {
					blocks.add(prefix + text.strip());
				}
				return FilterResult.SKIP_CHILDREN;
			}

			@Override
			public FilterResult tail(Node node, int depth) {
				if (node instanceof Element element && element.isBlock()) {
					flush.run();
				}
				return FilterResult.CONTINUE;
			}

		}, root);
		flush.run();
		return String.join("\n\n", blocks);
	}

}

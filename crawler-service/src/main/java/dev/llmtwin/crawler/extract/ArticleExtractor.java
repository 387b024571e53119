package dev.llmtwin.crawler.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.internal.StringUtil;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Finds an article in a page: title, subtitle, author, date and language from the page's
 * own {@link PageMetadata}, and the main text in three steps: the {@link Boilerplate}
 * rules take out what is never article text, Readability (a port of Mozilla's reader
 * view) picks the main content of what is left, and the boilerplate rules prune link
 * blocks and the repeated title from its pick. When Readability fails or finds too
 * little, the page's article, main or body element stands in.
 */
@Component
public class ArticleExtractor {

	private static final Logger log = LoggerFactory.getLogger(ArticleExtractor.class);

	private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");

	/** Elements whose whole text is one block of the content. */
	private static final Set<String> TEXT_BLOCKS = Set.of("p", "li", "blockquote", "figcaption", "dt", "dd", "caption");

	/**
	 * Page chrome, never part of the text; Readability keeps some of it on short pages.
	 */
	private static final String PAGE_CHROME = "title, nav, header, footer, aside, script, style, noscript, template, button";

	/** The largest share of the content's text a form may hold and be removed. */
	private static final double MAX_FORM_SHARE = 0.5;

	/** Readability's pick of the main content, after the boilerplate rules. */
	static final String READABILITY = "readability";

	/**
	 * The page's article, main or body element without its chrome, when Readability finds
	 * too little or fails.
	 */
	static final String ARTICLE_ELEMENT = "article-element";

	/**
	 * Readability takes time by the square of a page's depth (it asks every element for
	 * its whole text), or overflows the stack: a page nested deeper than any real one
	 * gets the article element.
	 */
	private static final int MAX_READABLE_DEPTH = 1_000;

	/** The posts of a thread Readability picked one post of. */
	static final String THREAD = "thread";

	/**
	 * Readability's text shorter than this may have missed the article (it sometimes
	 * settles on a page's header); the page's article element is then tried too.
	 */
	private static final int MIN_READABLE_LENGTH = 250;

	private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

	private final MainContent base;

	public ArticleExtractor() {
		this(new CurrentReadability());
	}

	ArticleExtractor(MainContent base) {
		this.base = base;
	}

	public ExtractedArticle extract(Document page) {
		PageMetadata metadata = PageMetadata.of(page);
		String title = metadata.title();
		Document copy = page.clone();
		Boilerplate.strip(copy.body());
		PhrasingParagraphs.wrap(copy.body());
		String content = baseContent(copy.clone(), title);
		String extractor = READABILITY;
		List<Element> thread = RepeatedPosts.around(copy.body(), content);
		if (!thread.isEmpty()) {
			content = threadContent(thread, title);
			extractor = THREAD;
		}
		if (content.length() < MIN_READABLE_LENGTH) {
			String fallback = articleElementContent(copy, title);
			if (fallback.length() > content.length()) {
				content = fallback;
				extractor = ARTICLE_ELEMENT;
			}
		}
		return new ExtractedArticle(title, metadata.subtitle(), metadata.author(), metadata.siteName(), content,
				metadata.publishedAt(), metadata.language(), extractor);
	}

	private String baseContent(Document page, String title) {
		if (deeperThan(page, MAX_READABLE_DEPTH)) {
			return "";
		}
		try {
			Element content = this.base.find(page);
			return (content != null) ? text(content, title) : "";
		}
		catch (RuntimeException | StackOverflowError ex) {
			// Readability4J throws IllegalStateException (and worse) on some real pages,
			// and recurses on deeply nested ones.
			// Only the type: an exception's message may quote the untrusted page.
			log.debug("Readability failed on {} ({}); using the page's article element", page.location(),
					ex.getClass().getName());
			return "";
		}
	}

	private static boolean deeperThan(Document page, int depth) {
		boolean[] deeper = { false };
		NodeTraversor.filter(new NodeFilter() {

			@Override
			public FilterResult head(Node node, int nodeDepth) {
				deeper[0] = nodeDepth > depth;
				return deeper[0] ? FilterResult.STOP : FilterResult.CONTINUE;
			}

		}, page);
		return deeper[0];
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

	private static String threadContent(List<Element> posts, String title) {
		List<String> texts = new ArrayList<>();
		for (Element post : posts) {
			String text = text(post.clone(), title);
			if (!text.isEmpty()) {
				texts.add(text);
			}
		}
		return String.join("\n\n", texts);
	}

	static boolean isTextBlock(Element element) {
		return TEXT_BLOCKS.contains(element.normalName()) || HEADINGS.contains(element.normalName());
	}

	private static String text(Element content, String title) {
		removeChrome(content);
		Boilerplate.prune(content);
		return textBlocks(withoutTitle(content, title));
	}

	/**
	 * Removes the page chrome from the content, and the forms that hold little of its
	 * text: some sites (ASP.NET pages among them) wrap the whole page in one form, and
	 * Readability may pick that form as the content itself.
	 */
	private static void removeChrome(Element content) {
		content.select(PAGE_CHROME).remove();
		int total = content.text().length();
		for (Element form : content.select("form")) {
			if (form != content && form.text().length() <= total * MAX_FORM_SHARE) {
				form.remove();
			}
		}
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

	/** The text's words in lower case, one space apart: for comparing texts. */
	static String words(String text) {
		return NON_WORD.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
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

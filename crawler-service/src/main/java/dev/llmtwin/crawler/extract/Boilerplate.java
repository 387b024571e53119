package dev.llmtwin.crawler.extract;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;
import org.jsoup.select.QueryParser;

/**
 * General rules for what is not an article's text, applied before the main-content
 * algorithm picks the article: what a reader never sees (hidden elements, scripts), image
 * captions and credits, and page parts that name their role in their class or id (sharing
 * bars, related links, newsletter boxes, comments, bylines, tags, adverts). A part
 * holding most of the page's text is never removed, whatever its name, so a site that
 * calls its article container "post-share-wrapper" keeps its article.
 */
final class Boilerplate {

	/** Elements that never hold article text. */
	private static final String NEVER_TEXT = "script, style, noscript, template, iframe, object, embed, svg, canvas, "
			+ "button, input, select, textarea, figcaption";

	/**
	 * Elements that hardly ever hold article text; some sites wrap the whole page in a
	 * form or a hidden element, so they are only removed when small.
	 */
	private static final Evaluator NOT_TEXT = QueryParser
		.parse("form, nav, aside, footer, [hidden], [aria-hidden=true], "
				+ "[role=navigation], [role=complementary], [role=contentinfo], "
				+ "[style~=(?i)display\\s*:\\s*none], [style~=(?i)visibility\\s*:\\s*hidden]");

	/** Words of class and id names that mark a page part as not the article's text. */
	private static final Set<String> ROLE_WORDS = Set.of("share", "sharing", "social", "related", "newsletter",
			"subscribe", "subscription", "signup", "promo", "advert", "advertisement", "ad", "ads", "adslot",
			"sponsored", "comment", "comments", "disqus", "tags", "breadcrumb", "breadcrumbs", "byline", "author",
			"bio", "recommended", "recommendations", "outbrain", "taboola", "sidebar", "widget", "popup", "modal",
			"cookie", "caption", "credit", "credits", "toolbar", "menu", "pagination", "meta", "metadata");

	/**
	 * What a reader without scripts sees of a marked article body that scripts fill in
	 * (Blogger's templates among them): the article's only copy in the page's markup.
	 */
	private static final String SCRIPTED_BODY_COPY = "[itemprop=articleBody] noscript, .entry-content noscript";

	/** Parts a page marks as an article's body. */
	private static final String MARKED_BODY = "[itemprop=articleBody], .entry-content";

	/** Blocks that are dropped when they are mostly links. */
	private static final String LINK_BLOCKS = "p, li, h1, h2, h3, h4, h5, h6, dt, dd";

	/**
	 * Divisions and table cells that hold a line of their own rather than other blocks
	 * are pruned like blocks: headline lists are often set that way.
	 */
	private static final String LINE_BOXES = "div, td";

	private static final Set<String> INNER_BLOCKS = Set.of("p", "div", "li", "ul", "ol", "table", "h1", "h2", "h3",
			"h4", "h5", "h6", "blockquote", "pre");

	/** The share of a block's text in links above which it is a link, not text. */
	private static final double MIN_LINK_DENSITY = 0.8;

	private static final Pattern BARE_ADDRESS = Pattern.compile("(?i)(https?://|www\\.)\\S+");

	private static final Pattern NAME_WORDS = Pattern.compile("[^a-z0-9]+");

	/**
	 * The largest share of the page's text a named part may hold and still be removed.
	 */
	private static final double MAX_REMOVED_SHARE = 0.3;

	/** Paragraph text, in characters, enough to tell the article by. */
	private static final int MIN_PARAGRAPH_TEXT = 400;

	private Boilerplate() {
	}

	/** Removes the page parts that are not article text from the (copied) root. */
	static void strip(Element root) {
		root.select(SCRIPTED_BODY_COPY).unwrap();
		root.select(NEVER_TEXT).remove();
		Map<Element, Integer> textLength = textLengths(root, true);
		int total = textLength.getOrDefault(root, 0);
		if (total < MIN_PARAGRAPH_TEXT) {
			// Too few paragraphs to tell the article by: any text counts.
			textLength = textLengths(root, false);
			total = textLength.getOrDefault(root, 0);
		}
		double removable = MAX_REMOVED_SHARE * Math.max(1, total);
		Set<Element> holdingMarkedBody = holdingMarkedBody(root);
		List<Element> named = new ArrayList<>();
		for (Element element : root.getAllElements()) {
			if (element != root && textLength.getOrDefault(element, 0) <= removable
					&& ((hasRoleName(element) && !holdingMarkedBody.contains(element))
							|| NOT_TEXT.matches(root, element))) {
				named.add(element);
			}
		}
		// Outermost first; removing a parent removes its children with it.
		for (Element element : named) {
			element.remove();
		}
	}

	/**
	 * Removes the blocks of the chosen content that are links rather than text: lists and
	 * lines of links to other articles, and bare addresses.
	 */
	static void prune(Element content) {
		List<Element> blocks = new ArrayList<>(content.select(LINK_BLOCKS));
		Set<Element> holdingBlocks = holdingBlocks(content);
		for (Element box : content.select(LINE_BOXES)) {
			if (box != content && !holdingBlocks.contains(box)) {
				blocks.add(box);
			}
		}
		for (Element block : blocks) {
			String text = block.text().strip();
			if (text.isEmpty() || BARE_ADDRESS.matcher(text).matches()) {
				block.remove();
				continue;
			}
			int linked = 0;
			for (Element link : block.select("a")) {
				linked += link.text().strip().length();
			}
			if (linked >= MIN_LINK_DENSITY * text.length()) {
				block.remove();
			}
		}
	}

	/**
	 * The elements holding a block inside them, found in one walk: asking each division
	 * for its inner blocks took time by the square of the nesting depth.
	 */
	private static Set<Element> holdingBlocks(Element root) {
		Set<Element> holding = Collections.newSetFromMap(new IdentityHashMap<>());
		NodeTraversor.traverse(new NodeVisitor() {

			@Override
			public void head(Node node, int depth) {
			}

			@Override
			public void tail(Node node, int depth) {
				if (node instanceof Element element && node.parentNode() instanceof Element parent
						&& (INNER_BLOCKS.contains(element.normalName()) || holding.contains(element))) {
					holding.add(parent);
				}
			}

		}, root);
		return holding;
	}

	/**
	 * The elements around a part the page marks as an article's body by a standard
	 * vocabulary (schema.org's {@code articleBody}, the hAtom microformat's
	 * {@code entry-content}): a blog's post sits in a part named "widget" beside an
	 * archive that holds far more text, and is not removed for its name. (A hidden part
	 * still goes: it may be a second copy.)
	 */
	private static Set<Element> holdingMarkedBody(Element root) {
		Set<Element> holding = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Element body : root.select(MARKED_BODY)) {
			for (Element element = body; element != null && element != root; element = element.parent()) {
				holding.add(element);
			}
		}
		return holding;
	}

	private static boolean hasRoleName(Element element) {
		return hasRoleWord(element.className()) || (hasRoleWord(element.id()) && !isHeadingAnchor(element));
	}

	/**
	 * Documentation generators name a section after its heading
	 * ({@code id="sharing-with-a-single-developer"}): such an id is the heading's words,
	 * not the part's role.
	 */
	private static boolean isHeadingAnchor(Element element) {
		Element heading = element.selectFirst("h1, h2, h3, h4, h5, h6");
		if (heading == null) {
			return false;
		}
		String id = words(element.id());
		return id.contains(" ") && words(heading.text()).startsWith(id);
	}

	private static String words(String text) {
		return String.join(" ", NAME_WORDS.split(text.toLowerCase(Locale.ROOT))).strip();
	}

	private static boolean hasRoleWord(String name) {
		if (name.isEmpty()) {
			return false;
		}
		for (String word : NAME_WORDS.split(name.toLowerCase(Locale.ROOT))) {
			if (ROLE_WORDS.contains(word)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The length of each element's text, counted in one walk; only the text inside
	 * paragraphs when asked, since navigation and footers are rarely paragraphs.
	 */
	private static Map<Element, Integer> textLengths(Element root, boolean paragraphsOnly) {
		Map<Element, Integer> lengths = new IdentityHashMap<>();
		NodeTraversor.traverse(new NodeVisitor() {

			private int paragraphDepth;

			@Override
			public void head(Node node, int depth) {
				if (node instanceof Element element && element.nameIs("p")) {
					this.paragraphDepth++;
				}
			}

			@Override
			public void tail(Node node, int depth) {
				int length;
				if (node instanceof TextNode text) {
					length = (!paragraphsOnly || this.paragraphDepth > 0) ? text.getWholeText().strip().length() : 0;
				}
				else {
					length = lengths.getOrDefault(node, 0);
					if (node instanceof Element element && element.nameIs("p")) {
						this.paragraphDepth--;
					}
				}
				if (length > 0 && node.parentNode() instanceof Element parent) {
					lengths.merge(parent, length, Integer::sum);
				}
			}

		}, root);
		return lengths;
	}

}

package dev.llmtwin.crawler.extract;

import java.util.ArrayList;
import java.util.List;

import net.dankito.readability4j.Readability4J;
import net.dankito.readability4j.model.ReadabilityOptions;
import net.dankito.readability4j.processor.ArticleGrabber;
import net.dankito.readability4j.processor.MetadataParser;
import net.dankito.readability4j.processor.Postprocessor;
import net.dankito.readability4j.processor.Preprocessor;
import net.dankito.readability4j.util.RegExUtil;
import kotlin.text.Regex;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Readability4J (a Kotlin port of Mozilla's Readability.js from 2018) with the class and
 * id patterns of Readability.js 0.6.0. The port's older patterns count "content" as no
 * sign of an article and "foot" or "tool" anywhere in a name as a sign of chrome, so a
 * post inside {@code div#contentWithSidebar} was dropped as a sidebar and the page's
 * footer picked instead.
 */
final class CurrentReadability implements MainContent {

	/**
	 * A base for a page given without its address: Readability needs scheme, host and
	 * path. The reserved {@code .invalid} domain never resolves, and the links it makes
	 * absolute are dropped with the markup.
	 */
	private static final String NO_ADDRESS = "http://page.invalid/";

	private static final RegExUtil PATTERNS = new RegExUtil(
			"-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends"
					+ "|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental"
					+ "|ad-break|agegate|pagination|pager|popup|yom-remote",
			"and|article|body|column|content|main|shadow", RegExUtil.PositiveDefaultPattern,
			"-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta"
					+ "|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget",
			RegExUtil.ExtraneousDefaultPattern, RegExUtil.BylineDefaultPattern, RegExUtil.ReplaceFontsDefaultPattern,
			RegExUtil.NormalizeDefaultPattern,
			"//(www\\.)?((dailymotion|youtube|youtube-nocookie|player\\.vimeo|v\\.qq)\\.com"
					+ "|(archive|upload\\.wikimedia)\\.org|player\\.twitch\\.tv)",
			RegExUtil.NextLinkDefaultPattern, RegExUtil.PrevLinkDefaultPattern, RegExUtil.WhitespaceDefaultPattern,
			RegExUtil.HasContentDefaultPattern);

	private static final ReadabilityOptions OPTIONS = new ReadabilityOptions();

	/**
	 * The share of the page's text above which a part is the page's wrapper, not chrome.
	 */
	private static final double WRAPPER_SHARE = 0.9;

	/**
	 * Readability rewrites the document it is given. It resolves the content's relative
	 * links against the page's address and, for a page given without one, fails after
	 * logging the whole content: such a page gets a stand-in base.
	 */
	@Override
	public Element find(Document page) {
		String address = page.location().isEmpty() ? NO_ADDRESS : page.location();
		keepWrappers(page);
		return new Readability4J(address, page, OPTIONS, PATTERNS, new FormKeepingPreprocessor(),
				new MetadataParser(PATTERNS), new SmallShareCleaningGrabber(), new Postprocessor())
			.parse()
			.getArticleContent();
	}

	/**
	 * Readability drops every part whose class or id sounds like chrome ("header",
	 * "sidebar"), even one that wraps the page's whole content (a
	 * {@code div#headerMover}, an {@code html} element of class "Sidebar"), and then
	 * reads the little text left outside. As with the boilerplate rules, a part holding
	 * nearly all the text is no chrome: its names are taken away.
	 */
	private static void keepWrappers(Document page) {
		Element body = page.body();
		List<Element> namedLikeChrome = new ArrayList<>();
		for (Element element : page.getAllElements()) {
			String names = element.className() + " " + element.id();
			if (element != body && element != page && PATTERNS.isUnlikelyCandidate(names)
					&& !PATTERNS.okMaybeItsACandidate(names)) {
				namedLikeChrome.add(element);
			}
		}
		if (namedLikeChrome.isEmpty()) {
			// The page's text is read only when there is a part to weigh against it.
			return;
		}
		double wrapper = WRAPPER_SHARE * body.text().length();
		for (Element element : namedLikeChrome) {
			if (element.text().length() > wrapper) {
				element.removeAttr("class").removeAttr("id");
			}
		}
	}

	/**
	 * Readability4J deletes every form before it scores the page, and with it the article
	 * of a page wrapped in one (ASP.NET pages, forum threads with moderation forms);
	 * Readability.js keeps forms and cleans them out of the content afterwards, as the
	 * extractor does with forms that hold little of the content's text.
	 */
	private static final class FormKeepingPreprocessor extends Preprocessor {

		FormKeepingPreprocessor() {
			super(PATTERNS);
		}

		@Override
		protected void removeForms(Document document) {
		}

	}

	/**
	 * Readability.js removes the content's parts named like sharing only while they are
	 * shorter than its character threshold; the port removes them whatever their size,
	 * and with them a section a page names after its heading ("sharing-your-work").
	 */
	private static final class SmallShareCleaningGrabber extends ArticleGrabber {

		/** Readability.js's {@code DEFAULT_CHAR_THRESHOLD}. */
		private static final int SHARE_ELEMENT_THRESHOLD = 500;

		SmallShareCleaningGrabber() {
			super(OPTIONS, PATTERNS);
		}

		@Override
		protected void cleanMatchedNodes(Element element, Regex names) {
			Element end = getNextNode(element, true);
			Element next = getNextNode(element, false);
			while (next != null && next != end) {
				if (names.containsMatchIn(next.className() + " " + next.id())
						&& next.text().length() < SHARE_ELEMENT_THRESHOLD) {
					next = removeAndGetNext(next, "cleanMatchedNodes");
				}
				else {
					next = getNextNode(next, false);
				}
			}
		}

	}

}

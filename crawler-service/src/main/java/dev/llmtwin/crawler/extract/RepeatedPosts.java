package dev.llmtwin.crawler.extract;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jsoup.nodes.Element;

/**
 * The posts of a thread: a forum page, a question with its answers. Readability picks the
 * one best container of a page, which on a thread is a single post; the thread is the run
 * of sibling containers of the same kind (tag and first class) around it, each holding
 * text of its own.
 */
final class RepeatedPosts {

	/** Fewer siblings of a kind are a page's layout (columns, panels), not a thread. */
	private static final int MIN_POSTS = 4;

	/**
	 * Text of a paragraph's length, which at least half of a thread's posts hold: a list
	 * of headlines with their times is no thread, though its items repeat.
	 */
	private static final int MIN_POST_TEXT = 100;

	/** The share of a run's members that must hold such text. */
	private static final double MIN_TEXT_SHARE = 0.5;

	/** The thread replaces the pick only when it holds this many times its text. */
	private static final int MIN_GROWTH = 2;

	/** The share of kinds of elements two posts of one thread hold in common. */
	private static final double MIN_SIMILARITY = 0.5;

	/** Enough of the pick's start to hold its first {@link #PROBE_WORDS} words. */
	private static final int PROBE_CHARACTERS = 400;

	/** Words of the pick that identify the post it came from. */
	private static final int PROBE_WORDS = 12;

	/**
	 * The share of the pick's text the post it came from holds at least: a teaser
	 * repeating the article's first words is no post of it.
	 */
	private static final double MIN_PICKED_SHARE = 0.5;

	private RepeatedPosts() {
	}

	/**
	 * @param root the page's body after the boilerplate rules
	 * @param picked the text of Readability's pick
	 * @return the posts of the thread that the pick is one post of, in page order; empty
	 * when the pick is not part of such a run
	 */
	static List<Element> around(Element root, String picked) {
		String probe = firstWords(picked);
		if (probe.isEmpty()) {
			return List.of();
		}
		List<Element> thread = List.of();
		int threadLength = MIN_GROWTH * picked.length();
		for (List<Element> run : runs(root)) {
			Element pickedPost = run.stream()
				.filter((post) -> post.text().length() >= MIN_PICKED_SHARE * picked.length()
						&& ArticleExtractor.words(post.text()).contains(probe))
				.findFirst()
				.orElse(null);
			if (pickedPost == null) {
				continue;
			}
			List<Element> posts = alike(run, pickedPost);
			int length = posts.stream().mapToInt((post) -> post.text().length()).sum();
			if (posts.size() >= MIN_POSTS && length > threadLength) {
				thread = posts;
				threadLength = length;
			}
		}
		return thread;
	}

	/**
	 * The members of a run built like the given one (the kinds of elements inside them
	 * mostly the same): a thread's posts share their markup, a page's panels do not.
	 */
	private static List<Element> alike(List<Element> run, Element post) {
		Set<String> model = innerKinds(post);
		List<Element> alike = new ArrayList<>();
		for (Element member : run) {
			Set<String> kinds = innerKinds(member);
			Set<String> shared = new HashSet<>(kinds);
			shared.retainAll(model);
			Set<String> all = new HashSet<>(kinds);
			all.addAll(model);
			if (shared.size() >= MIN_SIMILARITY * all.size()) {
				alike.add(member);
			}
		}
		return alike;
	}

	private static Set<String> innerKinds(Element post) {
		Set<String> kinds = new HashSet<>();
		for (Element element : post.getAllElements()) {
			if (element != post) {
				kinds.add(element.classNames().isEmpty() ? element.normalName() : kind(element.normalName(), element));
			}
		}
		return kinds;
	}

	/**
	 * Runs of at least {@link #MIN_POSTS} sibling containers of one kind holding text.
	 */
	private static List<List<Element>> runs(Element root) {
		List<List<Element>> runs = new ArrayList<>();
		for (Element parent : root.getAllElements()) {
			if (!hasElementChildren(parent, MIN_POSTS)) {
				continue;
			}
			Map<String, List<Element>> kinds = new LinkedHashMap<>();
			for (Element child : parent.children()) {
				String kind = kind(child);
				if (kind != null) {
					kinds.computeIfAbsent(kind, (key) -> new ArrayList<>()).add(child);
				}
			}
			for (List<Element> run : kinds.values()) {
				if (run.size() >= MIN_POSTS && holdingText(run) >= MIN_TEXT_SHARE * run.size()) {
					runs.add(run);
				}
			}
		}
		return runs;
	}

	/**
	 * Counted over the child nodes: jsoup's {@code childrenSize()} builds and keeps a
	 * list of children in every element it is asked about (47 MiB on a 5 MB page).
	 */
	private static boolean hasElementChildren(Element parent, int count) {
		int found = 0;
		for (int i = 0; i < parent.childNodeSize() && found < count; i++) {
			if (parent.childNode(i) instanceof Element) {
				found++;
			}
		}
		return found >= count;
	}

	private static long holdingText(List<Element> run) {
		return run.stream().filter((post) -> post.text().length() >= MIN_POST_TEXT).count();
	}

	/**
	 * A container's tag and first class; text blocks and unnamed containers have none. A
	 * list item built of divisions (a forum's post in {@code ol > li.message}) is a
	 * container.
	 */
	private static String kind(Element element) {
		if ((ArticleExtractor.isTextBlock(element) && !(element.nameIs("li") && holdsDivision(element)))
				|| element.classNames().isEmpty()) {
			return null;
		}
		return kind(element.normalName(), element);
	}

	private static boolean holdsDivision(Element item) {
		for (Element child : item.children()) {
			if (child.nameIs("div") || child.nameIs("article") || child.nameIs("blockquote")) {
				return true;
			}
		}
		return false;
	}

	private static String kind(String tag, Element element) {
		return tag + "." + element.classNames().iterator().next().toLowerCase(Locale.ROOT);
	}

	/** The pick's first words, read from its start only: a pick may be megabytes long. */
	private static String firstWords(String text) {
		String start = text.substring(0, Math.min(text.length(), PROBE_CHARACTERS));
		String[] words = ArticleExtractor.words(start).split(" ");
		int count = Math.min(PROBE_WORDS, words.length);
		return String.join(" ", Arrays.copyOf(words, count)).strip();
	}

}

package dev.llmtwin.crawler.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Gives the text that a container holds bare, beside or without block elements, the
 * paragraphs it lacks, as Readability.js does for divisions: Readability scores
 * paragraphs, so text written straight into a container was never seen (forum software
 * writes each post into a {@code blockquote} that way).
 */
final class PhrasingParagraphs {

	/** Containers whose bare text becomes paragraphs. */
	private static final Set<String> CONTAINERS = Set.of("blockquote", "article", "section", "main");

	/** Elements that are phrasing content (Readability.js's list). */
	private static final Set<String> PHRASING = Set.of("abbr", "audio", "b", "bdo", "br", "button", "cite", "code",
			"data", "datalist", "dfn", "em", "embed", "i", "img", "input", "kbd", "label", "mark", "math", "meter",
			"noscript", "object", "output", "progress", "q", "ruby", "samp", "script", "select", "small", "span",
			"strong", "sub", "sup", "textarea", "time", "var", "wbr");

	/** Phrasing content when all their children are. */
	private static final Set<String> PHRASING_IF_CONTENT_IS = Set.of("a", "del", "ins", "font", "u", "s", "strike");

	private PhrasingParagraphs() {
	}

	static void wrap(Element root) {
		for (Element container : root.getAllElements()) {
			if (CONTAINERS.contains(container.normalName()) && hasBareText(container)) {
				wrapRuns(container);
			}
		}
	}

	private static boolean hasBareText(Element container) {
		for (Node child : container.childNodes()) {
			if (child instanceof TextNode text && !text.isBlank()) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Each run of phrasing content among the container's children becomes a paragraph.
	 */
	private static void wrapRuns(Element container) {
		List<Node> run = new ArrayList<>();
		for (Node child : new ArrayList<>(container.childNodes())) {
			if (isPhrasing(child)) {
				run.add(child);
			}
			else {
				toParagraph(run);
				run = new ArrayList<>();
			}
		}
		toParagraph(run);
	}

	private static void toParagraph(List<Node> run) {
		boolean blank = run.stream().allMatch((node) -> node instanceof TextNode text && text.isBlank());
		if (blank) {
			return;
		}
		Element paragraph = new Element("p");
		run.get(0).before(paragraph);
		for (Node node : run) {
			paragraph.appendChild(node);
		}
	}

	private static boolean isPhrasing(Node node) {
		if (node instanceof TextNode) {
			return true;
		}
		if (!(node instanceof Element element)) {
			return false;
		}
		if (PHRASING.contains(element.normalName())) {
			return true;
		}
		return PHRASING_IF_CONTENT_IS.contains(element.normalName())
				&& element.childNodes().stream().allMatch(PhrasingParagraphs::isPhrasing);
	}

}

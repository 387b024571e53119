package dev.llmtwin.bench.extract;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import dev.llmtwin.crawler.extract.ExtractedArticle;
import dev.llmtwin.crawler.extract.PageExtractor.PageExtraction;
import dev.llmtwin.model.TwinJson;

import static dev.llmtwin.bench.Figures.round;

/**
 * How often the extracted title, author, date and site name are what a page declares, on
 * the pages that declare the field unambiguously: every declaration of it on the page
 * (Open Graph, Twitter card, JSON-LD, meta tags, microdata) agrees. Declarations are read
 * here on their own, not through the extractor's code. The title is also checked against
 * people's labels: the headline opens the ground truth of main-text-mixed's
 * {@code l3s-gn1} (labelled headline block) and {@code dragnet} (annotators' copy)
 * subsets, so the extracted title should be found in its first lines.
 */
final class MetadataAccuracy {

	private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

	private static final Pattern ISO_DAY = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");

	/**
	 * Lines of a labelled ground truth that may hold the headline (a kicker may precede
	 * it).
	 */
	private static final int HEADLINE_LINES = 3;

	/**
	 * Per field: pages declaring it unambiguously, and of those, pages where ours
	 * matches.
	 */
	private final Map<String, int[]> tallies = new LinkedHashMap<>();

	private final List<String> mismatches = new ArrayList<>();

	MetadataAccuracy() {
		for (String field : List.of("title", "author", "date", "siteName", "titleLabelled")) {
			this.tallies.put(field, new int[2]);
		}
	}

	/** Compares what was extracted from a page with what the page declares. */
	void add(String name, PageExtraction extraction) {
		if (extraction.article() != null) {
			add(name, extraction.page(), extraction.article());
		}
	}

	private void add(String name, Document page, ExtractedArticle article) {
		List<JsonNode> jsonLd = jsonLd(page);
		compare(name, "title", declaredTitles(page, jsonLd), normalized(article.title()));
		compare(name, "author", declaredAuthors(page, jsonLd), normalized(article.author()));
		compare(name, "siteName", declaredSiteNames(page, jsonLd), normalized(article.siteName()));
		Set<LocalDate> days = declaredDays(page, jsonLd);
		if (days.size() == 1) {
			LocalDate declared = days.iterator().next();
			Instant ours = article.publishedAt();
			// A time near midnight falls on the neighbouring day in UTC.
			boolean matched = ours != null
					&& Math.abs(ours.atZone(ZoneOffset.UTC).toLocalDate().toEpochDay() - declared.toEpochDay()) <= 1;
			tally(name, "date", matched, declared.toString(), (ours != null) ? ours.toString() : null);
		}
	}

	/** Whether the extracted title opens the people-labelled main text of a page. */
	void addLabelled(String name, String groundTruth, String title) {
		String[] lines = groundTruth.strip().split("\n+", HEADLINE_LINES + 1);
		String head = normalized(String.join(" ", List.of(lines).subList(0, Math.min(HEADLINE_LINES, lines.length))));
		String ours = normalized(title);
		tally(name, "titleLabelled", ours != null && head != null && head.contains(ours), head, ours);
	}

	/** {@code <prefix>TitleAccuracy} and so on, with the count of pages each is over. */
	Map<String, Object> figures(String prefix) {
		Map<String, Object> figures = new LinkedHashMap<>();
		this.tallies.forEach((field, tally) -> {
			String name = prefix + Character.toUpperCase(field.charAt(0)) + field.substring(1);
			figures.put(name + "Accuracy", (tally[0] == 0) ? null : round((double) tally[1] / tally[0]));
			figures.put(name + "Pages", tally[0]);
		});
		return figures;
	}

	List<String> mismatches() {
		return this.mismatches;
	}

	private void compare(String name, String field, Set<String> declared, String ours) {
		if (declared.size() == 1) {
			String value = declared.iterator().next();
			tally(name, field, value.equals(ours), value, ours);
		}
	}

	private void tally(String name, String field, boolean matched, String declared, String ours) {
		int[] tally = this.tallies.get(field);
		tally[0]++;
		if (matched) {
			tally[1]++;
		}
		else {
			this.mismatches.add(name + "\t" + field + "\tdeclared: " + declared + "\tours: " + ours);
		}
	}

	private static Set<String> declaredTitles(Document page, List<JsonNode> jsonLd) {
		Set<String> titles = new HashSet<>();
		add(titles, content(page, "meta[property=og:title]"));
		add(titles, content(page, "meta[name=twitter:title]"));
		for (JsonNode node : jsonLd) {
			add(titles, string(node.get("headline")));
		}
		return titles;
	}

	private static Set<String> declaredAuthors(Document page, List<JsonNode> jsonLd) {
		Set<String> authors = new HashSet<>();
		add(authors, content(page, "meta[name=author]"));
		for (JsonNode node : jsonLd) {
			JsonNode author = node.get("author");
			JsonNode first = (author != null && author.isArray() && !author.isEmpty()) ? author.get(0) : author;
			add(authors, (first != null && first.isObject()) ? string(first.get("name")) : string(first));
		}
		authors.removeIf((author) -> author.startsWith("http"));
		return authors;
	}

	private static Set<String> declaredSiteNames(Document page, List<JsonNode> jsonLd) {
		Set<String> names = new HashSet<>();
		add(names, content(page, "meta[property=og:site_name]"));
		add(names, content(page, "meta[name=application-name]"));
		for (JsonNode node : jsonLd) {
			JsonNode publisher = node.get("publisher");
			if (publisher != null && publisher.isObject()) {
				add(names, string(publisher.get("name")));
			}
		}
		return names;
	}

	private static Set<LocalDate> declaredDays(Document page, List<JsonNode> jsonLd) {
		Set<LocalDate> days = new HashSet<>();
		addDay(days, content(page, "meta[property=article:published_time]"));
		addDay(days, content(page, "meta[itemprop=datePublished]"));
		for (JsonNode node : jsonLd) {
			addDay(days, string(node.get("datePublished")));
		}
		return days;
	}

	private static void addDay(Set<LocalDate> days, String value) {
		if (value == null) {
			return;
		}
		Matcher day = ISO_DAY.matcher(value);
		if (day.lookingAt()) {
			days.add(LocalDate.of(Integer.parseInt(day.group(1)), Integer.parseInt(day.group(2)),
					Integer.parseInt(day.group(3))));
		}
	}

	private static void add(Set<String> values, String value) {
		String normalized = normalized(value);
		if (normalized != null) {
			values.add(normalized);
		}
	}

	/** Every JSON-LD object on the page, also inside arrays and graphs. */
	private static List<JsonNode> jsonLd(Document page) {
		List<JsonNode> nodes = new ArrayList<>();
		for (Element script : page.select("script[type=application/ld+json]")) {
			try {
				collect(TwinJson.mapper().readTree(script.data()), nodes);
			}
			catch (JacksonException ex) {
				// A page's broken JSON-LD declares nothing.
			}
		}
		return nodes;
	}

	private static void collect(JsonNode node, List<JsonNode> nodes) {
		if (node == null) {
			return;
		}
		if (node.isArray()) {
			node.forEach((item) -> collect(item, nodes));
		}
		else if (node.isObject()) {
			nodes.add(node);
			collect(node.get("@graph"), nodes);
		}
	}

	private static String content(Document page, String selector) {
		Element element = page.selectFirst(selector);
		return (element != null) ? element.attr("content") : null;
	}

	private static String string(JsonNode node) {
		return (node != null && node.isString()) ? node.asString() : null;
	}

	private static String normalized(String value) {
		if (value == null) {
			return null;
		}
		String words = NON_WORD.matcher(value.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
		return words.isEmpty() ? null : words;
	}

}

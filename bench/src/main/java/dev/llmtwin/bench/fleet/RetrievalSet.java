package dev.llmtwin.bench.fleet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import tools.jackson.databind.JsonNode;

import dev.llmtwin.model.TwinJson;

/**
 * A page set of {@code ../shared/benchmarks/} searched by the retrieval benchmark: each
 * page's bytes and ground-truth text, by id, and the paraphrases written by hand for them
 * ({@code retrieval/<set>-paraphrases.tsv}).
 *
 * @param name the set's folder name
 * @param prefix the prefix of the set's figures ({@code ""} for the first set)
 * @param contentType the type the pages are served with: the second set's pages declare
 * their own encodings (47 are in an 8-bit one), so it names no charset
 * @param pages the pages by id
 * @param paraphrases the hand-written query per page id
 */
record RetrievalSet(String name, String prefix, String contentType, Map<String, Page> pages,
		Map<String, String> paraphrases) {

	/**
	 * The 181 pages of the article-extraction set (ground-truth.json, html/*.html.gz).
	 */
	static RetrievalSet articleExtraction() throws IOException {
		Path dataset = Path
			.of(System.getProperty("bench.article-extraction", "../shared/benchmarks/article-extraction"));
		JsonNode truth = TwinJson.mapper().readTree(dataset.resolve("ground-truth.json").toFile());
		Map<String, Page> pages = new LinkedHashMap<>();
		for (String id : truth.propertyNames()) {
			try (InputStream in = new GZIPInputStream(
					Files.newInputStream(dataset.resolve("html/" + id + ".html.gz")))) {
				pages.put(id, new Page(in.readAllBytes(), truth.get(id).get("articleBody").asString()));
			}
		}
		return new RetrievalSet("article-extraction", "", "text/html; charset=utf-8", pages,
				paraphrases("article-extraction"));
	}

	/** The 738 pages of five sources of the main-text-mixed set (ground-truth.jsonl). */
	static RetrievalSet mainTextMixed() throws IOException {
		Path dataset = Path.of(System.getProperty("bench.main-text-mixed", "../shared/benchmarks/main-text-mixed"));
		Map<String, Page> pages = new LinkedHashMap<>();
		for (String line : Files.readAllLines(dataset.resolve("ground-truth.jsonl"))) {
			if (!line.isBlank()) {
				JsonNode page = TwinJson.mapper().readTree(line);
				String file = page.get("file").asString();
				pages.put(file.replace(".html", ""), new Page(
						Files.readAllBytes(dataset.resolve("pages").resolve(file)), page.get("text").asString()));
			}
		}
		return new RetrievalSet("main-text-mixed", "mixed", "text/html", pages, paraphrases("main-text-mixed"));
	}

	List<String> ids() {
		return List.copyOf(this.pages.keySet());
	}

	String text(String id) {
		return this.pages.get(id).text();
	}

	/**
	 * A figure's name in this set: {@code verbatimHybridMrrAt10}, {@code mixedVerbatim…}.
	 */
	String figure(String name) {
		return this.prefix.isEmpty() ? name : this.prefix + Character.toUpperCase(name.charAt(0)) + name.substring(1);
	}

	private static Map<String, String> paraphrases(String set) throws IOException {
		Map<String, String> queries = new LinkedHashMap<>();
		try (InputStream in = RetrievalSet.class.getResourceAsStream("/retrieval/" + set + "-paraphrases.tsv");
				BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			reader.lines().filter((line) -> !line.isBlank()).forEach((line) -> {
				String[] parts = line.split("\t", 2);
				queries.put(parts[0].replace(".html", ""), parts[1].strip());
			});
		}
		return queries;
	}

	/**
	 * @param html the page as captured
	 * @param text its ground-truth main text
	 */
	record Page(byte[] html, String text) {
	}

}

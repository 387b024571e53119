package dev.llmtwin.feature.search;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.llmtwin.feature.embed.Embedder;
import dev.llmtwin.feature.store.SearchHit;
import dev.llmtwin.feature.store.VectorStore;

/**
 * Semantic search over the stored chunks. Parameters are checked by Spring MVC's method
 * validation, which answers bad input with a 400 problem.
 */
@RestController
@RequestMapping("/api/search")
class SearchController {

	private final Embedder embedder;

	private final VectorStore store;

	SearchController(Embedder embedder, VectorStore store) {
		this.embedder = embedder;
		this.store = store;
	}

	@GetMapping
	SearchResponse search(@RequestParam @NotBlank String q, @RequestParam(defaultValue = "5") @Min(1) @Max(50) int k) {
		List<SearchHit> hits = this.store.search(this.embedder.embedQuery(q), k);
		return new SearchResponse(q, hits.stream().map(Hit::of).toList());
	}

	record SearchResponse(String query, List<Hit> hits) {
	}

	/**
	 * @param score cosine similarity between query and chunk
	 */
	record Hit(String text, float score, String link, String documentId, String authorId, String type, String platform,
			int chunkIndex) {

		static Hit of(SearchHit hit) {
			return new Hit(hit.text(), hit.score(), hit.link(), hit.documentId(), hit.authorId(), hit.type().wireName(),
					hit.platform(), hit.chunkIndex());
		}

	}

}

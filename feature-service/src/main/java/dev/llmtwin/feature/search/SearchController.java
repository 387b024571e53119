package dev.llmtwin.feature.search;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.llmtwin.feature.FeatureType;
import dev.llmtwin.feature.store.SearchFilter;
import dev.llmtwin.feature.store.SearchHit;

/**
 * Semantic search over the stored chunks, optionally filtered by type, author and
 * platform. Parameters are checked by Spring MVC's method validation, which answers bad
 * input with a 400 problem.
 */
@RestController
@RequestMapping("/api/search")
class SearchController {

	private final SemanticSearch search;

	SearchController(SemanticSearch search) {
		this.search = search;
	}

	@GetMapping
	SearchResponse search(@RequestParam @NotBlank String q, @RequestParam(required = false) FeatureType type,
			@RequestParam(required = false) String authorId, @RequestParam(required = false) String platform,
			@RequestParam(defaultValue = "5") @Min(1) @Max(50) int k) {
		List<SearchHit> hits = this.search.search(q, k,
				new SearchFilter(type, blankToNull(authorId), blankToNull(platform)));
		return new SearchResponse(q, hits.stream().map(Hit::of).toList());
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	record SearchResponse(String query, List<Hit> hits) {
	}

	/**
	 * @param score cosine similarity between query and chunk
	 */
	record Hit(String text, float score, String link, String documentId, String authorId, String type, String platform,
			int chunkIndex, String embeddingModel) {

		static Hit of(SearchHit hit) {
			return new Hit(hit.text(), hit.score(), hit.link(), hit.documentId(), hit.authorId(), hit.type().wireName(),
					hit.platform(), hit.chunkIndex(), hit.embeddingModel());
		}

	}

}

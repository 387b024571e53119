package dev.llmtwin.feature.search;

import java.util.List;
import java.util.Locale;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.llmtwin.feature.FeatureType;
import dev.llmtwin.feature.store.Fusion;
import dev.llmtwin.feature.store.SearchFilter;
import dev.llmtwin.feature.store.SearchHit;

/**
 * Search over the stored chunks by meaning, by words or both (hybrid, the default),
 * optionally filtered by type, author, platform and language, one hit per document unless
 * {@code collapse=false}. Parameters are checked by Spring MVC's method validation, which
 * answers bad input with a 400 problem.
 */
@RestController
@RequestMapping("/api/search")
class SearchController {

	private final ChunkSearch search;

	SearchController(ChunkSearch search) {
		this.search = search;
	}

	/**
	 * @param mode {@code hybrid} (default), {@code dense} or {@code lexical}
	 * @param collapse one hit per document, its best chunk (default); {@code false} lists
	 * every matching chunk
	 * @param language only documents in this language (ISO 639-1, such as {@code en})
	 * @param fusion how hybrid search merges its rankings: {@code rrf} or {@code dbsf};
	 * {@code feature.search.fusion} when not given
	 */
	@GetMapping
	SearchResponse search(@RequestParam @NotBlank String q, @RequestParam(required = false) FeatureType type,
			@RequestParam(required = false) String authorId, @RequestParam(required = false) String platform,
			@RequestParam(required = false) String language, @RequestParam(defaultValue = "5") @Min(1) @Max(50) int k,
			@RequestParam(defaultValue = "hybrid") SearchMode mode,
			@RequestParam(defaultValue = "true") boolean collapse, @RequestParam(required = false) Fusion fusion) {
		List<SearchHit> hits = this.search.search(q, mode, fusion, k,
				new SearchFilter(type, blankToNull(authorId), blankToNull(platform), blankToNull(language)), collapse);
		return new SearchResponse(q, mode.name().toLowerCase(Locale.ROOT), collapse,
				hits.stream().map((hit) -> Hit.of(hit, q)).toList());
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	record SearchResponse(String query, String mode, boolean collapsed, List<Hit> hits) {
	}

	/**
	 * @param text the whole chunk
	 * @param snippet the part of it around the query's words, with their offsets
	 * @param score the mode's ranking score: cosine similarity (dense), BM25 (lexical) or
	 * the reciprocal-rank-fusion score (hybrid)
	 */
	record Hit(String text, Snippet snippet, float score, String link, String documentId, String authorId, String type,
			String platform, String language, int chunkIndex, String embeddingModel) {

		static Hit of(SearchHit hit, String query) {
			return new Hit(hit.text(), Snippet.of(hit.text(), query), hit.score(), hit.link(), hit.documentId(),
					hit.authorId(), hit.type().wireName(), hit.platform(), hit.language(), hit.chunkIndex(),
					hit.embeddingModel());
		}

	}

}

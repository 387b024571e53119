package dev.llmtwin.feature.stats;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/stats}: what the feature store holds and its reconciliation with
 * MongoDB.
 */
@RestController
@RequestMapping("/api/stats")
class StatsController {

	private final FeatureStatistics statistics;

	StatsController(FeatureStatistics statistics) {
		this.statistics = statistics;
	}

	@GetMapping
	FeatureStatistics.Stats stats() {
		return this.statistics.stats();
	}

}

package dev.llmtwin.feature.index;

import java.net.URI;
import java.util.Comparator;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.llmtwin.feature.embed.EmbeddingModelVersion;

/**
 * Re-embedding with another model: {@code POST /api/reindex?model=…} starts a job (202
 * with its address), {@code GET /api/reindex/{id}} shows its progress.
 */
@RestController
@RequestMapping("/api/reindex")
class ReindexController {

	private final Reindexer reindexer;

	ReindexController(Reindexer reindexer) {
		this.reindexer = reindexer;
	}

	@PostMapping
	ResponseEntity<ReindexJob.View> start(@RequestParam String model) {
		EmbeddingModelVersion version;
		try {
			version = EmbeddingModelVersion.fromId(model.strip());
		}
		catch (IllegalArgumentException ex) {
			throw problem(HttpStatus.BAD_REQUEST, ex.getMessage());
		}
		try {
			ReindexJob job = this.reindexer.start(version);
			return ResponseEntity.accepted().location(URI.create("/api/reindex/" + job.id)).body(job.view());
		}
		catch (IllegalStateException ex) {
			throw problem(HttpStatus.CONFLICT, ex.getMessage());
		}
	}

	@GetMapping("/{id}")
	ReindexJob.View job(@PathVariable String id) {
		return this.reindexer.job(id)
			.map(ReindexJob::view)
			.orElseThrow(() -> problem(HttpStatus.NOT_FOUND, "No reindex job " + id));
	}

	@GetMapping
	List<ReindexJob.View> jobs() {
		return this.reindexer.jobs()
			.stream()
			.map(ReindexJob::view)
			.sorted(Comparator.comparing(ReindexJob.View::startedAt).reversed())
			.toList();
	}

	private static ErrorResponseException problem(HttpStatus status, String detail) {
		return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
	}

}

package dev.llmtwin.feature.document;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/documents/{id}}: one cleaned document and its chunks. */
@RestController
@RequestMapping("/api/documents")
class DocumentController {

	private final DocumentLookup lookup;

	DocumentController(DocumentLookup lookup) {
		this.lookup = lookup;
	}

	@GetMapping("/{id}")
	DocumentView document(@PathVariable String id) {
		return this.lookup.find(id).orElseThrow(() -> {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
					"The feature service holds no document with id '%s' (not crawled, or not yet applied)"
						.formatted(id));
			problem.setTitle("Unknown document");
			return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
		});
	}

}

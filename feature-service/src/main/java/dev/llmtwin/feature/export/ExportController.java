package dev.llmtwin.feature.export;

import java.io.OutputStream;
import java.util.stream.Stream;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import dev.llmtwin.feature.FeatureType;
import dev.llmtwin.feature.document.CleanedDocument;
import dev.llmtwin.feature.document.CleanedDocumentStore;
import dev.llmtwin.model.TwinJson;

/**
 * The cleaned documents as JSON Lines, streamed from MongoDB: the input of fine-tuning
 * data-set generation.
 */
@RestController
@RequestMapping("/api/export")
class ExportController {

	static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

	private final CleanedDocumentStore documents;

	ExportController(CleanedDocumentStore documents) {
		this.documents = documents;
	}

	/**
	 * @param language only documents in this language (ISO 639-1, such as {@code en})
	 * @param heldBack whether documents a quality gate held back (login walls, stubs…)
	 * are exported too, marked with their reason; they are left out by default
	 * @param duplicates whether near-copies of a work are exported beside its canonical
	 * copy (marked with {@code duplicateOf}, the default) or left out, so that a data set
	 * holds each work once
	 */
	@GetMapping
	ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) FeatureType type,
			@RequestParam(required = false) String authorId, @RequestParam(required = false) String platform,
			@RequestParam(required = false) String language, @RequestParam(defaultValue = "false") boolean heldBack,
			@RequestParam(defaultValue = "true") boolean duplicates) {
		String typeName = (type != null) ? type.wireName() : null;
		StreamingResponseBody body = (OutputStream out) -> {
			try (Stream<CleanedDocument> stream = this.documents.stream(typeName, authorId, platform)
				.filter((document) -> heldBack || document.heldBack() == null)
				.filter((document) -> duplicates || document.duplicateOf() == null)
				.filter((document) -> language == null || language.equals(document.language()))) {
				for (CleanedDocument document : (Iterable<CleanedDocument>) stream::iterator) {
					out.write(TwinJson.mapper().writeValueAsBytes(ExportedDocument.of(document)));
					out.write('\n');
				}
			}
		};
		return ResponseEntity.ok().contentType(NDJSON).body(body);
	}

	/** One line of the export. */
	record ExportedDocument(String id, String type, String platform, String authorId, String link, String title,
			String text, String contentHash, String crawledAt, String clusterTime, String language, String heldBack,
			String duplicateOf) {

		static ExportedDocument of(CleanedDocument document) {
			return new ExportedDocument(document.id(), document.type(), document.platform(), document.authorId(),
					document.link(), document.title(), document.text(), document.contentHash(),
					(document.crawledAt() != null) ? document.crawledAt().toString() : null,
					(document.clusterTime() != null)
							? document.clusterTime().seconds() + "." + document.clusterTime().increment() : null,
					document.language(), document.heldBack(), document.duplicateOf());
		}

	}

}

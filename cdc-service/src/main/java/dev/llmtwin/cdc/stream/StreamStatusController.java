package dev.llmtwin.cdc.stream;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/cdc/status}: one entry per watched collection;
 * {@code POST /api/cdc/snapshot}: publish every document again (all collections, or the
 * one named by {@code collection}).
 */
@RestController
@RequestMapping("/api/cdc")
class StreamStatusController {

	private final ChangeStreams streams;

	StreamStatusController(ChangeStreams streams) {
		this.streams = streams;
	}

	@GetMapping("/status")
	CdcStatus status() {
		return new CdcStatus(this.streams.statuses().stream().map(StreamStatus::view).toList());
	}

	/**
	 * Accepted: the active instance of each stream publishes the snapshot, then goes on
	 * with the stream from its stored position (nothing between is missed).
	 */
	@PostMapping("/snapshot")
	@ResponseStatus(HttpStatus.ACCEPTED)
	SnapshotRequest snapshot(@RequestParam(required = false) String collection) {
		List<String> requested = this.streams.requestSnapshot(collection);
		if (requested.isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND,
					"No stream watches collection '" + collection + "'");
		}
		return new SnapshotRequest(requested);
	}

	record CdcStatus(List<StreamStatus.View> streams) {
	}

	record SnapshotRequest(List<String> collections) {
	}

}

package dev.llmtwin.cdc.stream;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/cdc/status}: one entry per watched collection. */
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

	record CdcStatus(List<StreamStatus.View> streams) {
	}

}

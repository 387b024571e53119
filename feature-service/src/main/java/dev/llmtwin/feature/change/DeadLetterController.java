package dev.llmtwin.feature.change;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.llmtwin.feature.change.DeadLetterQueue.DeadLetter;

/** The dead-letter queue of {@code feature.raw-changes}: list and replay. */
@RestController
@RequestMapping("/api/dlq")
class DeadLetterController {

	private final DeadLetterQueue queue;

	DeadLetterController(DeadLetterQueue queue) {
		this.queue = queue;
	}

	@GetMapping
	DeadLetters list(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
		List<DeadLetter> letters = this.queue.list(limit);
		return new DeadLetters(letters.size(), letters);
	}

	@PostMapping("/replay")
	DeadLetters replay(@RequestParam(defaultValue = "1000") @Min(1) @Max(100000) int limit) {
		List<DeadLetter> letters = this.queue.replay(limit);
		return new DeadLetters(letters.size(), letters);
	}

	record DeadLetters(int count, List<DeadLetter> deadLetters) {
	}

}

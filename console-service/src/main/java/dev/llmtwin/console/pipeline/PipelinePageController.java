package dev.llmtwin.console.pipeline;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.llmtwin.console.fleet.Answer;
import dev.llmtwin.console.fleet.FleetClient;
import dev.llmtwin.console.fleet.FleetException;
import dev.llmtwin.console.fleet.Pipeline;

/** Each stage's counts, refreshed live; replay of dead letters; re-publishing. */
@Controller
@RequestMapping("/pipeline")
class PipelinePageController {

	static final int DEAD_LETTERS_SHOWN = 50;

	private final FleetClient fleet;

	PipelinePageController(FleetClient fleet) {
		this.fleet = fleet;
	}

	@GetMapping
	String pipeline(Model model) {
		stages(model);
		return "pipeline";
	}

	@GetMapping("/live")
	String live(Model model) {
		stages(model);
		return "pipeline :: stages";
	}

	private void stages(Model model) {
		model.addAttribute("stats", Answer.of(this.fleet::stats));
		model.addAttribute("cdc", Answer.of(this.fleet::cdcStatus));
		model.addAttribute("deadLetters", Answer.of(() -> this.fleet.deadLetters(DEAD_LETTERS_SHOWN)));
	}

	@PostMapping("/replay")
	String replay(RedirectAttributes redirect) {
		try {
			Pipeline.DeadLetters replayed = this.fleet.replayDeadLetters();
			redirect.addFlashAttribute("notice",
					((replayed.count() == 1) ? "1 dead letter" : replayed.count() + " dead letters")
							+ " sent back to the feature queue");
		}
		catch (FleetException ex) {
			redirect.addFlashAttribute("failure", ex);
		}
		return "redirect:/pipeline";
	}

	/** CDC publishes every raw document again; the feature service skips what it has. */
	@PostMapping("/snapshot")
	String snapshot(RedirectAttributes redirect) {
		try {
			Pipeline.SnapshotRequest request = this.fleet.snapshot();
			redirect.addFlashAttribute("notice", "Re-publishing every document of "
					+ String.join(", ", request.collections()) + "; missing ones are embedded as they arrive");
		}
		catch (FleetException ex) {
			redirect.addFlashAttribute("failure", ex);
		}
		return "redirect:/pipeline";
	}

}

package dev.llmtwin.console.search;

import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

import dev.llmtwin.console.fleet.Answer;
import dev.llmtwin.console.fleet.FleetClient;
import dev.llmtwin.console.fleet.SearchQuery;

/** A query box with filters, the hits, and a document's own view. */
@Controller
class SearchPageController {

	static final List<String> TYPES = List.of("article", "post", "code");

	static final List<String> MODES = List.of("hybrid", "dense", "lexical");

	private final FleetClient fleet;

	SearchPageController(FleetClient fleet) {
		this.fleet = fleet;
	}

	@GetMapping("/search")
	String search(@ModelAttribute("query") SearchQuery query, Model model) {
		model.addAttribute("types", TYPES);
		model.addAttribute("modes", MODES);
		if (!query.isBlank()) {
			model.addAttribute("results", Answer.of(() -> this.fleet.search(query)));
		}
		return "search";
	}

	@GetMapping("/documents/{id}")
	String document(@PathVariable String id, Model model) {
		model.addAttribute("document", Answer.of(() -> this.fleet.document(id)));
		return "document";
	}

}

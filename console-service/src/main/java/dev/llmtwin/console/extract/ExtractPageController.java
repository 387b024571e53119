package dev.llmtwin.console.extract;

import java.io.IOException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import dev.llmtwin.console.fleet.Answer;
import dev.llmtwin.console.fleet.FleetClient;

/**
 * Paste a link or upload a saved page and see what the crawler would store: nothing is
 * stored.
 */
@Controller
@RequestMapping("/extract")
class ExtractPageController {

	private final FleetClient fleet;

	ExtractPageController(FleetClient fleet) {
		this.fleet = fleet;
	}

	@GetMapping
	String form() {
		return "extract";
	}

	@PostMapping
	String extract(@RequestParam(required = false) String url,
			@RequestParam(name = "page", required = false) MultipartFile page, Model model) throws IOException {
		model.addAttribute("url", url);
		if (page != null && !page.isEmpty()) {
			byte[] html = page.getBytes();
			model.addAttribute("fileName", page.getOriginalFilename());
			model.addAttribute("extracted", Answer.of(() -> this.fleet.extract(html, url)));
		}
		else if (url != null && !url.isBlank()) {
			model.addAttribute("extracted", Answer.of(() -> this.fleet.extract(url.strip())));
		}
		else {
			model.addAttribute("missing", true);
		}
		return "extract";
	}

}

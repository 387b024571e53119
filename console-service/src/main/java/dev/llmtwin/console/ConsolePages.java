package dev.llmtwin.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's start page and its sign-in form. */
@Controller
class ConsolePages {

	@GetMapping("/")
	String home() {
		return "redirect:/crawls";
	}

	@GetMapping("/login")
	String signIn() {
		return "login";
	}

}

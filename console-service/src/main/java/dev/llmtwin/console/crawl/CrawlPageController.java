package dev.llmtwin.console.crawl;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.llmtwin.console.fleet.Answer;
import dev.llmtwin.console.fleet.CrawlJobs;
import dev.llmtwin.console.fleet.FleetClient;
import dev.llmtwin.console.fleet.FleetException;

/**
 * Crawls: submit, watch, cancel, re-crawl. Every action is a plain form that works
 * without JavaScript; htmx only refreshes the jobs and shows the links' sources live.
 */
@Controller
@RequestMapping("/crawls")
class CrawlPageController {

	static final int JOBS_SHOWN = 20;

	private final FleetClient fleet;

	CrawlPageController(FleetClient fleet) {
		this.fleet = fleet;
	}

	@GetMapping
	String crawls(Model model) {
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", CrawlForm.EMPTY);
		}
		model.addAttribute("jobs", Answer.of(() -> this.fleet.jobs(0, JOBS_SHOWN)));
		return "crawls";
	}

	/** The jobs list alone, which the page asks for again while jobs run. */
	@GetMapping("/jobs")
	String jobs(Model model) {
		model.addAttribute("jobs", Answer.of(() -> this.fleet.jobs(0, JOBS_SHOWN)));
		return "crawls :: jobs";
	}

	@PostMapping
	String submit(@ModelAttribute CrawlForm form, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		try {
			CrawlJobs.Job job = this.fleet.submit(form.author(), form.linkList());
			redirect.addFlashAttribute("notice", "Crawl job %s accepted: %d links by %s".formatted(job.id(),
					job.counts().total(), job.author().fullName()));
			return "redirect:/crawls";
		}
		catch (FleetException ex) {
			response.setStatus((ex.status() >= 400) ? ex.status() : HttpServletResponse.SC_BAD_GATEWAY);
			model.addAttribute("form", form);
			model.addAttribute("formError", ex);
			return crawls(model);
		}
	}

	/** Where each link of the form would go, as the operator types them. */
	@PostMapping("/routes")
	String routes(@ModelAttribute CrawlForm form, Model model) {
		List<String> links = form.linkList();
		model.addAttribute("routes", links.isEmpty() ? null : Answer.of(() -> this.fleet.routes(links)));
		return "crawls :: routes";
	}

	@GetMapping("/{id}")
	String job(@PathVariable String id, @RequestParam(defaultValue = "0") int linksPage, Model model) {
		model.addAttribute("job", Answer.of(() -> this.fleet.job(id, Math.max(0, linksPage))));
		return "crawl";
	}

	@PostMapping("/{id}/cancel")
	String cancel(@PathVariable String id, RedirectAttributes redirect) {
		try {
			CrawlJobs.Job job = this.fleet.cancel(id);
			redirect.addFlashAttribute("notice", "Crawl job %s: %d queued links cancelled".formatted(job.id(),
					(job.cancelled() != null) ? job.cancelled() : 0));
		}
		catch (FleetException ex) {
			redirect.addFlashAttribute("failure", ex);
		}
		return "redirect:/crawls";
	}

	/**
	 * A new job with the same author and links (stored pages that did not change write
	 * nothing).
	 */
	@PostMapping("/{id}/recrawl")
	String recrawl(@PathVariable String id, RedirectAttributes redirect) {
		try {
			CrawlJobs.Job job = this.fleet.job(id, 0);
			List<String> links = new ArrayList<>();
			int page = 0;
			while (true) {
				job.links().forEach((link) -> links.add((link.given() != null) ? link.given() : link.link()));
				if (!job.hasMoreLinks()) {
					break;
				}
				job = this.fleet.job(id, ++page);
			}
			CrawlJobs.Job again = this.fleet.submit(job.author().fullName(), links);
			redirect.addFlashAttribute("notice",
					"Crawl job %s started again as %s: %d links".formatted(id, again.id(), again.counts().total()));
		}
		catch (FleetException ex) {
			redirect.addFlashAttribute("failure", ex);
		}
		return "redirect:/crawls";
	}

}

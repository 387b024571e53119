/**
 * The crawls page: a form for an author and their links (with the source each link goes
 * to shown as they are typed), the jobs with live progress, failures with their reasons,
 * cancel and re-crawl.
 */
package dev.llmtwin.console.crawl;

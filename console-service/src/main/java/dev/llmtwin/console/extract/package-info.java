/** The extraction preview: what the crawler would store of a link or a saved page. */
package dev.llmtwin.console.extract;

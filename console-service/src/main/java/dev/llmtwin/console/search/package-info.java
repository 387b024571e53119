/**
 * The search playground and the document view: hits with their matching words marked, a
 * document's cleaned text and chunks.
 */
package dev.llmtwin.console.search;

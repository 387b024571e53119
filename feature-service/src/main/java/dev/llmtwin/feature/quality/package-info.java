/**
 * Quality gates before embedding: a document too short for its type, or a page that is
 * not the person's writing (a login wall, a cookie or consent page, an error page, a list
 * of links), is held back with its reason instead of embedded.
 */
package dev.llmtwin.feature.quality;

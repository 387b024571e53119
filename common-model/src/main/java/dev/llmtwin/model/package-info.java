/**
 * The wire types every service shares: the raw documents, the change envelope, crawl
 * commands, AMQP names and ids.
 */
package dev.llmtwin.model;

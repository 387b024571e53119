/**
 * The change-data-capture service: one change stream per raw collection, published to
 * RabbitMQ with publisher confirms.
 */
package dev.llmtwin.cdc;

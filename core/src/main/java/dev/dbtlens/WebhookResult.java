package dev.dbtlens;

/**
 * The outcome of posting alerts to one webhook URL.
 *
 * @param url the URL
 * @param delivered whether it answered 2xx
 * @param attempts how many posts were made
 * @param error the last error (an HTTP status or an I/O error), or null when delivered
 */
public record WebhookResult(String url, boolean delivered, int attempts, String error) { }

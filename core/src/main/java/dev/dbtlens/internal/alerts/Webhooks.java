package dev.dbtlens.internal.alerts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbtlens.Alert;
import dev.dbtlens.internal.dbt.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Posts alerts to webhook URLs as JSON: dbtlens' own payload ({@code {"source": "dbtlens",
 * "alerts": [...]}}) or Slack's incoming-webhook payload ({@code {"text": ...}}). A failed post is
 * retried with exponential backoff, then reported; it never throws.
 */
public final class Webhooks {
  private static final System.Logger LOG = System.getLogger("dev.dbtlens");

  /** The outcome of one URL. */
  public record Outcome(String url, boolean delivered, int attempts, String error) { }

  private final HttpClient client;
  private final int attempts;
  private final Duration backoff;
  private final Duration timeout;

  /**
   * @param attempts tries per URL (at least 1)
   * @param backoff the wait before the second try; doubled before each further one
   * @param timeout per request
   */
  public Webhooks(int attempts, Duration backoff, Duration timeout) {
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    this.attempts = Math.max(1, attempts);
    this.backoff = backoff;
    this.timeout = timeout;
  }

  /**
   * @param alerts the alerts (nothing is posted when empty)
   * @param urls webhook URLs
   * @param slack Slack's payload instead of dbtlens'
   * @return one outcome per URL
   */
  public List<Outcome> deliver(List<Alert> alerts, List<String> urls, boolean slack) {
    List<Outcome> out = new ArrayList<>();
    if (alerts.isEmpty()) {
      return out;
    }
    String body = slack ? slackPayload(alerts) : payload(alerts);
    for (String url : urls) {
      out.add(post(url, body));
    }
    return out;
  }

  private Outcome post(String url, String body) {
    String error = null;
    Duration wait = backoff;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      try {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 == 2) {
          return new Outcome(url, true, attempt, null);
        }
        error = "HTTP " + response.statusCode();
      } catch (IOException | IllegalArgumentException e) {
        error = e.getClass().getSimpleName() + ": " + e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Outcome(url, false, attempt, "interrupted");
      }
      if (attempt < attempts) {
        try {
          Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return new Outcome(url, false, attempt, "interrupted");
        }
        wait = wait.multipliedBy(2);
      }
    }
    LOG.log(System.Logger.Level.WARNING, "webhook " + url + " failed after " + attempts
        + " attempts: " + error);
    return new Outcome(url, false, attempts, error);
  }

  static String payload(List<Alert> alerts) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("source", "dbtlens");
    ArrayNode list = root.putArray("alerts");
    for (Alert a : alerts) {
      ObjectNode o = list.addObject();
      o.put("id", a.id());
      o.put("environment", a.environment());
      o.put("invocation_id", a.invocationId());
      o.put("unique_id", a.uniqueId());
      o.put("resource_type", a.resourceType());
      o.put("kind", a.kind());
      o.put("severity", a.severity());
      o.put("status", a.status());
      o.put("previous_status", a.previousStatus());
      o.put("execution_time", a.executionTime());
      o.put("baseline_time", a.baselineTime());
      o.put("message", a.message());
      o.put("detected_at", a.detectedAt() == null ? null : a.detectedAt().toString());
      if (a.ruleName() != null) {
        o.put("rule_name", a.ruleName());
        o.put("category", a.category());
        o.put("violation_id", a.violationId());
      }
    }
    return root.toString();
  }

  static String slackPayload(List<Alert> alerts) {
    StringBuilder text = new StringBuilder();
    text.append("dbtlens: ").append(alerts.size()).append(alerts.size() == 1 ? " alert" : " alerts")
        .append(" in environment ").append(alerts.get(0).environment());
    for (Alert a : alerts) {
      String icon = switch (a.severity()) {
        case "error" -> ":red_circle:";
        case "warn" -> ":warning:";
        default -> ":large_green_circle:";
      };
      text.append('\n').append(icon).append(' ').append(a.message());
    }
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("text", text.toString());
    return root.toString();
  }
}

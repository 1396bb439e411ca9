package dev.dbtlens.cli.support;

import dev.dbtlens.Alert;
import dev.dbtlens.DbtLens;
import dev.dbtlens.WebhookResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --alerts}, {@code --webhook URL} (repeatable) and {@code --slack} of the commands that
 * derive alerts ({@code ingest}, {@code follow}; docs/alerts.md). A failed delivery is a warning on
 * stderr, never a failure.
 */
public final class AlertOptions {
  @Option(names = "--alerts",
      description = "Print the alerts this command raised (new test failures and recoveries, models"
          + " that errored or recovered, sources that became stale, models notably slower than"
          + " their history, new recommendations).")
  public boolean print;

  @Option(names = "--webhook", paramLabel = "URL",
      description = "POST the alerts raised as JSON to URL (repeatable), retrying with backoff;"
          + " a failed delivery is a warning and never fails the command.")
  public List<String> webhooks = new ArrayList<>();

  @Option(names = "--slack",
      description = "Post Slack's incoming-webhook payload ({\"text\": ...}) instead of dbtlens' own.")
  public boolean slack;

  /** @return true when alerts are printed or delivered */
  public boolean wanted() {
    return print || !webhooks.isEmpty();
  }

  /**
   * Prints and delivers alerts as the options say.
   *
   * @param lens the database (for delivery)
   * @param alerts the alerts
   * @param out stdout
   * @param status stderr, for failed deliveries
   */
  public void handle(DbtLens lens, List<Alert> alerts, PrintWriter out, StatusLine status) {
    if (print) {
      for (Alert a : alerts) {
        out.println(line(a));
      }
      out.flush();
    }
    if (!webhooks.isEmpty() && !alerts.isEmpty()) {
      for (WebhookResult r : lens.alerts().deliver(alerts, webhooks, slack)) {
        if (!r.delivered()) {
          status.println("warning: webhook " + r.url() + " not delivered after " + r.attempts()
              + " attempts: " + r.error());
        }
      }
    }
  }

  /**
   * @param a an alert
   * @return e.g. {@code error  test_failed  test.shop.not_null_orders_id  test ... fail (was pass)}
   */
  public static String line(Alert a) {
    return String.format("alert %-5s %-15s %s", a.severity(), a.kind(), a.message());
  }
}

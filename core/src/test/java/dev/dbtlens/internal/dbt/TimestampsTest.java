package dev.dbtlens.internal.dbt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The digit-by-digit reading of dbt's usual timestamps gives what {@link java.time} gives, and
 * leaves every other text to it.
 */
class TimestampsTest {
  @Test
  void dbtsUsualShapesAreReadDigitByDigit() {
    LocalDateTime micros = LocalDateTime.of(2024, 1, 31, 12, 34, 56, 123_456_000);
    for (String t : List.of("2024-01-31T12:34:56.123456Z", "2024-01-31T12:34:56.123456",
        "2024-01-31 12:34:56.123456", "2024-01-31T12:34:56.123456+00:00", "2024-01-31T12:34:56.123456+0000")) {
      assertThat(Timestamps.utcFast(t)).as(t).isEqualTo(micros);
      assertThat(Timestamps.utcGeneral(t)).as(t).isEqualTo(micros);
    }
    assertThat(Timestamps.utcFast("2024-01-31T12:34:56Z")).isEqualTo(LocalDateTime.of(2024, 1, 31, 12, 34, 56));
    assertThat(Timestamps.utcFast("2024-01-31T12:34:56.1Z")).isEqualTo(LocalDateTime.of(2024, 1, 31, 12, 34, 56, 100_000_000));
    assertThat(Timestamps.utcFast("2024-01-31T12:34:56.123456789Z")).isEqualTo(LocalDateTime.of(2024, 1, 31, 12, 34, 56, 123_456_789));
  }

  @Test
  void otherShapesAreLeftToJavaTime() {
    assertThat(Timestamps.utcFast("2024-01-31T12:34:56-05:00")).isNull();
    assertThat(Timestamps.utc("2024-01-31T12:34:56-05:00")).isEqualTo(LocalDateTime.of(2024, 1, 31, 17, 34, 56));
    assertThat(Timestamps.utcFast("2024-01-31")).isNull();
    assertThat(Timestamps.utc("2024-01-31")).isEqualTo(LocalDateTime.of(2024, 1, 31, 0, 0));
    assertThat(Timestamps.utc(" 2024-01-31T12:34:56Z ")).isEqualTo(LocalDateTime.of(2024, 1, 31, 12, 34, 56));
    assertThat(Timestamps.utcFast("2024-02-30T00:00:00Z")).isNull();
    assertThat(Timestamps.utc("2024-02-30T00:00:00Z")).isNull();
    assertThat(Timestamps.utc("not a time")).isNull();
    assertThat(Timestamps.utc("")).isNull();
    assertThat(Timestamps.utc(null)).isNull();
  }

  /** Generated texts, valid and not: wherever the fast reading gives a value, java.time gives the same. */
  @Test
  void fastAndGeneralAgreeOnGeneratedTexts() {
    Random r = new Random(7);
    String[] seps = {"T", " ", "t", "x"};
    String[] suffixes = {"", "Z", "+00:00", "+0000", "-00:00", "+05:30", "-0800", " ", "z", "+00", "Zx", "+00:000"};
    int fast = 0;
    for (int i = 0; i < 50_000; i++) {
      String t = String.format("%04d-%02d-%02d%s%02d:%02d:%02d", 1990 + r.nextInt(50), r.nextInt(14),
          r.nextInt(33), seps[r.nextInt(seps.length)], r.nextInt(26), r.nextInt(61), r.nextInt(62));
      int fraction = r.nextInt(13) - 1;
      if (fraction >= 0) {
        StringBuilder f = new StringBuilder(".");
        for (int k = 0; k < fraction; k++) {
          f.append(r.nextInt(10));
        }
        t += f;
      }
      t += suffixes[r.nextInt(suffixes.length)];
      if (r.nextInt(20) == 0) {
        t = t.substring(0, r.nextInt(t.length()));
      }
      LocalDateTime f = Timestamps.utcFast(t);
      if (f != null) {
        fast++;
        assertThat(f).as(t).isEqualTo(Timestamps.utcGeneral(t));
      }
      assertThat(Timestamps.utc(t)).as(t).isEqualTo(f != null ? f : Timestamps.utcGeneral(t));
    }
    assertThat(fast).isGreaterThan(3_000); // 4,426 with this seed
  }
}

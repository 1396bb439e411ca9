package dev.dbtlens.testdata.internal.project;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.UUID;

/** Digests and deterministic identifiers. */
public final class Hashing {

    private Hashing() {
    }

    public static String sha256(String text) {
        return hex("SHA-256", text);
    }

    public static String md5(String text) {
        return hex("MD5", text);
    }

    private static String hex(String algorithm, String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance(algorithm);
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required by every JVM", e);
        }
    }

    /** A version-4 style UUID derived from a seed, a purpose and an index: same inputs, same UUID. */
    public static UUID uuid(long seed, long purpose, long index) {
        SplittableRandom r = new SplittableRandom(mix(seed, purpose, index));
        long msb = (r.nextLong() & 0xFFFFFFFFFFFF0FFFL) | 0x0000000000004000L;
        long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /** A stable 64-bit mix of several values, used to seed per-item random streams. */
    public static long mix(long... values) {
        long h = 0x9E3779B97F4A7C15L;
        for (long v : values) {
            h ^= v;
            h *= 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
            h *= 0x94D049BB133111EBL;
            h ^= h >>> 29;
        }
        return h;
    }
}

package dev.dwarfbind.debuginfo;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Finds the names closest to a misspelt one, for "no function X; did you mean Y?" messages.
 * Closeness is the edit distance, with a substring match counted as close.
 */
public final class NameSuggestions {
    private NameSuggestions() {
    }

    /** Up to {@code max} names from {@code known} that are close to {@code wanted}, closest first. */
    public static List<String> near(String wanted, Collection<String> known, int max) {
        String w = wanted.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, w.length() / 3);
        record Scored(String name, int score) {
        }
        return known.stream()
                .map(n -> {
                    String l = n.toLowerCase(Locale.ROOT);
                    int d = l.contains(w) || w.contains(l) ? Math.abs(l.length() - w.length()) / 4 : distance(w, l);
                    return new Scored(n, d);
                })
                .filter(s -> s.score() <= limit)
                .sorted(Comparator.comparingInt(Scored::score).thenComparing(Scored::name))
                .limit(max)
                .map(Scored::name)
                .toList();
    }

    /** "; did you mean a, b?" or "" when nothing is close. */
    public static String didYouMean(String wanted, Collection<String> known) {
        List<String> near = near(wanted, known, 3);
        return near.isEmpty() ? "" : "; did you mean " + String.join(", ", near) + "?";
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}

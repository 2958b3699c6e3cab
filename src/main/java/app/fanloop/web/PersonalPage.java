package app.fanloop.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import io.quarkus.arc.All;
import io.quarkus.qute.HtmlEscaper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * A rendered page with its personal slots ({@link PersonalSection}, {@link PersonalRendering#text}) and
 * how one member's copy is made from it: the facts the slots ask are loaded in one statement (every kind's
 * SQL joined by {@code union all}) and each slot is replaced by the branch or text that holds for them.
 */
@ApplicationScoped
public class PersonalPage {

    private static final HtmlEscaper ESCAPER = new HtmlEscaper(List.of("text/html"));

    private final EntityManager em;
    /** Every kind, looked up once (a request-scoped kind is a proxy for the current request's). */
    private final List<PersonalFacts> kinds;

    PersonalPage(EntityManager em, @All List<PersonalFacts> kinds) {
        this.em = em;
        this.kinds = kinds;
    }

    /** A page cut at its slots: literal text, choices between two branches, and texts. */
    public record Parsed(List<Part> parts, Map<String, Set<Long>> subjects) {

        /** Whether anything in it depends on the reader (a page without slots is one literal, or empty). */
        boolean personal() {
            return parts.size() > 1 || (parts.size() == 1 && !(parts.get(0) instanceof Literal));
        }
    }

    sealed interface Part permits Literal, Choice, Text {
    }

    record Literal(String text) implements Part {
    }

    record Choice(String kind, long subject, List<Part> yes, List<Part> no) implements Part {
    }

    record Text(String name) implements Part {
    }

    /** What holds for one member: per kind, the subjects; whether a guard holds. */
    public record Facts(Map<String, Set<Long>> holding, boolean guarded) {

        /** A visitor's: nothing holds. */
        static final Facts NONE = new Facts(Map.of(), false);

        boolean holds(String kind, long subject) {
            Set<Long> subjects = holding.get(kind);
            return subjects != null && subjects.contains(subject);
        }
    }

    /** Cuts a rendered page at its slots. */
    public static Parsed parse(String html) {
        Map<String, Set<Long>> subjects = new HashMap<>();
        List<Part> parts = new ArrayList<>();
        int end = parseInto(html, 0, parts, subjects, 0);
        if (end != html.length()) {
            throw new IllegalStateException("unbalanced personal slot at " + end);
        }
        return new Parsed(List.copyOf(parts), subjects);
    }

    /** Parses until the end or an {@code else}/{@code close} mark at depth > 0; returns where it stopped. */
    private static int parseInto(String html, int from, List<Part> parts, Map<String, Set<Long>> subjects, int depth) {
        String mark = PersonalRendering.MARK;
        int at = from;
        while (true) {
            int next = html.indexOf(mark, at);
            if (next < 0) {
                literal(parts, html, at, html.length());
                return html.length();
            }
            literal(parts, html, at, next);
            int code = next + mark.length();
            char kind = html.charAt(code);
            if (kind == '|' || kind == '/') {
                if (depth == 0) {
                    throw new IllegalStateException("personal slot mark outside a slot at " + next);
                }
                return next;
            }
            if (kind == '=') {
                int semi = html.indexOf(';', code);
                parts.add(new Text(html.substring(code + 1, semi)));
                at = semi + 1;
                continue;
            }
            // '<' kind ':' subject '>'
            int colon = html.indexOf(':', code);
            int gt = html.indexOf('>', colon);
            String factKind = html.substring(code + 1, colon);
            long subject = Long.parseLong(html.substring(colon + 1, gt));
            subjects.computeIfAbsent(factKind, k -> new HashSet<>()).add(subject);
            List<Part> yes = new ArrayList<>();
            int stop = parseInto(html, gt + 1, yes, subjects, depth + 1);
            List<Part> no = new ArrayList<>();
            if (html.charAt(stop + mark.length()) == '|') {
                stop = parseInto(html, stop + mark.length() + 1, no, subjects, depth + 1);
            }
            if (stop >= html.length() || html.charAt(stop + mark.length()) != '/') {
                throw new IllegalStateException("personal slot without its end at " + next);
            }
            parts.add(new Choice(factKind, subject, List.copyOf(yes), List.copyOf(no)));
            at = stop + mark.length() + 1;
        }
    }

    private static void literal(List<Part> parts, String html, int from, int to) {
        if (to > from) {
            parts.add(new Literal(html.substring(from, to)));
        }
    }

    /**
     * The facts a page's slots ask about this member, and the guards when {@code withGuards}, in one
     * statement; nothing is asked when the page has no slot that needs the database.
     */
    @SuppressWarnings("unchecked")
    public Facts load(long memberId, Map<String, Set<Long>> subjects, boolean withGuards, PersonalRendering rendering) {
        Map<String, Set<Long>> holding = new HashMap<>();
        StringJoiner union = new StringJoiner(" union all ");
        Map<String, Long[]> arrays = new HashMap<>();
        Set<String> guards = new HashSet<>();
        int n = 0;
        for (PersonalFacts facts : kinds) {
            Set<Long> asked = subjects.get(facts.kind());
            if (facts.guard() ? !withGuards : asked == null) {
                continue;
            }
            Map<Long, Boolean> known = rendering.known(facts.kind());
            if (facts.sql() == null || (!facts.guard() && known.keySet().containsAll(asked))) {
                Set<Long> yes = new HashSet<>();
                for (long subject : asked) {
                    if (known.containsKey(subject) ? known.get(subject) : facts.holds(subject)) {
                        yes.add(subject);
                    }
                }
                holding.put(facts.kind(), yes);
                continue;
            }
            if (facts.guard()) {
                guards.add(facts.kind());
            }
            String ids = "ids" + n++;
            union.add("select cast('" + facts.kind() + "' as text), cast(x as bigint) from ("
                    + facts.sql().replace(":ids", ":" + ids) + ") as " + ids + "(x)");
            if (asked != null) {
                arrays.put(ids, asked.toArray(Long[]::new));
            }
        }
        boolean guarded = false;
        if (union.length() > 0) {
            var query = em.createNativeQuery(union.toString()).setParameter("member", memberId);
            arrays.forEach(query::setParameter);
            for (Object[] row : (List<Object[]>) query.getResultList()) {
                String kind = (String) row[0];
                if (guards.contains(kind)) {
                    guarded = true;
                } else {
                    holding.computeIfAbsent(kind, k -> new HashSet<>()).add(((Number) row[1]).longValue());
                }
            }
        }
        return new Facts(holding, guarded);
    }

    /** One member's copy of the page. */
    public static String fill(Parsed page, Facts facts, PersonalRendering texts) {
        if (!page.personal()) {
            return page.parts().isEmpty() ? "" : ((Literal) page.parts().get(0)).text();
        }
        StringBuilder out = new StringBuilder(8192);
        fill(page.parts(), facts, texts, out);
        return out.toString();
    }

    private static void fill(List<Part> parts, Facts facts, PersonalRendering texts, StringBuilder out) {
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                out.append(literal.text());
            } else if (part instanceof Choice choice) {
                fill(facts.holds(choice.kind(), choice.subject()) ? choice.yes() : choice.no(), facts, texts, out);
            } else if (part instanceof Text text) {
                out.append(ESCAPER.map(texts.textNow(text.name()), null));
            }
        }
    }
}

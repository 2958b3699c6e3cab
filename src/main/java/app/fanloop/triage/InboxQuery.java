package app.fanloop.triage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import app.fanloop.member.Visibility;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.SuggestionKind;
import app.fanloop.web.Page;
import app.fanloop.web.Pages;
import io.quarkus.panache.common.Parameters;

/** One page of the PM inbox: OPEN suggestions across boards, sorted and filtered. */
public record InboxQuery(Sort sort, Long boardId, SuggestionKind kind, Age age, int page) {

    public static final int PAGE_SIZE = 30;

    public enum Sort {
        PRIORITY, VOTES, TRENDING, NEWEST, WAITING;

        public String param() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How old the suggestions are: posted within a day, a week, a month, or before that. */
    public enum Age {
        DAY(Duration.ofDays(1)), WEEK(Duration.ofDays(7)), MONTH(Duration.ofDays(30)), OLDER(Duration.ofDays(30));

        final Duration span;

        Age(Duration span) {
            this.span = span;
        }

        public String param() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static InboxQuery of(String sort, Long boardId, String kind, String age, Integer page) {
        return new InboxQuery(parse(Sort.class, sort, Sort.PRIORITY), boardId, SuggestionKind.parse(kind),
                parse(Age.class, age, null), Pages.clamp(page, 200));
    }

    /** The page's suggestions with board and author in one statement; {@code now} is the site clock's time. */
    Page<Suggestion> run(TriageConfig.Weights weights, double nowExponent, Instant now) {
        StringBuilder where = new StringBuilder("s.status = app.fanloop.suggestion.SuggestionStatus.OPEN and " + Visibility.jpqlShown("s"));
        Parameters params = new Parameters();
        if (boardId != null) {
            where.append(" and s.board.id = :board");
            params.and("board", boardId);
        }
        if (kind != null) {
            where.append(" and s.kind = :kind");
            params.and("kind", kind);
        }
        if (age != null) {
            where.append(age == Age.OLDER ? " and s.createdAt < :since" : " and s.createdAt >= :since");
            params.and("since", now.minus(age.span));
        }
        if (sort == Sort.WAITING) {
            where.append(" and s.firstResponseAt is null");
        }
        String order = switch (sort) {
            case PRIORITY -> String.format(Locale.ROOT,
                    "(%f * ln(1 + s.voteCount) + %f * ln(1 + power(2, least(60, greatest(-1000, s.trending - %f))))"
                            + " + %f * ln(1 + s.commentCount)) desc, s.id desc",
                    weights.votes(), weights.heat(), nowExponent, weights.comments());
            case VOTES -> "s.voteCount desc, s.id desc";
            case TRENDING -> "s.trending desc, s.id desc";
            case NEWEST -> "s.createdAt desc, s.id desc";
            case WAITING -> "s.createdAt, s.id";
        };
        List<Suggestion> rows = Suggestion.<Suggestion> find("from Suggestion s join fetch s.board join fetch s.author where "
                + where + " order by " + order, params)
                .range((page - 1) * PAGE_SIZE, page * PAGE_SIZE).list();
        return Page.of(rows, page, PAGE_SIZE);
    }

    /** The query string without the page number, for pagination links. */
    public String pageBase() {
        StringBuilder q = new StringBuilder("?sort=").append(sort.param());
        if (boardId != null) {
            q.append("&board=").append(boardId);
        }
        if (kind != null) {
            q.append("&kind=").append(kind.name());
        }
        if (age != null) {
            q.append("&age=").append(age.param());
        }
        return q.append("&page=").toString();
    }

    public String kindParam() {
        return kind == null ? "" : kind.name();
    }

    public String ageParam() {
        return age == null ? "" : age.param();
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, E fallback) {
        if (value != null) {
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(value.strip())) {
                    return e;
                }
            }
        }
        return fallback;
    }
}

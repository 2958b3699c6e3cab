package app.fanloop.suggestion;

import java.time.Instant;
import java.util.List;

import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.member.Visibility;
import org.hibernate.annotations.DynamicUpdate;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

/** 建议: an idea or a bug report on a board, with its votes, comments and status. */
@Entity
@DynamicUpdate
public class Suggestion extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public Board board;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public Member author;

    @Enumerated(EnumType.STRING)
    public SuggestionKind kind;

    public String title;
    /** Markdown as written. */
    public String body;
    /** The sanitised HTML of the body, rendered when written. */
    public String bodyHtml;

    public String deviceModel;
    public String systemVersion;
    @Enumerated(EnumType.STRING)
    public Frequency frequency;
    public String steps;
    /** The build a bug report on a program's private board was found on (only there). */
    public String build;

    /**
     * The beta program whose private board the post is on (copied from the board when filed or moved), or null:
     * then readable only by the program's testers and staff (member/Visibility).
     */
    public Long programId;

    @Enumerated(EnumType.STRING)
    public SuggestionStatus status = SuggestionStatus.OPEN;

    // Counters are kept exact by SQL updates in the same transaction as the write; never set them here.
    @Column(insertable = false, updatable = false)
    public int voteCount;
    @Column(insertable = false, updatable = false)
    public int commentCount;
    /** Pictures and logs attached (attachment/Attachments keeps them exact). */
    @Column(insertable = false, updatable = false)
    public int imageCount;
    @Column(insertable = false, updatable = false)
    public int logCount;
    @Column(insertable = false, updatable = false)
    public int followerCount;
    public double trending;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "merged_into_id")
    public Suggestion mergedInto;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "official_comment_id", insertable = false, updatable = false)
    public Comment officialComment;

    /** The release that shipped it, if a release did; set when the release is published. */
    @Column(name = "shipped_release_id", insertable = false, updatable = false)
    public Long shippedReleaseId;

    /** The feature item (需求) this suggestion is tracked under, if any. */
    public Long featureItemId;

    /** When staff first answered officially; the 48-hour answer target is measured against it. */
    public Instant firstResponseAt;

    public boolean hidden;
    public String hiddenReason;
    /** Hidden automatically because enough members reported it; pending an admin's review. */
    public boolean hiddenByReports;
    /** Open reports; kept by SQL in the moderation service. */
    @Column(insertable = false, updatable = false)
    public int openReports;
    public boolean locked;
    public boolean pinned;

    public Instant createdAt;
    public Instant editedAt;
    public Instant statusChangedAt;

    /** Locked, merged, shipped or on an archived board: what its author wrote stands as it is (admins may still edit). */
    public boolean isClosedToAuthor() {
        return locked || status == SuggestionStatus.MERGED || status == SuggestionStatus.SHIPPED || board.archived;
    }

    public String path() {
        return path(id);
    }

    static String path(long id) {
        return "/suggestions/" + id;
    }

    public String votePath() {
        return votePath(id);
    }

    static String votePath(long id) {
        return path(id) + "/vote";
    }

    public String editPath() {
        return path() + "/edit";
    }

    public String followPath() {
        return path() + "/follow";
    }

    public String commentsPath() {
        return path() + "/comments";
    }

    public String statusPath() {
        return path() + "/status";
    }

    public String moderationPath() {
        return "/admin/reports/suggestion/" + id;
    }

    public String reportPath() {
        return path() + "/report";
    }

    public String mergePath() {
        return path() + "/merge";
    }

    /** Staff: suggestions that look like this one, to merge it into. */
    public String duplicatesPath() {
        return path() + "/duplicates";
    }

    public String unmergePath() {
        return path() + "/unmerge";
    }

    /** Votes are taken while the suggestion is not locked, merged or on an archived board. */
    public boolean isOpenForVotes() {
        return openForVotes(locked, status, board.archived);
    }

    /** The same rule from the three facts, for a row or a vote that reads them without loading the suggestion. */
    static boolean openForVotes(boolean locked, SuggestionStatus status, boolean boardArchived) {
        return !locked && status != SuggestionStatus.MERGED && !boardArchived;
    }

    public boolean isBug() {
        return kind == SuggestionKind.BUG;
    }

    /** A suggestion with its board and author, in one statement. */
    public static Suggestion loadFull(long id) {
        return find("from Suggestion s join fetch s.board join fetch s.author where s.id = ?1", id)
                .firstResult();
    }

    /** The most trending suggestions across all boards, for the home page; {@code boards}: all boards. */
    public static List<SuggestionRow> trendingEverywhere(int limit, List<Board> boards) {
        return SuggestionRow.of(getEntityManager().createQuery("""
                select %s from Suggestion s join s.author a
                where %s and s.status <> :merged and s.board.archived = false
                order by s.trending desc, s.id desc""".formatted(SuggestionRow.COLUMNS, Visibility.jpqlPublic("s")),
                Object[].class).setParameter("merged", SuggestionStatus.MERGED).setMaxResults(limit).getResultList(),
                SuggestionRow.boardsOf(boards));
    }

    /** The suggestions shipped last; {@code boards}: all boards. */
    public static List<SuggestionRow> recentlyShipped(int limit, List<Board> boards) {
        return SuggestionRow.of(getEntityManager().createQuery("""
                select %s from Suggestion s join s.author a
                where %s and s.status = :shipped
                order by s.statusChangedAt desc, s.id desc""".formatted(SuggestionRow.COLUMNS, Visibility.jpqlPublic("s")),
                Object[].class).setParameter("shipped", SuggestionStatus.SHIPPED).setMaxResults(limit).getResultList(),
                SuggestionRow.boardsOf(boards));
    }
}

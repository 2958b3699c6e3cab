package app.fanloop.board;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.hibernate.annotations.DynamicUpdate;

import app.fanloop.member.Visibility;
import app.fanloop.web.SiteClock;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** 版块: where suggestions and bug reports are filed. */
@Entity
@DynamicUpdate
public class Board extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String slug;
    public String name;
    public String nameEn;
    public String description;
    public String descriptionEn;
    public boolean acceptsSuggestions = true;
    public boolean acceptsBugs = true;
    public int position;
    public boolean archived;
    /**
     * The beta program (内测) whose private board this is, or null for a public board: only the program's testers
     * and staff see it and its posts (member/Visibility). Set by the beta program's service.
     */
    public Long programId;
    @Column(insertable = false, updatable = false)
    public int suggestionCount;
    public Instant createdAt = SiteClock.current();

    /** Any board by slug, private or not: for admins' pages; readers' pages use {@link #findBySlug(String, Visibility)}. */
    public static Optional<Board> findBySlug(String slug) {
        return find("slug", slug).firstResultOptional();
    }

    /**
     * The board with this slug if this reader may read it: a program's private board exists only for its testers
     * and staff (member/Visibility); for everyone else it is not there (404).
     */
    public static Optional<Board> findBySlug(String slug, Visibility reader) {
        return findBySlug(slug).filter(b -> reader.mayReadProgram(b.programId));
    }

    /** Boards shown to this reader, in the admin's order: not archived, and private ones only to who may read them. */
    public static List<Board> listed(Visibility reader) {
        return listedAmong(all(), reader);
    }

    /** The listed boards out of {@link #all()} (which lists them first, in their order): for a page that has all. */
    public static List<Board> listedAmong(List<Board> all, Visibility reader) {
        return all.stream().filter(b -> !b.archived && reader.mayReadProgram(b.programId)).toList();
    }

    /** The boards out of {@link #all()} this reader may read, archived ones included (a search filter). */
    public static List<Board> readableAmong(List<Board> all, Visibility reader) {
        return all.stream().filter(b -> reader.mayReadProgram(b.programId)).toList();
    }

    /** A beta program's private board (内测): only its testers and staff see it. */
    public boolean isPrivate() {
        return programId != null;
    }

    public static List<Board> all() {
        return list("order by archived, position, id");
    }

    public String newSuggestionPath() {
        return "/boards/" + slug + "/suggestions";
    }

    public String followPath() {
        return "/boards/" + slug + "/follow";
    }

    public String adminPath() {
        return "/admin/boards/" + id;
    }

    public String movePath() {
        return adminPath() + "/move";
    }

    public String archivePath() {
        return adminPath() + "/archive";
    }

    /** The board's name in the reader's language, falling back to the main name. */
    public String name(Locale locale) {
        return isEnglish(locale) && nameEn != null && !nameEn.isBlank() ? nameEn : name;
    }

    public String description(Locale locale) {
        return isEnglish(locale) && descriptionEn != null && !descriptionEn.isBlank() ? descriptionEn : description;
    }

    private static boolean isEnglish(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage());
    }
}

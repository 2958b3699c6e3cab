package app.fanloop.board;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.hibernate.annotations.DynamicUpdate;

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
    @Column(insertable = false, updatable = false)
    public int suggestionCount;
    public Instant createdAt = SiteClock.current();

    public static Optional<Board> findBySlug(String slug) {
        return find("slug", slug).firstResultOptional();
    }

    /** Boards shown to fans, in the admin's order. */
    public static List<Board> listed() {
        return listedAmong(all());
    }

    /** The listed boards out of {@link #all()} (which lists them first, in their order): for a page that has all. */
    public static List<Board> listedAmong(List<Board> all) {
        return all.stream().filter(b -> !b.archived).toList();
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

package app.fanloop.member;

import java.time.Instant;
import java.util.Optional;

import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/** A signed-in person; created from the OpenID Connect token on first sign-in. */
@Entity
@DynamicUpdate
public class Member extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String subject;
    public String name;
    public String email;
    /** The picture the sign-in token names (an address at the provider); shown only when it is an https one. */
    public String picture;

    /** The member (or an admin) chose the display name: the sign-in token no longer renames them. */
    public boolean nameChosen;

    /** A few words about themselves (plain text, at most 300 characters), on their public profile. */
    public String bio = "";

    /** The picture the member uploaded (an AVATAR attachment, public once theirs), or null. */
    public Long avatarId;

    /** Roles granted in the app; the token's own roles are added at sign-in. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "local_roles", columnDefinition = "varchar(20)[]")
    public String[] localRoles = new String[0];

    /** The roles the sign-in token carried last time; lets the app list its staff. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "token_roles", columnDefinition = "varchar(20)[]")
    public String[] tokenRoles = new String[0];

    public Instant createdAt;
    public Instant lastSeenAt;

    /**
     * The beta programs whose private boards the member may read (accepted testers); read with the member on every
     * request and written only by {@link BetaAccess}.
     */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "beta_programs", columnDefinition = "bigint[]", insertable = false, updatable = false)
    public Long[] betaPrograms = new Long[0];

    /** 荣誉: experience points and the level they reach; kept by SQL with the points ledger (see Honours). */
    @Column(insertable = false, updatable = false)
    public int points;
    @Column(insertable = false, updatable = false)
    public int level = 1;

    /** An integration's member (its API key's), made by an admin: never a browser sign-in. */
    @Column(insertable = false, updatable = false)
    public boolean bot;

    /** The member keeps their honours private: off the contributor boards, a bare public profile. */
    @Column(insertable = false, updatable = false)
    public boolean honoursPrivate;

    /** Product managers and admins, by the roles they signed in with or were granted. */
    @SuppressWarnings("unchecked")
    public static java.util.List<Member> staff() {
        return getEntityManager().createNativeQuery("""
                select * from member where local_roles && '{pm,admin}'::varchar[] or token_roles && '{pm,admin}'::varchar[]
                order by name, id""", Member.class).getResultList();
    }

    /** The ids of admins (by the role they signed in with or a grant): whom the app tells about its own troubles. */
    @SuppressWarnings("unchecked")
    public static java.util.List<Long> adminIds() {
        java.util.List<Number> ids = getEntityManager().createNativeQuery("""
                select id from member where local_roles && '{admin}'::varchar[] or token_roles && '{admin}'::varchar[]
                order by id""").getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    /** Holds the pm or admin role, by the token they last signed in with or by a grant in the app. */
    public boolean holdsStaffRole() {
        for (String[] roles : new String[][] { localRoles, tokenRoles }) {
            for (String role : roles == null ? new String[0] : roles) {
                if (Role.PM.equals(role) || Role.ADMIN.equals(role)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The person with this display name, whatever its case (as {@code @name} in a post names them): the one finder of
     * a member by name, on V74's unique index over lower(name). Bots are never found by name.
     */
    public static Optional<Member> findByName(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        java.util.List<Member> found = getEntityManager()
                .createNativeQuery("select * from member where lower(name) = lower(:name) and not bot", Member.class)
                .setParameter("name", name.strip()).getResultList();
        return found.stream().findFirst();
    }

    /**
     * The people with these display names (lower case), for the names a post @mentions (mention/Mentions), in one
     * statement: the same rule as {@link #findByName}, for many names.
     */
    @SuppressWarnings("unchecked")
    public static java.util.List<Member> findByNames(java.util.Collection<String> lowerCaseNames) {
        if (lowerCaseNames.isEmpty()) {
            return java.util.List.of();
        }
        return getEntityManager().createNativeQuery("select * from member where lower(name) in (:names) and not bot",
                Member.class).setParameter("names", lowerCaseNames).getResultList();
    }

    public static Optional<Member> findBySubject(String subject) {
        return find("subject", subject).firstResultOptional();
    }

    public String path() {
        return "/members/" + id;
    }

    public String adminPath() {
        return "/admin/members/" + id;
    }

    /**
     * The picture shown for the member instead of the initials circle: the one they uploaded (served at
     * {@code /files/{id}}, see attachment.FilesResource), else their sign-in token's picture when it is an https
     * address (anything else could be mixed content or a script URL), else null.
     */
    public String avatarUrl() {
        if (avatarId != null) {
            return "/files/" + avatarId;
        }
        return isHttpsAddress(picture) ? picture.strip() : null;
    }

    static boolean isHttpsAddress(String url) {
        if (url == null || url.isBlank()) {
            return false;
        }
        try {
            java.net.URI uri = new java.net.URI(url.strip());
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && !uri.getHost().isEmpty();
        } catch (java.net.URISyntaxException malformed) {
            return false;
        }
    }

    /** One or two letters for the avatar circle. */
    public String initials() {
        if (name == null || name.isBlank()) {
            return "?";
        }
        return new String(Character.toChars(Character.toUpperCase(name.strip().codePointAt(0))));
    }
}

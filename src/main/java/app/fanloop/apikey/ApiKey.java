package app.fanloop.apikey;

import java.time.Instant;
import java.util.List;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import app.fanloop.member.Member;
import app.fanloop.member.Role;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/**
 * An admin-made credential of an integration: it acts as its bot member (with the bot's role) within its scopes.
 * Only the SHA-256 digest of the key is stored; the key itself is shown once, when made.
 */
@Entity
public class ApiKey extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public Member member;

    public String name;

    /** The key's first characters ("fl_" and 6 more), to tell keys apart in the list. */
    public String hint;

    public byte[] digest;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "varchar(10)[]")
    public String[] scopes;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public Member createdBy;

    public Instant createdAt;
    public Instant lastUsedAt;
    public Instant revokedAt;

    @ManyToOne(fetch = FetchType.LAZY)
    public Member revokedBy;

    public boolean isRevoked() {
        return revokedAt != null;
    }

    /** The bot's role as the form offers it: admin, pm or fan. */
    public String role() {
        List<String> roles = List.of(member.localRoles);
        return roles.contains(Role.ADMIN) ? Role.ADMIN : roles.contains(Role.PM) ? Role.PM : ApiKeyForm.FAN;
    }

    public String revokePath() {
        return "/admin/api-keys/" + id + "/revoke";
    }

    /** Every key with its bot, newest first (an admin makes a handful; no paging needed). */
    public static List<ApiKey> newestFirst() {
        return find("from ApiKey k join fetch k.member join fetch k.createdBy order by k.createdAt desc, k.id desc").list();
    }
}

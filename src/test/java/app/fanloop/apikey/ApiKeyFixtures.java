package app.fanloop.apikey;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import app.fanloop.Fixtures;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * API keys for tests, stored as the admin page stores them (a bot member with the role, the key's SHA-256 and
 * scopes) without going through the page: {@code keys.create("pm", "read", "write").secret()} is a key to send as
 * {@code Authorization: Bearer}. ApiKeyTest checks the page itself.
 */
@ApplicationScoped
@Unremovable
public class ApiKeyFixtures {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A stored key: its id, its bot member's id and the key itself. */
    public record Key(long id, long memberId, String secret) {
    }

    private final EntityManager em;
    private final Fixtures fx;

    ApiKeyFixtures(EntityManager em, Fixtures fx) {
        this.em = em;
        this.fx = fx;
    }

    /** The tables with a row whose text holds this string (any column): none for a key, which only its digest stands for. */
    @Transactional
    @SuppressWarnings("unchecked")
    public java.util.List<String> tablesHolding(String text) {
        java.util.List<String> tables = em.createNativeQuery("select table_name from information_schema.tables"
                + " where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name").getResultList();
        return tables.stream().filter(table -> ((Number) em.createNativeQuery(
                "select count(*) from \"" + table + "\" t where position(:text in t::text) > 0").setParameter("text", text)
                .getSingleResult()).longValue() > 0).toList();
    }

    /** A key for a new bot with this role ("fan", "pm" or "admin") and these scopes ("read", "write"). */
    @Transactional
    public Key create(String role, String... scopes) {
        String name = Fixtures.unique("bot");
        long bot = ((Number) em.createNativeQuery("""
                insert into member (subject, name, local_roles, bot) values (:s, :n, cast(:r as varchar(20)[]), true)
                returning id""").setParameter("s", "bot:" + UUID.randomUUID()).setParameter("n", name)
                .setParameter("r", "fan".equals(role) ? "{}" : "{" + role + "}").getSingleResult()).longValue();
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = ApiKeyService.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        long id = ((Number) em.createNativeQuery("""
                insert into api_key (member_id, name, hint, digest, scopes, created_by_id, created_at)
                values (:m, :n, :h, :d, cast(:sc as varchar(10)[]), :by, :at) returning id""")
                .setParameter("m", bot).setParameter("n", name).setParameter("h", secret.substring(0, 9))
                .setParameter("d", ApiKeyService.digest(secret)).setParameter("sc", "{" + String.join(",", scopes) + "}")
                .setParameter("by", fx.member("alice").id).setParameter("at", Instant.now()).getSingleResult()).longValue();
        return new Key(id, bot, secret);
    }

}

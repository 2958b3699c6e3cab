package app.fanloop.beta;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import app.fanloop.Fixtures;
import app.fanloop.honour.HonourConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Beta programs for tests, written straight in the database as the services would write them. */
@ApplicationScoped
public class BetaFixtures {

    @Inject
    HonourConfig honourConfig;

    @Inject
    EntityManager em;

    @Inject
    Fixtures fx;

    /** A program taking applications now (window: an hour ago to a week ahead), with its private board. */
    public BetaProgram program(int places, int weeklyPosts, int minLevel, String question) {
        Instant now = Instant.now();
        return program(places, weeklyPosts, minLevel, question, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(7)));
    }

    @Transactional
    public BetaProgram program(int places, int weeklyPosts, int minLevel, String question, Instant from, Instant until) {
        String slug = Fixtures.unique("p");
        long creator = fx.member("paula").id;
        long id = ((Number) em.createNativeQuery("""
                insert into beta_program (slug, name, description, description_html, devices, places, applies_from,
                                          applies_until, min_level, question_1, channel, weekly_posts, created_by_id)
                values (:slug, :name, 'About it', '<p>About it</p>', 'Xiaomi 14, HyperOS 2.1', :places, :from, :until,
                        :level, :q, 'DEV', :weekly, :by) returning id""")
                .setParameter("slug", slug).setParameter("name", "Program " + slug).setParameter("places", places)
                .setParameter("from", from).setParameter("until", until).setParameter("level", minLevel)
                .setParameter("q", question).setParameter("weekly", weeklyPosts).setParameter("by", creator)
                .getSingleResult()).longValue();
        em.createNativeQuery("""
                insert into board (slug, name, description, position, program_id) values (:slug, :name, '', 1000, :p)""")
                .setParameter("slug", BetaPrograms.BOARD_PREFIX + slug).setParameter("name", "Board " + slug)
                .setParameter("p", id).executeUpdate();
        return em.find(BetaProgram.class, id);
    }

    /** An application in a state (accepted ones count against the quota and get access, as the service does). */
    @Transactional
    public long application(BetaProgram program, long memberId, String state, String device) {
        long id = ((Number) em.createNativeQuery("""
                insert into beta_application (program_id, member_id, state, device, system_version, accepted_at)
                values (:p, :m, :state, :device, 'HyperOS 2.1', case when :state in ('ACCEPTED', 'REMOVED') then now() end)
                returning id""")
                .setParameter("p", program.id).setParameter("m", memberId).setParameter("state", state)
                .setParameter("device", device).getSingleResult()).longValue();
        if ("ACCEPTED".equals(state)) {
            em.createNativeQuery("update beta_program set accepted_count = accepted_count + 1 where id = :p")
                    .setParameter("p", program.id).executeUpdate();
            em.createNativeQuery("update member set beta_programs = array_append(beta_programs, :p) where id = :m")
                    .setParameter("p", program.id).setParameter("m", memberId).executeUpdate();
        }
        return id;
    }

    /**
     * The member at this honour level, with the points it takes written in the ledger (as HonourFixtures.grant does),
     * so the member's total and level stay their ledger's, which the honour tests check over the whole database.
     */
    @Transactional
    public void level(long memberId, int level) {
        int points = honourConfig.levels().get(level - 1);
        em.createNativeQuery("delete from honour_point where member_id = :m").setParameter("m", memberId).executeUpdate();
        if (points > 0) {
            em.createNativeQuery("""
                    insert into honour_point (member_id, reason, source_id, points, created_at)
                    values (:m, 'REPORT_UPHELD', :source, :p, now())""")
                    .setParameter("m", memberId).setParameter("source", -ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE))
                    .setParameter("p", points).executeUpdate();
        }
        em.createNativeQuery("update member set points = :p, level = :l where id = :m").setParameter("p", points)
                .setParameter("l", honourConfig.levelFor(points)).setParameter("m", memberId).executeUpdate();
    }

    /** Moves an application's acceptance back in time (the tester has had a whole week to post). */
    @Transactional
    public void acceptedAgo(long applicationId, Duration ago) {
        em.createNativeQuery("update beta_application set accepted_at = now() - cast(:s || ' seconds' as interval) where id = :id")
                .setParameter("s", String.valueOf(ago.toSeconds())).setParameter("id", applicationId).executeUpdate();
    }

    public String boardSlug(BetaProgram program) {
        return BetaPrograms.BOARD_PREFIX + program.slug;
    }

    public long boardId(BetaProgram program) {
        return fx.number("select id from board where program_id = ?1", program.id);
    }
}

package app.fanloop.poll;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import app.fanloop.Fixtures;
import app.fanloop.member.DevTokens;
import app.fanloop.member.Member;
import io.restassured.RestAssured;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Polls for tests: one put straight on a suggestion, members who sign in with their own token, and the counters' truth. */
@ApplicationScoped
public class PollFixtures {

    @Inject
    EntityManager em;

    @Inject
    Fixtures fx;

    /** A member signed in once through the dev OpenID Connect server, with their bearer token. */
    public record Fan(Member member, String token) {
        public long id() {
            return member.id;
        }
    }

    public Fan fan(String prefix) {
        String subject = Fixtures.unique(prefix);
        String token = DevTokens.accessToken(subject);
        RestAssured.given().auth().oauth2(token).get("/me").then().statusCode(200);
        return new Fan(Member.findBySubject(subject).orElseThrow(), token);
    }

    /** A product manager (a local grant), signed in. */
    public Fan pm(String prefix) {
        Fan fan = fan(prefix);
        fx.grant(fan.member(), "pm");
        return fan;
    }

    /** A poll on the suggestion, as its author's form would give it; returns the option ids in order. */
    @Transactional
    public List<Long> poll(long suggestionId, boolean multiple, boolean resultsAfterVote, Instant closesAt, String... labels) {
        long pollId = ((Number) em.createNativeQuery("""
                insert into poll (suggestion_id, multiple, results_after_vote, closes_at, created_at)
                values (:s, :m, :r, :c, now()) returning id""")
                .setParameter("s", suggestionId).setParameter("m", multiple).setParameter("r", resultsAfterVote)
                .setParameter("c", closesAt).getSingleResult()).longValue();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            ids.add(((Number) em.createNativeQuery("""
                    insert into poll_option (poll_id, position, label) values (:p, :n, :l) returning id""")
                    .setParameter("p", pollId).setParameter("n", i + 1).setParameter("l", labels[i]).getSingleResult())
                    .longValue());
        }
        return ids;
    }

    /** A ballot by the member for one option, with the counters, as the service would store it. */
    @Transactional
    public void ballotAs(long suggestionId, long memberId, long optionId) {
        em.createNativeQuery("""
                insert into poll_ballot (poll_id, member_id, cast_at) select id, :m, now() from poll where suggestion_id = :s""")
                .setParameter("m", memberId).setParameter("s", suggestionId).executeUpdate();
        em.createNativeQuery("""
                insert into poll_choice (poll_id, member_id, option_id) select id, :m, :o from poll where suggestion_id = :s""")
                .setParameter("m", memberId).setParameter("s", suggestionId).setParameter("o", optionId).executeUpdate();
        em.createNativeQuery("update poll set voter_count = voter_count + 1 where suggestion_id = :s")
                .setParameter("s", suggestionId).executeUpdate();
        em.createNativeQuery("update poll_option set ballot_count = ballot_count + 1 where id = :o")
                .setParameter("o", optionId).executeUpdate();
    }

    public long voters(long suggestionId) {
        return fx.number("select voter_count from poll where suggestion_id = ?1", suggestionId);
    }

    public long count(long optionId) {
        return fx.number("select ballot_count from poll_option where id = ?1", optionId);
    }

    public long ballotRows(long suggestionId) {
        return fx.number("select count(*) from poll_ballot b join poll p on p.id = b.poll_id where p.suggestion_id = ?1",
                suggestionId);
    }

    public long choiceRows(long optionId) {
        return fx.number("select count(*) from poll_choice where option_id = ?1", optionId);
    }

    /** The options a member chose, by label, in the options' order. */
    public List<String> choices(long suggestionId, long memberId) {
        return fx.texts("""
                select o.label from poll_choice c join poll_option o on o.id = c.option_id join poll p on p.id = o.poll_id
                where p.suggestion_id = ?1 and c.member_id = ?2 order by o.position""", suggestionId, memberId);
    }
}

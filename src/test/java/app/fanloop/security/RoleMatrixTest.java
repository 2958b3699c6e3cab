package app.fanloop.security;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.CSRF_COOKIE;
import static app.fanloop.web.Browser.CSRF_FIELD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.DevTokens;
import app.fanloop.member.Member;
import app.fanloop.release.Release;
import app.fanloop.release.ReleaseChannel;
import app.fanloop.release.ReleaseFixtures;
import app.fanloop.release.ReleaseEditing;
import app.fanloop.suggestion.Comment;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.web.Browser;
import app.fanloop.webhook.WebhookEndpoint;
import app.fanloop.webhook.WebhookFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;

/**
 * Who may change what: every mutating route of the app (found in the REST metadata, see
 * {@link MutatingRoutes}) against every kind of actor, checked against the table below. A refused
 * request must store nothing at all (a fingerprint of every application table is the same before
 * and after); an allowed one must change the database and show its specific effect.
 */
@QuarkusTest
class RoleMatrixTest {

    /** Who acts. */
    enum Actor {
        VISITOR, FAN, SILENCED, BANNED, AUTHOR, PM, ADMIN
    }

    /** What the actor gets. */
    enum Outcome {
        /** A visitor is sent to sign in: 303 to /login (401 with HX-Redirect for htmx). Nothing stored. */
        LOGIN,
        /** The action takes effect: 2xx or a 303 to a page that is not /login; the database changed as expected. */
        OK,
        /** 403, nothing stored. */
        DENY,
        /** 404 (the target is not there for this actor), nothing stored. */
        HIDE,
        /** 409: allowed to act, but the action makes no sense on this target (reporting one's own post). Nothing stored. */
        CONFLICT
    }

    /*
     * The policy, one row per mutating route (or route + action; a [variant] is a second row for the
     * same route with other form fields). Columns:
     *   visitor   not signed in
     *   fan       a signed-in member who did not write the target
     *   silenced  a fan under a silence: may read, follow and manage their account, not speak
     *             (post, edit, vote, comment, report)
     *   banned    a fan under a ban: may only read
     *   author    the fan who wrote the target suggestion or comment
     *   pm        staff: triage, statuses, merges, feature items, release notes; not another's post
     *   admin     everything
     * On the two edit rows the silenced and the banned fan are the authors of what they edit, so the
     * row also says that a sanction outweighs authorship.
     * Variants: [hidden] acts on a suggestion a moderator hid (hidden from all but admins and its author);
     * [locked] and [merged] on a suggestion (or a comment on one) an admin locked or a pm merged into
     * another: its author may no longer rewrite it, as votes and comments there answer 409; an admin still may;
     * [another's] on a notification of another member; [official] posts an official response;
     * [suggestion] and [comment] are the review queue's targets.
     */
    static final String MATRIX = """
            route                                                 visitor fan      silenced banned author   pm       admin
            POST /boards/{slug}/suggestions                       LOGIN   OK       DENY     DENY   OK       OK       OK
            POST /suggestions/{id}/edit                           LOGIN   DENY     DENY     DENY   OK       DENY     OK
            POST /suggestions/{id}/edit [locked]                  LOGIN   DENY     DENY     DENY   CONFLICT DENY     OK
            POST /suggestions/{id}/edit [merged]                  LOGIN   DENY     DENY     DENY   CONFLICT DENY     OK
            POST /suggestions/{id}/vote                           LOGIN   OK       DENY     DENY   OK       OK       OK
            POST /suggestions/{id}/vote [hidden]                  LOGIN   HIDE     DENY     DENY   OK       HIDE     OK
            POST /suggestions/{id}/follow                         LOGIN   OK       OK       DENY   OK       OK       OK
            POST /suggestions/{id}/comments                       LOGIN   OK       DENY     DENY   OK       OK       OK
            POST /suggestions/{id}/comments [official]            LOGIN   DENY     DENY     DENY   DENY     OK       OK
            POST /suggestions/{id}/comments [hidden]              LOGIN   HIDE     DENY     DENY   OK       HIDE     OK
            POST /suggestions/{id}/report                         LOGIN   OK       DENY     DENY   CONFLICT OK       OK
            POST /comments/{id}/edit                              LOGIN   DENY     DENY     DENY   OK       DENY     OK
            POST /comments/{id}/edit [locked]                     LOGIN   DENY     DENY     DENY   CONFLICT DENY     OK
            POST /comments/{id}/report                            LOGIN   OK       DENY     DENY   CONFLICT OK       OK
            POST /boards/{slug}/follow                            LOGIN   OK       OK       DENY   OK       OK       OK
            POST /releases/follow                                 LOGIN   OK       OK       DENY   OK       OK       OK
            POST /me/notifications/{id}/read                      LOGIN   OK       OK       DENY   OK       OK       OK
            POST /me/notifications/{id}/read [another's]          LOGIN   HIDE     HIDE     DENY   HIDE     HIDE     HIDE
            POST /me/notifications/read-all                       LOGIN   OK       OK       DENY   OK       OK       OK
            POST /api/v1/me/notifications/read                    LOGIN   OK       OK       DENY   OK       OK       OK
            POST /admin/api-keys                                  LOGIN   DENY     DENY     DENY   DENY     DENY     OK
            POST /admin/api-keys/{id}/revoke                      LOGIN   DENY     DENY     DENY   DENY     DENY     OK
            POST /me/email                                        LOGIN   OK       OK       DENY   OK       OK       OK
            POST /me/notification-choices                         LOGIN   OK       OK       DENY   OK       OK       OK
            POST /me/privacy                                      LOGIN   OK       OK       DENY   OK       OK       OK
            POST /me/avatar                                       LOGIN   OK       DENY     DENY   OK       OK       OK
            POST /me/avatar/remove                                LOGIN   OK       OK       DENY   OK       OK       OK
            POST /me/name                                         LOGIN   OK       DENY     DENY   OK       OK       OK
            POST /me/bio                                          LOGIN   OK       DENY     DENY   OK       OK       OK
            POST /me/devices                                      LOGIN   OK       OK       DENY   OK       OK       OK
            POST /me/devices/{id}/remove                          LOGIN   OK       OK       DENY   OK       OK       OK
            POST /suggestions/{id}/status                         LOGIN   DENY     DENY     DENY   DENY     OK       OK
            POST /suggestions/{id}/status [hidden]                LOGIN   DENY     DENY     DENY   DENY     HIDE     OK
            POST /suggestions/{id}/merge                          LOGIN   DENY     DENY     DENY   DENY     OK       OK
            POST /suggestions/{id}/unmerge                        LOGIN   DENY     DENY     DENY   DENY     OK       OK
            POST /triage/bulk                                     LOGIN   DENY     DENY     DENY   DENY     OK       OK
            POST /triage/features                                 LOGIN   DENY     DENY     DENY   DENY     OK       OK
            POST /triage/features/{id}                            LOGIN   DENY     DENY     DENY   DENY     OK       OK
            POST /triage/features/{id}/status                     LOGIN   DENY     DENY     DENY   DENY     OK       OK
            POST /triage/features/{id}/link                       LOGIN   DENY     DENY     DENY   DENY     OK       OK
            POST /triage/features/{id}/unlink                     LOGIN   DENY     DENY     DENY   DENY     OK       OK
            POST /triage/releases                                 LOGIN   DENY     DENY     DENY   DENY     OK       OK
            POST /triage/releases/{id}                            LOGIN   DENY     DENY     DENY   DENY     OK       OK
            POST /triage/releases/{id}/items                      LOGIN   DENY     DENY     DENY   DENY     OK       OK
            POST /triage/releases/{id}/items/{itemId}             LOGIN   DENY     DENY     DENY   DENY     OK       OK
            POST /triage/releases/{id}/items/{itemId}/delete      LOGIN   DENY     DENY     DENY   DENY     OK       OK
            POST /triage/releases/{id}/schedule                   LOGIN   DENY     DENY     DENY   DENY     OK       OK
            POST /triage/releases/{id}/unschedule                 LOGIN   DENY     DENY     DENY   DENY     OK       OK
            POST /triage/releases/{id}/publish                    LOGIN   DENY     DENY     DENY   DENY     OK       OK
            POST /triage/devices                                  LOGIN   DENY     DENY     DENY   DENY     OK       OK
            POST /triage/devices/{id}/retire                      LOGIN   DENY     DENY     DENY   DENY     OK       OK
            POST /triage/devices/{id}/restore                     LOGIN   DENY     DENY     DENY   DENY     OK       OK
            POST /admin/boards                                    LOGIN   DENY     DENY     DENY   DENY     DENY     OK
            POST /admin/boards/{id}                               LOGIN   DENY     DENY     DENY   DENY     DENY     OK
            POST /admin/boards/{id}/move                          LOGIN   DENY     DENY     DENY   DENY     DENY     OK
            POST /admin/boards/{id}/archive                       LOGIN   DENY     DENY     DENY   DENY     DENY     OK
            POST /admin/members/{id}/sanctions                    LOGIN   DENY     DENY     DENY   DENY     DENY     OK
            POST /admin/members/{id}/sanctions/{sanction}/lift    LOGIN   DENY     DENY     DENY   DENY     DENY     OK
            POST /admin/members/{id}/roles                        LOGIN   DENY     DENY     DENY   DENY     DENY     OK
            POST /admin/members/{id}/name                         LOGIN   DENY     DENY     DENY   DENY     DENY     OK
            POST /admin/reports/{type}/{id}/dismiss [suggestion]  LOGIN   DENY     DENY     DENY   DENY     DENY     OK
            POST /admin/reports/{type}/{id}/dismiss [comment]     LOGIN   DENY     DENY     DENY   DENY     DENY     OK
            POST /admin/reports/{type}/{id}/hide [suggestion]     LOGIN   DENY     DENY     DENY   DENY     DENY     OK
            POST /admin/reports/{type}/{id}/hide [comment]        LOGIN   DENY     DENY     DENY   DENY     DENY     OK
            POST /admin/reports/{type}/{id}/restore [suggestion]  LOGIN   DENY     DENY     DENY   DENY     DENY     OK
            POST /admin/reports/{type}/{id}/restore [comment]     LOGIN   DENY     DENY     DENY   DENY     DENY     OK
            POST /admin/reports/{type}/{id}/purge [suggestion]    LOGIN   DENY     DENY     DENY   DENY     DENY     OK
            POST /admin/reports/{type}/{id}/purge [comment]       LOGIN   DENY     DENY     DENY   DENY     DENY     OK
            POST /admin/reports/{type}/{id}/lock [suggestion]     LOGIN   DENY     DENY     DENY   DENY     DENY     OK
            POST /admin/reports/{type}/{id}/unlock [suggestion]   LOGIN   DENY     DENY     DENY   DENY     DENY     OK
            POST /admin/reports/{type}/{id}/pin [suggestion]      LOGIN   DENY     DENY     DENY   DENY     DENY     OK
            POST /admin/reports/{type}/{id}/unpin [suggestion]    LOGIN   DENY     DENY     DENY   DENY     DENY     OK
            POST /admin/reports/{type}/{id}/move [suggestion]     LOGIN   DENY     DENY     DENY   DENY     DENY     OK
            POST /api/v1/boards/{slug}/suggestions                LOGIN   OK       DENY     DENY   OK       OK       OK
            PUT /api/v1/suggestions/{id}                          LOGIN   DENY     DENY     DENY   OK       DENY     OK
            PUT /api/v1/suggestions/{id}/vote                     LOGIN   OK       DENY     DENY   OK       OK       OK
            PUT /api/v1/suggestions/{id}/vote [hidden]            LOGIN   HIDE     DENY     DENY   OK       HIDE     OK
            DELETE /api/v1/suggestions/{id}/vote                  LOGIN   OK       DENY     DENY   OK       OK       OK
            PUT /api/v1/suggestions/{id}/follow                   LOGIN   OK       OK       DENY   OK       OK       OK
            DELETE /api/v1/suggestions/{id}/follow                LOGIN   OK       OK       DENY   OK       OK       OK
            POST /api/v1/suggestions/{id}/comments                LOGIN   OK       DENY     DENY   OK       OK       OK
            POST /api/v1/suggestions/{id}/official-response       LOGIN   DENY     DENY     DENY   DENY     OK       OK
            PUT /api/v1/comments/{id}                             LOGIN   DENY     DENY     DENY   OK       DENY     OK
            POST /api/v1/suggestions/{id}/reports                 LOGIN   OK       DENY     DENY   CONFLICT OK       OK
            POST /api/v1/comments/{id}/reports                    LOGIN   OK       DENY     DENY   CONFLICT OK       OK
            PUT /api/v1/boards/{slug}/follow                      LOGIN   OK       OK       DENY   OK       OK       OK
            DELETE /api/v1/boards/{slug}/follow                   LOGIN   OK       OK       DENY   OK       OK       OK
            PUT /api/v1/channels/{channel}/follow                 LOGIN   OK       OK       DENY   OK       OK       OK
            DELETE /api/v1/channels/{channel}/follow              LOGIN   OK       OK       DENY   OK       OK       OK
            POST /api/v1/suggestions/{id}/status                  LOGIN   DENY     DENY     DENY   DENY     OK       OK
            PUT /api/v1/suggestions/{id}/merge                    LOGIN   DENY     DENY     DENY   DENY     OK       OK
            DELETE /api/v1/suggestions/{id}/merge                 LOGIN   DENY     DENY     DENY   DENY     OK       OK
            POST /api/v1/feature-items                            LOGIN   DENY     DENY     DENY   DENY     OK       OK
            PUT /api/v1/feature-items/{id}                        LOGIN   DENY     DENY     DENY   DENY     OK       OK
            POST /api/v1/feature-items/{id}/status                LOGIN   DENY     DENY     DENY   DENY     OK       OK
            PUT /api/v1/feature-items/{id}/suggestions/{suggestionId}    LOGIN DENY DENY  DENY   DENY     OK       OK
            DELETE /api/v1/feature-items/{id}/suggestions/{suggestionId} LOGIN DENY DENY  DENY   DENY     OK       OK
            POST /api/v1/suggestions/{id}/hide                    LOGIN   DENY     DENY     DENY   DENY     DENY     OK
            POST /api/v1/suggestions/{id}/restore                 LOGIN   DENY     DENY     DENY   DENY     DENY     OK
            POST /api/v1/comments/{id}/hide                       LOGIN   DENY     DENY     DENY   DENY     DENY     OK
            POST /api/v1/comments/{id}/restore                    LOGIN   DENY     DENY     DENY   DENY     DENY     OK
            POST /admin/webhooks                                  LOGIN   DENY     DENY     DENY   DENY     DENY     OK
            POST /admin/webhooks/{id}/enable                      LOGIN   DENY     DENY     DENY   DENY     DENY     OK
            POST /admin/webhooks/{id}/disable                     LOGIN   DENY     DENY     DENY   DENY     DENY     OK
            POST /admin/webhooks/{id}/test                        LOGIN   DENY     DENY     DENY   DENY     DENY     OK
            POST /admin/mail/{id}/retry                           LOGIN   DENY     DENY     DENY   DENY     DENY     OK
            POST /suggestions/{id}/poll/ballot                    LOGIN   OK       DENY     DENY   OK       OK       OK
            POST /suggestions/{id}/poll/ballot [hidden]           LOGIN   HIDE     DENY     DENY   OK       HIDE     OK
            POST /suggestions/{id}/poll/close                     LOGIN   DENY     DENY     DENY   DENY     OK       OK
            POST /beta/{slug}/applications                        LOGIN   OK       DENY     DENY   OK       OK       OK
            POST /triage/beta                                     LOGIN   DENY     DENY     DENY   DENY     OK       OK
            POST /triage/beta/{slug}/applications/{id}/decision   LOGIN   DENY     DENY     DENY   DENY     OK       OK
            POST /triage/beta/{slug}/applications/{id}/remove     LOGIN   DENY     DENY     DENY   DENY     OK       OK
            POST /triage/beta/{slug}/remove-behind                LOGIN   DENY     DENY     DENY   DENY     OK       OK
            POST /triage/beta/{slug}/top                          LOGIN   DENY     DENY     DENY   DENY     OK       OK
            POST /triage/beta/{slug}/close                        LOGIN   DENY     DENY     DENY   DENY     OK       OK
            POST /triage/beta/{slug}/build-public                 LOGIN   DENY     DENY     DENY   DENY     OK       OK
            POST /suggestions/{id}/poll/edit                      LOGIN   DENY     DENY     DENY   OK       OK       OK
            PUT /api/v1/suggestions/{id}/poll/ballot              LOGIN   OK       DENY     DENY   OK       OK       OK
            DELETE /api/v1/suggestions/{id}/poll/ballot           LOGIN   OK       DENY     DENY   OK       OK       OK
            """;

    /** Rows where the silenced and banned fans act on their own post (see the comment above the table). */
    static final Set<String> OWN_CONTENT_ROWS = Set.of("POST /suggestions/{id}/edit", "POST /comments/{id}/edit",
            "PUT /api/v1/suggestions/{id}", "PUT /api/v1/comments/{id}");

    static final ZoneId SITE_ZONE = ZoneId.of("Asia/Shanghai");
    static final String FORM = "application/x-www-form-urlencoded; charset=UTF-8";

    @Inject
    Fixtures fx;

    @Inject
    MatrixFixtures mx;

    @Inject
    app.fanloop.poll.PollFixtures pf;

    @Inject
    ReleaseFixtures rf;

    @Inject
    app.fanloop.beta.BetaFixtures betas;

    @Inject
    app.fanloop.apikey.ApiKeyFixtures keys;

    @Inject
    WebhookFixtures wf;

    // ------------------------------------------------------------------------------------ the tests

    @Test
    void every_mutating_route_has_a_row_and_every_row_names_a_route() {
        Set<String> routes = MutatingRoutes.find().stream().map(MutatingRoutes.Route::key)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> rows = rows().stream().map(Row::key).collect(Collectors.toCollection(TreeSet::new));

        Set<String> missing = new TreeSet<>(routes);
        missing.removeAll(rows);
        Set<String> gone = new TreeSet<>(rows);
        gone.removeAll(routes);
        assertTrue(missing.isEmpty() && gone.isEmpty(), "The role matrix and the app's routes differ.\n"
                + (missing.isEmpty() ? "" : "Routes without a row in RoleMatrixTest.MATRIX (add one, with the outcome for every actor):\n  "
                        + String.join("\n  ", missing) + "\n")
                + (gone.isEmpty() ? "" : "Rows naming no route of the app (remove or rename them):\n  " + String.join("\n  ", gone)));
        // Sanity: the scan sees the routes the app is known to have.
        assertTrue(routes.size() >= 39, "only " + routes.size() + " mutating routes found: " + routes);
        assertTrue(routes.contains("POST /admin/reports/{type}/{id}/purge"), routes.toString());
    }

    @Test
    void every_actor_gets_what_the_matrix_says_and_a_refusal_stores_nothing() {
        Session session = new Session();
        Map<String, Scenario> scenarios = scenarios();
        List<Row> rows = rows();
        Set<String> unscripted = new TreeSet<>();
        rows.forEach(r -> {
            if (!scenarios.containsKey(r.id())) {
                unscripted.add(r.id());
            }
        });
        Set<String> unused = new TreeSet<>(scenarios.keySet());
        rows.forEach(r -> unused.remove(r.id()));
        assertTrue(unscripted.isEmpty() && unused.isEmpty(),
                "Rows without a scenario in RoleMatrixTest.scenarios(): " + unscripted + "; scenarios without a row: " + unused);

        long started = System.nanoTime();
        List<String> failures = new ArrayList<>();
        Map<String, Map<Actor, String>> seen = new LinkedHashMap<>();
        for (Row row : rows) {
            Map<Actor, String> line = new EnumMap<>(Actor.class);
            for (Actor actor : Actor.values()) {
                Cell cell = run(session, row, scenarios.get(row.id()), session.actor(actor), row.expected().get(actor));
                line.put(actor, cell.failure() == null ? cell.expected().name() : "!" + cell.observed());
                if (cell.failure() != null) {
                    failures.add(row.id() + " × " + actor.name().toLowerCase() + ": " + cell.failure());
                }
            }
            seen.put(row.id(), line);
        }
        System.out.printf("Role matrix: %d rows × %d actors in %d ms (set-up %d ms, fingerprints %d ms, requests %d ms)%n",
                rows.size(), Actor.values().length, Duration.ofNanos(System.nanoTime() - started).toMillis(),
                session.setupNanos / 1_000_000, session.fingerprintNanos / 1_000_000, session.requestNanos / 1_000_000);
        if (!failures.isEmpty()) {
            fail(failures.size() + " cell(s) of the role matrix differ from the policy:\n  " + String.join("\n  ", failures)
                    + "\n\nWhat each actor got (\"!\" marks a cell that differs: the status seen, and \"+\" when something was stored):\n"
                    + render(seen));
        }
    }

    @Test
    void a_banned_admin_is_refused_admin_and_staff_actions_and_a_silenced_pm_cannot_comment() {
        Session session = new Session();
        Map<String, Scenario> scenarios = scenarios();
        ActorSession bannedAdmin = session.sanctioned("banned-admin", "admin", "BAN");
        ActorSession silencedPm = session.sanctioned("silenced-pm", "pm", "SILENCE");

        List<String> failures = new ArrayList<>();
        for (String row : List.of("POST /admin/boards/{id}/archive", "POST /admin/reports/{type}/{id}/hide [suggestion]",
                "POST /admin/members/{id}/sanctions", "POST /suggestions/{id}/status", "POST /triage/releases",
                "POST /suggestions/{id}/comments", "POST /suggestions/{id}/vote")) {
            Cell cell = run(session, rowById(row), scenarios.get(row), bannedAdmin, Outcome.DENY);
            if (cell.failure() != null) {
                failures.add(row + " × banned admin: " + cell.failure());
            }
        }
        for (String row : List.of("POST /suggestions/{id}/comments", "POST /suggestions/{id}/comments [official]",
                "POST /suggestions/{id}/vote", "POST /boards/{slug}/suggestions")) {
            Cell cell = run(session, rowById(row), scenarios.get(row), silencedPm, Outcome.DENY);
            if (cell.failure() != null) {
                failures.add(row + " × silenced pm: " + cell.failure());
            }
        }
        // A silence takes away the voice only: the silenced pm may still follow, as any silenced member may.
        Cell follow = run(session, rowById("POST /suggestions/{id}/follow"), scenarios.get("POST /suggestions/{id}/follow"),
                silencedPm, Outcome.OK);
        if (follow.failure() != null) {
            failures.add("POST /suggestions/{id}/follow × silenced pm: " + follow.failure());
        }
        assertTrue(failures.isEmpty(), "Sanctions must bind staff as they bind fans:\n  " + String.join("\n  ", failures));
    }

    @Test
    void the_matrix_signs_its_forms_a_bearer_post_without_the_csrf_token_is_refused_and_stores_nothing() {
        Session session = new Session();
        ActorSession fan = session.actor(Actor.FAN);
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Unsigned"));
        Map<String, String> before = mx.fingerprint();

        Response forged = Browser.page().auth().oauth2(fan.token()).contentType(FORM).formParam("on", "true")
                .post("/suggestions/" + s.id + "/vote");

        assertEquals(400, forged.statusCode());
        assertEquals(before, mx.fingerprint());
        Response signed = session.send(fan, "/suggestions/" + s.id + "/vote", Map.of("on", List.of("true")));
        assertEquals(303, signed.statusCode());
        assertEquals(1, fx.counter(s.id, "vote_count"));
    }

    /**
     * The fingerprint sees any change to a stored file, though it reads a file's bytes only once per row version: a
     * chunk rewritten in place with other bytes of the same length, and written back, and a chunk added and removed.
     */
    @Test
    void the_fingerprint_sees_a_file_chunk_rewritten_in_place() {
        String key = unique("fingerprint-blob");
        mx.exec("insert into blob_chunk (blob_key, seq, bytes) values (?1, 0, decode('00112233', 'hex'))", key);
        Map<String, String> stored = mx.fingerprint();
        assertEquals(stored, mx.fingerprint(), "nothing changed");

        mx.exec("update blob_chunk set bytes = decode('00112234', 'hex') where blob_key = ?1", key);
        Map<String, String> rewritten = mx.fingerprint();
        assertNotEquals(stored.get("blob_chunk"), rewritten.get("blob_chunk"), "one byte rewritten");
        mx.exec("update blob_chunk set bytes = decode('00112233', 'hex') where blob_key = ?1", key);
        assertEquals(stored, mx.fingerprint(), "the same bytes again: the same fingerprint");

        mx.exec("insert into blob_chunk (blob_key, seq, bytes) values (?1, 1, decode('ff', 'hex'))", key);
        assertNotEquals(stored.get("blob_chunk"), mx.fingerprint().get("blob_chunk"), "a chunk added");
        mx.exec("delete from blob_chunk where blob_key = ?1 and seq = 1", key);
        assertEquals(stored, mx.fingerprint(), "and removed");
        mx.exec("delete from blob_chunk where blob_key = ?1", key);
    }

    /** Each API write and the page action it does the same thing as (the same service call). */
    static final Map<String, String> API_AND_PAGE = Map.ofEntries(
            Map.entry("POST /api/v1/boards/{slug}/suggestions", "POST /boards/{slug}/suggestions"),
            Map.entry("PUT /api/v1/suggestions/{id}", "POST /suggestions/{id}/edit"),
            Map.entry("PUT /api/v1/suggestions/{id}/vote", "POST /suggestions/{id}/vote"),
            Map.entry("PUT /api/v1/suggestions/{id}/vote [hidden]", "POST /suggestions/{id}/vote [hidden]"),
            Map.entry("DELETE /api/v1/suggestions/{id}/vote", "POST /suggestions/{id}/vote"),
            Map.entry("PUT /api/v1/suggestions/{id}/follow", "POST /suggestions/{id}/follow"),
            Map.entry("DELETE /api/v1/suggestions/{id}/follow", "POST /suggestions/{id}/follow"),
            Map.entry("POST /api/v1/suggestions/{id}/comments", "POST /suggestions/{id}/comments"),
            Map.entry("POST /api/v1/suggestions/{id}/official-response", "POST /suggestions/{id}/comments [official]"),
            Map.entry("PUT /api/v1/comments/{id}", "POST /comments/{id}/edit"),
            Map.entry("POST /api/v1/suggestions/{id}/reports", "POST /suggestions/{id}/report"),
            Map.entry("POST /api/v1/comments/{id}/reports", "POST /comments/{id}/report"),
            Map.entry("PUT /api/v1/boards/{slug}/follow", "POST /boards/{slug}/follow"),
            Map.entry("DELETE /api/v1/boards/{slug}/follow", "POST /boards/{slug}/follow"),
            Map.entry("PUT /api/v1/channels/{channel}/follow", "POST /releases/follow"),
            Map.entry("DELETE /api/v1/channels/{channel}/follow", "POST /releases/follow"),
            Map.entry("POST /api/v1/suggestions/{id}/status", "POST /suggestions/{id}/status"),
            Map.entry("PUT /api/v1/suggestions/{id}/merge", "POST /suggestions/{id}/merge"),
            Map.entry("DELETE /api/v1/suggestions/{id}/merge", "POST /suggestions/{id}/unmerge"),
            Map.entry("POST /api/v1/feature-items", "POST /triage/features"),
            Map.entry("PUT /api/v1/feature-items/{id}", "POST /triage/features/{id}"),
            Map.entry("POST /api/v1/feature-items/{id}/status", "POST /triage/features/{id}/status"),
            Map.entry("PUT /api/v1/feature-items/{id}/suggestions/{suggestionId}", "POST /triage/features/{id}/link"),
            Map.entry("DELETE /api/v1/feature-items/{id}/suggestions/{suggestionId}", "POST /triage/features/{id}/unlink"),
            Map.entry("POST /api/v1/suggestions/{id}/hide", "POST /admin/reports/{type}/{id}/hide [suggestion]"),
            Map.entry("POST /api/v1/suggestions/{id}/restore", "POST /admin/reports/{type}/{id}/restore [suggestion]"),
            Map.entry("POST /api/v1/comments/{id}/hide", "POST /admin/reports/{type}/{id}/hide [comment]"),
            Map.entry("POST /api/v1/comments/{id}/restore", "POST /admin/reports/{type}/{id}/restore [comment]"),
            Map.entry("POST /api/v1/me/notifications/read", "POST /me/notifications/read-all"),
            Map.entry("PUT /api/v1/suggestions/{id}/poll/ballot", "POST /suggestions/{id}/poll/ballot"),
            Map.entry("DELETE /api/v1/suggestions/{id}/poll/ballot", "POST /suggestions/{id}/poll/ballot"));

    /**
     * The API and the pages agree: an API write's row says for every actor what its page action's row says (the
     * run above proves both rows). A new API write needs its page twin named here, or a reason it has none.
     */
    @Test
    void the_api_and_the_pages_give_every_actor_the_same_answer() {
        Set<String> apiRows = new TreeSet<>();
        rows().stream().filter(r -> r.key().contains(" /api/")).forEach(r -> apiRows.add(r.id()));
        assertEquals(apiRows, new TreeSet<>(API_AND_PAGE.keySet()), "every API write row names its page twin");
        List<String> differ = new ArrayList<>();
        API_AND_PAGE.forEach((api, page) -> {
            if (!rowById(api).expected().equals(rowById(page).expected())) {
                differ.add(api + " vs " + page + ": " + rowById(api).expected() + " / " + rowById(page).expected());
            }
        });
        assertEquals(List.of(), differ);
    }

    // ------------------------------------------------------------------------------------ the table

    /** One line of the table. */
    record Row(String key, String variant, Map<Actor, Outcome> expected) {
        String id() {
            return variant == null ? key : key + " [" + variant + "]";
        }
    }

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        Set<String> ids = new TreeSet<>();
        for (String line : MATRIX.strip().split("\n")) {
            String[] t = line.strip().split("\\s+");
            if (t[0].equals("route")) {
                continue;
            }
            int i = 2;
            String variant = null;
            if (t[i].startsWith("[")) {
                variant = t[i].substring(1, t[i].length() - 1);
                i++;
            }
            if (t.length - i != Actor.values().length) {
                throw new AssertionError("Row needs one outcome per actor: " + line);
            }
            Map<Actor, Outcome> expected = new EnumMap<>(Actor.class);
            for (Actor actor : Actor.values()) {
                expected.put(actor, Outcome.valueOf(t[i++]));
            }
            Row row = new Row(t[0] + " " + t[1], variant, expected);
            if (!ids.add(row.id())) {
                throw new AssertionError("Row twice: " + row.id());
            }
            rows.add(row);
        }
        return rows;
    }

    static Row rowById(String id) {
        return rows().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError(id));
    }

    private static String render(Map<String, Map<Actor, String>> seen) {
        int width = seen.keySet().stream().mapToInt(String::length).max().orElse(10) + 2;
        StringBuilder out = new StringBuilder(String.format("%-" + width + "s", "route"));
        for (Actor a : Actor.values()) {
            out.append(String.format("%-14s", a.name().toLowerCase()));
        }
        out.append('\n');
        seen.forEach((row, line) -> {
            out.append(String.format("%-" + width + "s", row));
            line.values().forEach(v -> out.append(String.format("%-14s", v)));
            out.append('\n');
        });
        return out.toString();
    }

    // ------------------------------------------------------------------------------------ running a cell

    /** A cell's result: null failure when it held. */
    record Cell(Outcome expected, String observed, String failure) {
    }

    private Cell run(Session session, Row row, Scenario scenario, ActorSession actor, Outcome expected) {
        Member author = session.author.member();
        if (actor.column() == Actor.AUTHOR
                || (OWN_CONTENT_ROWS.contains(row.key()) && (actor.column() == Actor.SILENCED || actor.column() == Actor.BANNED))) {
            author = actor.member();
        }
        long t0 = System.nanoTime();
        Prepared prepared = scenario.prepare(new Context(actor, author, session));
        try {
            long t1 = System.nanoTime();
            Map<String, String> before = mx.fingerprint();
            long t2 = System.nanoTime();
            Response response = prepared.json() != null ? session.call(actor, prepared.method(), prepared.path(), prepared.json())
                    : session.send(actor, prepared.path(), prepared.params());
            long t3 = System.nanoTime();
            Map<String, String> after = mx.fingerprint();
            long t4 = System.nanoTime();
            session.setupNanos += t1 - t0;
            session.fingerprintNanos += t2 - t1 + t4 - t3;
            session.requestNanos += t3 - t2;
            Set<String> changed = new TreeSet<>();
            after.forEach((table, hash) -> {
                if (!hash.equals(before.get(table))) {
                    changed.add(table);
                }
            });
            Outcome got = classify(response);
            String observed = describe(response) + (changed.isEmpty() ? "" : "+");
            String failure = null;
            if (expected == Outcome.OK) {
                if (got != Outcome.OK) {
                    failure = "expected OK, got " + describe(response) + title(response);
                } else if (changed.isEmpty()) {
                    failure = "expected OK, got " + describe(response) + " but nothing was stored";
                } else if (prepared.effect() != null && !prepared.effect().check().getAsBoolean()) {
                    failure = "expected OK, got " + describe(response) + " but not the effect: " + prepared.effect().what();
                }
            } else if (got != expected) {
                failure = "expected " + expected + ", got " + describe(response) + title(response)
                        + (changed.isEmpty() ? "" : "; stored in " + changed);
            } else if (!changed.isEmpty()) {
                failure = "expected " + expected + " and got it, but something was stored in " + changed;
            }
            return new Cell(expected, observed, failure);
        } finally {
            if (prepared.cleanup() != null) {
                prepared.cleanup().run();
            }
        }
    }

    static Outcome classify(Response response) {
        int status = response.statusCode();
        String location = location(response);
        if ((status == 303 || status == 302) && location != null && location.startsWith("/login")) {
            return Outcome.LOGIN;
        }
        if (status == 401) {
            return Outcome.LOGIN;
        }
        return switch (status) {
            case 403 -> Outcome.DENY;
            case 404 -> Outcome.HIDE;
            case 409 -> Outcome.CONFLICT;
            default -> status >= 200 && status < 400 ? Outcome.OK : null;
        };
    }

    private static String describe(Response response) {
        String location = location(response);
        return location == null ? String.valueOf(response.statusCode()) : response.statusCode() + "→" + location;
    }

    /** For an unexpected error page, its heading helps. */
    private static String title(Response response) {
        int status = response.statusCode();
        if (status < 400 || status == 403 || status == 404) {
            return "";
        }
        try {
            String h1 = Browser.html(response).select("h1").text();
            return h1.isBlank() ? "" : " (\"" + h1 + "\")";
        } catch (RuntimeException notHtml) {
            return "";
        }
    }

    private static String location(Response response) {
        String location = response.getHeader("Location");
        return location == null ? null : location.replaceFirst("^https?://[^/]+", "");
    }

    // ------------------------------------------------------------------------------------ actors

    /** One actor of the run: their column, member (null for the visitor) and bearer token (null for the visitor). */
    record ActorSession(Actor column, String label, Member member, String token) {
    }

    /** The actors, signed in once; the CSRF cookie and token every form carries. */
    final class Session {
        final Browser.Csrf csrf = Browser.csrf();
        final Map<Actor, ActorSession> actors = new EnumMap<>(Actor.class);
        final ActorSession author;
        final ActorSession admin;
        long setupNanos;
        long fingerprintNanos;
        long requestNanos;

        Session() {
            actors.put(Actor.VISITOR, new ActorSession(Actor.VISITOR, "visitor", null, null));
            actors.put(Actor.FAN, signIn(Actor.FAN, unique("mx-fan"), null, null));
            actors.put(Actor.SILENCED, signIn(Actor.SILENCED, unique("mx-silenced"), null, "SILENCE"));
            actors.put(Actor.BANNED, signIn(Actor.BANNED, unique("mx-banned"), null, "BAN"));
            actors.put(Actor.AUTHOR, signIn(Actor.AUTHOR, unique("mx-author"), null, null));
            actors.put(Actor.PM, signIn(Actor.PM, "paula", null, null));
            actors.put(Actor.ADMIN, signIn(Actor.ADMIN, "alice", null, null));
            author = actors.get(Actor.AUTHOR);
            admin = actors.get(Actor.ADMIN);
        }

        ActorSession actor(Actor actor) {
            return actors.get(actor);
        }

        /** A member with a local role and a sanction, e.g. a banned admin; acts like a fan who wrote nothing here. */
        ActorSession sanctioned(String prefix, String role, String sanction) {
            return signIn(null, unique(prefix), role, sanction);
        }

        private ActorSession signIn(Actor column, String name, String role, String sanction) {
            Member member = fx.member(name);
            if (role != null) {
                fx.grant(member, role);
            }
            if (sanction != null) {
                fx.sanction(member, sanction, sanction.equals("BAN") ? null : Instant.now().plus(Duration.ofDays(2)),
                        "matrix " + sanction.toLowerCase());
            }
            String token = DevTokens.accessToken(name);
            // The first request updates the member from the token and remembers their language; a second one
            // must change nothing, or no refusal could be told from a read.
            Browser.page().auth().oauth2(token).get("/").then().statusCode(200);
            Map<String, String> before = mx.fingerprint();
            Browser.page().auth().oauth2(token).get("/").then().statusCode(200);
            assertEquals(before, mx.fingerprint(), "reading the home page as " + name + " stored something");
            return new ActorSession(column, column == null ? name : column.name().toLowerCase(), fx.member(name), token);
        }

        Response send(ActorSession actor, String path, Map<String, List<Object>> params) {
            if (path.startsWith("/api/")) {
                // The API takes JSON and bearer credentials only: no CSRF cookie or field.
                RequestSpecification api = Browser.page().contentType("application/json").body(json(params));
                if (actor.token() != null) {
                    api.auth().oauth2(actor.token());
                }
                return api.post(path);
            }
            if (params.values().stream().flatMap(List::stream).anyMatch(v -> v instanceof FilePart)) {
                // A form with a file: multipart, with its length declared, as a browser sends it.
                Map<String, List<Object>> all = new LinkedHashMap<>();
                all.put(CSRF_FIELD, List.of(csrf.token()));
                all.putAll(params);
                String boundary = "matrix-" + java.util.UUID.randomUUID();
                RequestSpecification request = Browser.page().cookie(CSRF_COOKIE, csrf.cookie())
                        .contentType("multipart/form-data; boundary=" + boundary).body(FilePart.multipart(boundary, all));
                if (actor.token() != null) {
                    request.auth().oauth2(actor.token());
                }
                return request.post(path);
            }
            RequestSpecification request = Browser.page().cookie(CSRF_COOKIE, csrf.cookie()).contentType(FORM)
                    .formParam(CSRF_FIELD, csrf.token());
            if (actor.token() != null) {
                request.auth().oauth2(actor.token());
            }
            params.forEach((name, values) -> values.forEach(v -> request.formParam(name, v)));
            return request.post(path);
        }

        /** An API call: JSON in and out, the actor's bearer token (none for the visitor), no CSRF token. */
        Response call(ActorSession actor, String method, String path, String json) {
            RequestSpecification request = io.restassured.RestAssured.given().contentType("application/json")
                    .accept("application/json").body(json);
            if (actor.token() != null) {
                request.auth().oauth2(actor.token());
            }
            return request.request(method, path);
        }
    }

    /** A file in a form (the form goes as multipart). */
    record FilePart(String fileName, String type, byte[] bytes) {

        /** A multipart body with a declared length (RestAssured's own multipart is chunked, unlike a browser's). */
        static byte[] multipart(String boundary, Map<String, List<Object>> params) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            params.forEach((name, values) -> values.forEach(v -> {
                StringBuilder head = new StringBuilder("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                        .append(name).append('"');
                byte[] content;
                if (v instanceof FilePart file) {
                    head.append("; filename=\"").append(file.fileName()).append("\"\r\nContent-Type: ").append(file.type());
                    content = file.bytes();
                } else {
                    content = String.valueOf(v).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                }
                out.writeBytes(head.append("\r\n\r\n").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.writeBytes(content);
                out.writeBytes("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }));
            out.writeBytes(("--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return out.toByteArray();
        }
    }

    /** The form's parameters as a JSON object: one value as itself, several as an array (numbers unquoted). */
    static String json(Map<String, List<Object>> params) {
        StringBuilder out = new StringBuilder("{");
        params.forEach((name, values) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            List<String> texts = values.stream().map(v -> v instanceof Number ? v.toString() : "\"" + v + "\"").toList();
            out.append('"').append(name).append("\":").append(texts.size() == 1 ? texts.get(0) : "[" + String.join(",", texts) + "]");
        });
        return out.append('}').toString();
    }

    // ------------------------------------------------------------------------------------ scenarios

    /** What a scenario knows: who acts, who wrote the target, and the session for set-up requests. */
    record Context(ActorSession actor, Member author, Session session) {
        /** The member whose own account an own-account row changes: the actor, or someone for the visitor. */
        Member self(Fixtures fx) {
            return actor.member() != null ? actor.member() : fx.someone();
        }
    }

    /** A state the OK cell must reach, in words for the report. */
    record Effect(String what, BooleanSupplier check) {
    }

    /** The request to send, the effect it must have when allowed, and how to undo changes to shared members. */
    record Prepared(String path, Map<String, List<Object>> params, Effect effect, Runnable cleanup, String method,
            String json) {
    }

    /** Builds the data a row needs, fresh for each cell. */
    interface Scenario {
        Prepared prepare(Context c);
    }

    /** A small builder so scenarios read as "post here, with this, expecting that". */
    static final class Post {
        final String path;
        final Map<String, List<Object>> params = new LinkedHashMap<>();
        Effect effect;
        Runnable cleanup;

        Post(String path) {
            this.path = path;
        }

        Post with(String name, Object value) {
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            return this;
        }

        Post expect(String what, BooleanSupplier check) {
            effect = new Effect(what, check);
            return this;
        }

        Post cleanup(Runnable undo) {
            cleanup = undo;
            return this;
        }

        String method = "POST";
        /** The JSON body of an API call (null: a form post). */
        String json;

        /** An API call: this method and JSON body, a bearer token instead of a form's CSRF token. */
        Post json(String method, String body) {
            this.method = method;
            this.json = body;
            return this;
        }

        Prepared done() {
            return new Prepared(path, params, effect, cleanup, method, json);
        }
    }

    static Post post(String path) {
        return new Post(path);
    }

    /** Where the scenarios' suggestions go, and who writes what the author did not; made once per run. */
    private Board sharedBoard;
    private Member bystander;

    private Suggestion suggestionBy(Member author) {
        if (sharedBoard == null) {
            sharedBoard = fx.board();
        }
        return fx.suggestion(sharedBoard, author, unique("Matrix"));
    }

    private Member bystander() {
        if (bystander == null) {
            bystander = fx.someone();
        }
        return bystander;
    }

    private Comment commentBy(Member author) {
        Suggestion s = suggestionBy(bystander());
        return fx.comment(s.id, author, null, "Words by the author", false);
    }

    /** A new title and body for the suggestion, as its edit form sends them. */
    private Prepared edit(Suggestion sg) {
        String title = unique("Edited");
        return post("/suggestions/" + sg.id + "/edit").with("kind", "SUGGESTION").with("title", title)
                .with("body", "Edited body").expect("the title changed and a revision was kept",
                        () -> is("select count(*) from suggestion where id = ?1 and title = ?2", sg.id, title)
                                && is("select count(*) from revision where suggestion_id = ?1", sg.id))
                .done();
    }

    /** A device model on a new board, retired or offered. */
    private long deviceModel(boolean retired) {
        Board board = fx.board();
        mx.exec("insert into device_model (board_id, name, created_by_id, created_at, retired_at) values (?1, ?2, ?3, now(), "
                + (retired ? "now()" : "null") + ")", board.id, unique("Model"), fx.someone().id);
        return fx.number("select max(id) from device_model where board_id = ?1", board.id);
    }

    private boolean is(String sql, Object... params) {
        return fx.number(sql, params) > 0;
    }

    /** Webhook endpoints (admin): made off, so they collect no deliveries from the rest of the run, and switched off again. */
    private void webhooks(Map<String, Scenario> s) {
        // Port 9 (discard) on loopback: nothing is ever sent during the matrix, the delivery job is off in tests.
        s.put("POST /admin/webhooks", c -> {
            String url = "http://127.0.0.1:9/" + unique("mx-hook");
            return post("/admin/webhooks").with("url", url).with("events", "release.published")
                    .expect("the endpoint exists", () -> is("select count(*) from webhook_endpoint where url = ?1", url))
                    .cleanup(() -> fx.sql("update webhook_endpoint set enabled = false, disabled_reason = 'ADMIN' where url = ?1", url))
                    .done();
        });
        s.put("POST /admin/webhooks/{id}/enable", c -> {
            WebhookEndpoint endpoint = webhookOff();
            return post(endpoint.enablePath())
                    .expect("on", () -> is("select count(*) from webhook_endpoint where id = ?1 and enabled", endpoint.id))
                    .cleanup(() -> webhookSwitchOff(endpoint.id)).done();
        });
        s.put("POST /admin/webhooks/{id}/disable", c -> {
            WebhookEndpoint endpoint = wf.endpoint("http://127.0.0.1:9/" + unique("mx-hook"), "release.published");
            return post(endpoint.disablePath())
                    .expect("off", () -> is("select count(*) from webhook_endpoint where id = ?1 and not enabled", endpoint.id))
                    .cleanup(() -> webhookSwitchOff(endpoint.id)).done();
        });
        s.put("POST /admin/webhooks/{id}/test", c -> {
            WebhookEndpoint endpoint = webhookOff();
            return post(endpoint.testPath())
                    .expect("a test event queued", () -> is(
                            "select count(*) from webhook_delivery where endpoint_id = ?1 and event_type = 'webhook.test'", endpoint.id))
                    .cleanup(() -> fx.sql("update webhook_delivery set status = 'FAILED' where endpoint_id = ?1", endpoint.id))
                    .done();
        });
    }

    /** A mail given up after failing (admin): sent again, it is due at once; resolved afterwards, so no mail run sees it. */
    private void mail(Map<String, Scenario> s) {
        s.put("POST /admin/mail/{id}/retry", c -> {
            long id = fx.number("""
                    insert into mail_failure (member_id, kind, attempts, first_failed_at, last_attempt_at, next_attempt_at,
                                              last_error, gave_up_at)
                    values (?1, 'IMMEDIATE', 12, now(), now(), now(), 'mx: refused', now()) returning id""", fx.someone().id);
            return post("/admin/mail/" + id + "/retry")
                    .expect("due again", () -> is("select count(*) from mail_failure where id = ?1 and gave_up_at is null", id))
                    .cleanup(() -> fx.sql("update mail_failure set resolved_at = now() where id = ?1", id)).done();
        });
    }

    private WebhookEndpoint webhookOff() {
        WebhookEndpoint endpoint = wf.endpoint("http://127.0.0.1:9/" + unique("mx-hook"), "release.published");
        webhookSwitchOff(endpoint.id);
        return endpoint;
    }

    private void webhookSwitchOff(long id) {
        fx.sql("update webhook_endpoint set enabled = false, disabled_reason = 'ADMIN', disabled_at = now() where id = ?1", id);
    }

    private Map<String, Scenario> scenarios() {
        Map<String, Scenario> s = new LinkedHashMap<>();

        // --- participation
        polls(s);
        betas(s);
        s.put("POST /boards/{slug}/suggestions", c -> {
            Board board = fx.board();
            String title = unique("Posted");
            return post("/boards/" + board.slug + "/suggestions").with("kind", "SUGGESTION").with("title", title)
                    .with("body", "A new idea").expect("the suggestion exists",
                            () -> is("select count(*) from suggestion where title = ?1 and board_id = ?2", title, board.id))
                    .done();
        });
        s.put("POST /suggestions/{id}/edit", c -> edit(suggestionBy(c.author())));
        s.put("POST /suggestions/{id}/edit [locked]", c -> {
            Suggestion sg = suggestionBy(c.author());
            fx.lock(sg.id);
            return edit(sg);
        });
        s.put("POST /suggestions/{id}/edit [merged]", c -> {
            Suggestion sg = suggestionBy(c.author());
            Response merged = c.session().send(c.session().admin, "/suggestions/" + sg.id + "/merge",
                    Map.of("target", List.of(suggestionBy(bystander()).id)));
            assertEquals(303, merged.statusCode(), "set-up: alice merges");
            return edit(sg);
        });
        s.put("POST /suggestions/{id}/vote", c -> {
            Suggestion sg = suggestionBy(c.author());
            return post("/suggestions/" + sg.id + "/vote").with("on", "true")
                    .expect("one vote", () -> fx.counter(sg.id, "vote_count") == 1).done();
        });
        s.put("POST /suggestions/{id}/follow", c -> {
            Suggestion sg = suggestionBy(c.author());
            return post("/suggestions/" + sg.id + "/follow").with("on", "true")
                    .expect("one follower", () -> fx.counter(sg.id, "follower_count") == 1).done();
        });
        s.put("POST /suggestions/{id}/vote [hidden]", c -> {
            Suggestion sg = suggestionBy(c.author());
            fx.hide(sg.id);
            return post("/suggestions/" + sg.id + "/vote").with("on", "true")
                    .expect("one vote", () -> fx.counter(sg.id, "vote_count") == 1).done();
        });
        s.put("POST /suggestions/{id}/comments [hidden]", c -> {
            Suggestion sg = suggestionBy(c.author());
            fx.hide(sg.id);
            return post("/suggestions/" + sg.id + "/comments").with("body", "A word on a hidden post")
                    .expect("one comment", () -> is("select count(*) from comment where suggestion_id = ?1", sg.id)).done();
        });
        s.put("POST /suggestions/{id}/comments", c -> {
            Suggestion sg = suggestionBy(c.author());
            return post("/suggestions/" + sg.id + "/comments").with("body", "A matrix comment")
                    .expect("one comment", () -> fx.counter(sg.id, "comment_count") == 1).done();
        });
        s.put("POST /suggestions/{id}/comments [official]", c -> {
            Suggestion sg = suggestionBy(c.author());
            return post("/suggestions/" + sg.id + "/comments").with("body", "An official answer").with("official", "true")
                    .expect("the official response is set",
                            () -> is("select count(*) from suggestion where id = ?1 and official_comment_id is not null", sg.id))
                    .done();
        });
        s.put("POST /suggestions/{id}/report", c -> {
            Suggestion sg = suggestionBy(c.author());
            return post("/suggestions/" + sg.id + "/report").with("reason", "SPAM")
                    .expect("one open report", () -> is("select count(*) from report where suggestion_id = ?1", sg.id)).done();
        });
        s.put("POST /comments/{id}/edit [locked]", c -> {
            Comment cm = commentBy(c.author());
            fx.lock(cm.suggestion.id);
            return post("/comments/" + cm.id + "/edit").with("body", "Edited words")
                    .expect("the body changed", () -> is("select count(*) from comment where id = ?1 and body = 'Edited words'", cm.id))
                    .done();
        });
        s.put("POST /comments/{id}/edit", c -> {
            Comment cm = commentBy(c.author());
            return post("/comments/" + cm.id + "/edit").with("body", "Edited words")
                    .expect("the body changed and a revision was kept",
                            () -> is("select count(*) from comment where id = ?1 and body = 'Edited words'", cm.id)
                                    && is("select count(*) from revision where comment_id = ?1", cm.id))
                    .done();
        });
        s.put("POST /comments/{id}/report", c -> {
            Comment cm = commentBy(c.author());
            return post("/comments/" + cm.id + "/report").with("reason", "ABUSE")
                    .expect("one open report", () -> is("select count(*) from report where comment_id = ?1", cm.id)).done();
        });

        // --- following and one's own account
        s.put("POST /boards/{slug}/follow", c -> {
            Board board = fx.board();
            return post("/boards/" + board.slug + "/follow").with("on", "true")
                    .expect("the board has a follower", () -> is("select count(*) from board_follow where board_id = ?1", board.id))
                    .done();
        });
        s.put("POST /releases/follow", c -> {
            Member me = c.self(fx);
            boolean followed = is("select count(*) from channel_follow where member_id = ?1 and channel = 'STABLE'", me.id);
            mx.exec("delete from channel_follow where member_id = ?1 and channel = 'STABLE'", me.id);
            return post("/releases/follow").with("channel", "STABLE").with("on", "true")
                    .expect("the member follows the channel",
                            () -> is("select count(*) from channel_follow where member_id = ?1 and channel = 'STABLE'", me.id))
                    .cleanup(() -> {
                        if (!followed) {
                            mx.exec("delete from channel_follow where member_id = ?1 and channel = 'STABLE'", me.id);
                        }
                    }).done();
        });
        s.put("POST /me/notifications/{id}/read", c -> {
            Member me = c.self(fx);
            long id = mx.notification(me, suggestionBy(c.author()).id);
            return post("/me/notifications/" + id + "/read")
                    .expect("the notification is read", () -> is("select count(*) from notification where id = ?1 and read_at is not null", id))
                    .done();
        });
        s.put("POST /me/notifications/{id}/read [another's]", c -> {
            long id = mx.notification(bystander(), suggestionBy(c.author()).id);
            return post("/me/notifications/" + id + "/read")
                    .expect("the notification is read", () -> is("select count(*) from notification where id = ?1 and read_at is not null", id))
                    .done();
        });
        s.put("POST /me/notifications/read-all", c -> {
            Member me = c.self(fx);
            String unread = fx.text("select string_agg(id::text, ',') from notification where member_id = ?1 and read_at is null", me.id);
            long id = mx.notification(me, suggestionBy(c.author()).id);
            return post("/me/notifications/read-all")
                    .expect("nothing unread", () -> !is("select count(*) from notification where member_id = ?1 and read_at is null", me.id)
                            && is("select count(*) from notification where id = ?1", id))
                    .cleanup(() -> {
                        if (unread != null) {
                            mx.exec("update notification set read_at = null where id = any(string_to_array(?1, ',')::bigint[])", unread);
                        }
                    }).done();
        });
        s.put("POST /api/v1/me/notifications/read", c -> {
            Member me = c.self(fx);
            String unread = fx.text("select string_agg(id::text, ',') from notification where member_id = ?1 and read_at is null", me.id);
            long id = mx.notification(me, suggestionBy(c.author()).id);
            return post("/api/v1/me/notifications/read")
                    .expect("nothing unread", () -> !is("select count(*) from notification where member_id = ?1 and read_at is null", me.id)
                            && is("select count(*) from notification where id = ?1", id))
                    .cleanup(() -> {
                        if (unread != null) {
                            mx.exec("update notification set read_at = null where id = any(string_to_array(?1, ',')::bigint[])", unread);
                        }
                    }).done();
        });
        s.put("POST /admin/api-keys", c -> {
            String name = unique("Matrix bot");
            return post("/admin/api-keys").with("name", name).with("role", "fan").with("scopes", "read")
                    .expect("a key and its bot", () -> is("select count(*) from api_key k join member m on m.id = k.member_id"
                            + " where k.name = ?1 and m.bot", name)).done();
        });
        s.put("POST /admin/api-keys/{id}/revoke", c -> {
            long key = keys.create("fan", "read").id();
            return post("/admin/api-keys/" + key + "/revoke")
                    .expect("revoked", () -> is("select count(*) from api_key where id = ?1 and revoked_at is not null", key)).done();
        });
        s.put("POST /me/email", c -> {
            Member me = c.self(fx);
            String mode = fx.text("select email_mode from notification_preference where member_id = ?1", me.id);
            mx.exec("""
                    insert into notification_preference (member_id, email_mode, language, updated_at) values (?1, 'OFF', 'en', now())
                    on conflict (member_id) do update set email_mode = 'OFF'""", me.id);
            return post("/me/email").with("emailMode", "IMMEDIATE")
                    .expect("e-mail immediately", () -> is(
                            "select count(*) from notification_preference where member_id = ?1 and email_mode = 'IMMEDIATE'", me.id))
                    .cleanup(() -> {
                        if (mode != null) {
                            mx.exec("update notification_preference set email_mode = ?2 where member_id = ?1", me.id, mode);
                        }
                    }).done();
        });
        s.put("POST /me/notification-choices", c -> {
            Member me = c.self(fx);
            mx.exec("delete from notification_choice where member_id = ?1 and category = 'MENTIONS'", me.id);
            return post("/me/notification-choices").with("mentions", "OFF")
                    .expect("mentions off", () -> is(
                            "select count(*) from notification_choice where member_id = ?1 and category = 'MENTIONS' and channel = 'OFF'",
                            me.id))
                    .cleanup(() -> mx.exec("delete from notification_choice where member_id = ?1 and category = 'MENTIONS'", me.id))
                    .done();
        });
        s.put("POST /me/avatar", c -> {
            Member me = c.self(fx);
            return post("/me/avatar").with("avatar", new FilePart("me.png", "image/png",
                    app.fanloop.attachment.DrawnPictures.png(120, 90)))
                    .expect("a picture", () -> is("select count(*) from member m join attachment a on a.id = m.avatar_id"
                            + " where m.id = ?1 and a.kind = 'AVATAR'", me.id))
                    .cleanup(() -> {
                        mx.exec("update member set avatar_id = null where id = ?1", me.id);
                        mx.exec("delete from attachment where owner_id = ?1 and kind = 'AVATAR'", me.id);
                    }).done();
        });
        s.put("POST /me/avatar/remove", c -> {
            Member me = c.self(fx);
            mx.exec("""
                    insert into attachment (kind, owner_id, content_type, file_name, byte_size, sha256, blob_key, created_at,
                      attached_at) values ('AVATAR', ?1, 'image/png', 'me.png', 10, 'x', gen_random_uuid()::text, now(), now())""",
                    me.id);
            mx.exec("update member set avatar_id = (select max(id) from attachment where owner_id = ?1 and kind = 'AVATAR')"
                    + " where id = ?1", me.id);
            return post("/me/avatar/remove")
                    .expect("no picture", () -> is("select count(*) from member where id = ?1 and avatar_id is null", me.id))
                    .cleanup(() -> {
                        mx.exec("update member set avatar_id = null where id = ?1", me.id);
                        mx.exec("delete from attachment where owner_id = ?1 and kind = 'AVATAR'", me.id);
                    }).done();
        });
        s.put("POST /me/name", c -> {
            Member me = c.self(fx);
            String old = fx.text("select name from member where id = ?1", me.id);
            String name = unique("mx");
            // A member renamed in an earlier run waits no longer: the rate limit is its own test (DisplayNameTest).
            mx.exec("delete from member_name_change where member_id = ?1", me.id);
            return post("/me/name").with("name", name)
                    .expect("renamed", () -> is("select count(*) from member where id = ?1 and name = ?2", me.id, name))
                    .cleanup(() -> {
                        mx.exec("update member set name = ?2, name_chosen = false where id = ?1", me.id, old);
                        mx.exec("delete from member_name_change where member_id = ?1", me.id);
                    }).done();
        });
        s.put("POST /me/bio", c -> {
            Member me = c.self(fx);
            String bio = unique("bio");
            return post("/me/bio").with("bio", bio)
                    .expect("a bio", () -> is("select count(*) from member where id = ?1 and bio = ?2", me.id, bio))
                    .cleanup(() -> mx.exec("update member set bio = '' where id = ?1", me.id)).done();
        });
        s.put("POST /me/devices", c -> {
            Member me = c.self(fx);
            String model = unique("Phone");
            return post("/me/devices").with("model", model).with("systemVersion", "OS 1.0")
                    .expect("a device", () -> is("select count(*) from member_device where member_id = ?1 and model = ?2", me.id, model))
                    .cleanup(() -> mx.exec("delete from member_device where member_id = ?1", me.id)).done();
        });
        s.put("POST /me/devices/{id}/remove", c -> {
            Member me = c.self(fx);
            String model = unique("Phone");
            mx.exec("insert into member_device (member_id, model, system_version, created_at) values (?1, ?2, 'OS 1.0', now())",
                    me.id, model);
            long device = fx.number("select max(id) from member_device where member_id = ?1", me.id);
            return post("/me/devices/" + device + "/remove")
                    .expect("gone", () -> !is("select count(*) from member_device where id = ?1", device))
                    .cleanup(() -> mx.exec("delete from member_device where member_id = ?1", me.id)).done();
        });
        s.put("POST /me/privacy", c -> {
            Member me = c.self(fx);
            boolean wasPrivate = is("select count(*) from member where id = ?1 and honours_private", me.id);
            mx.exec("update member set honours_private = false where id = ?1", me.id);
            return post("/me/privacy").with("honoursPrivate", "on")
                    .expect("honours private", () -> is("select count(*) from member where id = ?1 and honours_private", me.id))
                    .cleanup(() -> mx.exec("update member set honours_private = ?2 where id = ?1", me.id, wasPrivate)).done();
        });

        // --- staff: statuses, merges, the triage console, feature items, release notes
        s.put("POST /suggestions/{id}/status", c -> {
            Suggestion sg = suggestionBy(c.author());
            return post("/suggestions/" + sg.id + "/status").with("status", "PLANNED").with("note", "On the plan")
                    .expect("status PLANNED", () -> is("select count(*) from suggestion where id = ?1 and status = 'PLANNED'", sg.id))
                    .done();
        });
        s.put("POST /suggestions/{id}/status [hidden]", c -> {
            Suggestion sg = suggestionBy(c.author());
            fx.hide(sg.id);
            return post("/suggestions/" + sg.id + "/status").with("status", "PLANNED").with("note", "On the plan")
                    .expect("status PLANNED", () -> is("select count(*) from suggestion where id = ?1 and status = 'PLANNED'", sg.id))
                    .done();
        });
        s.put("POST /suggestions/{id}/merge", c -> {
            Suggestion duplicate = suggestionBy(c.author());
            Suggestion target = suggestionBy(bystander());
            return post("/suggestions/" + duplicate.id + "/merge").with("target", target.id)
                    .expect("merged into the target",
                            () -> is("select count(*) from suggestion where id = ?1 and merged_into_id = ?2", duplicate.id, target.id))
                    .done();
        });
        s.put("POST /suggestions/{id}/unmerge", c -> {
            Suggestion duplicate = suggestionBy(c.author());
            Suggestion target = suggestionBy(bystander());
            Response merged = c.session().send(c.session().admin, "/suggestions/" + duplicate.id + "/merge",
                    Map.of("target", List.of(target.id)));
            assertEquals(303, merged.statusCode(), "set-up: alice merges");
            return post("/suggestions/" + duplicate.id + "/unmerge").with("note", "Not the same")
                    .expect("no longer merged",
                            () -> is("select count(*) from suggestion where id = ?1 and merged_into_id is null and status <> 'MERGED'", duplicate.id))
                    .done();
        });
        s.put("POST /triage/bulk", c -> {
            Suggestion sg = suggestionBy(c.author());
            return post("/triage/bulk").with("ids", sg.id).with("status", "UNDER_REVIEW")
                    .expect("status UNDER_REVIEW", () -> is("select count(*) from suggestion where id = ?1 and status = 'UNDER_REVIEW'", sg.id))
                    .done();
        });
        s.put("POST /triage/features", c -> {
            Suggestion sg = suggestionBy(c.author());
            String title = unique("Feature");
            return post("/triage/features").with("title", title).with("priority", 1).with("ids", sg.id)
                    .expect("the item exists and links the suggestion", () -> is("""
                            select count(*) from feature_item f join suggestion s on s.feature_item_id = f.id
                            where f.title = ?1 and s.id = ?2""", title, sg.id))
                    .done();
        });
        s.put("POST /triage/features/{id}", c -> {
            long item = fx.featureItem(unique("Feature"));
            String title = unique("Renamed");
            return post("/triage/features/" + item).with("title", title).with("priority", 2)
                    .expect("the title changed", () -> is("select count(*) from feature_item where id = ?1 and title = ?2", item, title))
                    .done();
        });
        s.put("POST /triage/features/{id}/status", c -> {
            long item = fx.featureItem(unique("Feature"), suggestionBy(c.author()).id);
            return post("/triage/features/" + item + "/status").with("status", "PLANNED")
                    .expect("status PLANNED", () -> is("select count(*) from feature_item where id = ?1 and status = 'PLANNED'", item))
                    .done();
        });
        s.put("POST /triage/features/{id}/link", c -> {
            long item = fx.featureItem(unique("Feature"));
            Suggestion sg = suggestionBy(c.author());
            return post("/triage/features/" + item + "/link").with("suggestionId", sg.id)
                    .expect("linked", () -> is("select count(*) from suggestion where id = ?1 and feature_item_id = ?2", sg.id, item))
                    .done();
        });
        s.put("POST /triage/features/{id}/unlink", c -> {
            Suggestion sg = suggestionBy(c.author());
            long item = fx.featureItem(unique("Feature"), sg.id);
            return post("/triage/features/" + item + "/unlink").with("suggestionId", sg.id)
                    .expect("unlinked", () -> is("select count(*) from suggestion where id = ?1 and feature_item_id is null", sg.id))
                    .done();
        });
        s.put("POST /triage/releases", c -> {
            String version = unique("OS");
            return post("/triage/releases").with("version", version).with("channel", "DEV")
                    .with("week", ReleaseEditing.isoWeek(LocalDate.now(SITE_ZONE))).with("summary", "What is new")
                    .expect("the draft exists", () -> is("select count(*) from release where version = ?1", version)).done();
        });
        s.put("POST /triage/releases/{id}", c -> {
            Release r = draft();
            String version = unique("OS");
            return post("/triage/releases/" + r.id).with("version", version).with("channel", "DEV")
                    .with("week", r.week).with("summary", "Corrected")
                    .expect("the version changed", () -> is("select count(*) from release where id = ?1 and version = ?2", r.id, version))
                    .done();
        });
        s.put("POST /triage/releases/{id}/items", c -> {
            Release r = draft();
            return post("/triage/releases/" + r.id + "/items").with("section", "FIXED").with("text", "A fix")
                    .expect("a second line", () -> fx.number("select count(*) from release_item where release_id = ?1", r.id) == 2)
                    .done();
        });
        s.put("POST /triage/releases/{id}/items/{itemId}", c -> {
            Release r = draft();
            long item = fx.number("select id from release_item where release_id = ?1", r.id);
            return post("/triage/releases/" + r.id + "/items/" + item).with("section", "IMPROVED").with("text", "Reworded")
                    .expect("the line changed", () -> is("select count(*) from release_item where id = ?1 and text = 'Reworded'", item))
                    .done();
        });
        s.put("POST /triage/releases/{id}/items/{itemId}/delete", c -> {
            Release r = draft();
            long item = fx.number("select id from release_item where release_id = ?1", r.id);
            return post("/triage/releases/" + r.id + "/items/" + item + "/delete")
                    .expect("the line is gone", () -> !is("select count(*) from release_item where id = ?1", item)).done();
        });
        s.put("POST /triage/releases/{id}/schedule", c -> {
            Release r = draft();
            String at = LocalDateTime.now(SITE_ZONE).plusDays(2).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
            return post("/triage/releases/" + r.id + "/schedule").with("scheduledAt", at)
                    .expect("scheduled", () -> is("select count(*) from release where id = ?1 and state = 'SCHEDULED'", r.id)).done();
        });
        s.put("POST /triage/releases/{id}/unschedule", c -> {
            Release r = draft();
            rf.schedule(r.id, Instant.now().plus(Duration.ofDays(2)));
            return post("/triage/releases/" + r.id + "/unschedule")
                    .expect("a draft again", () -> is("select count(*) from release where id = ?1 and state = 'DRAFT'", r.id)).done();
        });
        s.put("POST /triage/releases/{id}/publish", c -> {
            Release r = draft();
            return post("/triage/releases/" + r.id + "/publish")
                    .expect("published", () -> is("select count(*) from release where id = ?1 and state = 'PUBLISHED'", r.id)).done();
        });

        // --- admin: boards, members, the review queue
        s.put("POST /admin/boards", c -> {
            String slug = unique("mx");
            return post("/admin/boards").with("slug", slug).with("name", "Board " + slug).with("acceptsSuggestions", "true")
                    .with("acceptsBugs", "true")
                    .expect("the board exists", () -> is("select count(*) from board where slug = ?1", slug)).done();
        });
        s.put("POST /admin/boards/{id}", c -> {
            Board board = fx.board();
            return post("/admin/boards/" + board.id).with("slug", board.slug).with("name", "Renamed " + board.slug)
                    .with("acceptsSuggestions", "true").with("acceptsBugs", "false")
                    .expect("renamed", () -> is("select count(*) from board where id = ?1 and name = ?2 and not accepts_bugs", board.id,
                            "Renamed " + board.slug))
                    .done();
        });
        s.put("POST /admin/boards/{id}/move", c -> {
            Board first = fx.board();
            Board second = fx.board();
            return post("/admin/boards/" + second.id + "/move").with("direction", -1)
                    .expect("moved above the board before it", () -> fx.number("select position from board where id = ?1", second.id)
                            < fx.number("select position from board where id = ?1", first.id))
                    .done();
        });
        s.put("POST /admin/boards/{id}/archive", c -> {
            Board board = fx.board();
            return post("/admin/boards/" + board.id + "/archive").with("archived", "true")
                    .expect("archived", () -> is("select count(*) from board where id = ?1 and archived", board.id)).done();
        });
        s.put("POST /admin/members/{id}/sanctions", c -> {
            Member target = fx.someone();
            return post("/admin/members/" + target.id + "/sanctions").with("kind", "SILENCE")
                    .with("until", LocalDate.now(SITE_ZONE).plusDays(3).toString()).with("reason", "Matrix silence")
                    .expect("a silence", () -> is("select count(*) from sanction where member_id = ?1 and kind = 'SILENCE'", target.id))
                    .done();
        });
        s.put("POST /admin/members/{id}/sanctions/{sanction}/lift", c -> {
            Member target = fx.someone();
            fx.sanction(target, "SILENCE", Instant.now().plus(Duration.ofDays(2)), "to lift");
            long sanction = fx.number("select id from sanction where member_id = ?1", target.id);
            return post("/admin/members/" + target.id + "/sanctions/" + sanction + "/lift")
                    .expect("lifted", () -> is("select count(*) from sanction where id = ?1 and lifted_at is not null", sanction)).done();
        });
        s.put("POST /admin/members/{id}/name", c -> {
            Member target = fx.someone();
            String name = unique("an");
            return post("/admin/members/" + target.id + "/name").with("name", name)
                    .expect("renamed, in the history", () -> is("select count(*) from member m join member_name_change c"
                            + " on c.member_id = m.id where m.id = ?1 and m.name = ?2", target.id, name)).done();
        });
        s.put("POST /triage/devices", c -> {
            Board board = fx.board();
            String name = unique("Phone");
            return post("/triage/devices").with("board", board.slug).with("name", name)
                    .expect("a model", () -> is("select count(*) from device_model where board_id = ?1 and name = ?2", board.id, name)).done();
        });
        s.put("POST /triage/devices/{id}/retire", c -> {
            long model = deviceModel(false);
            return post("/triage/devices/" + model + "/retire")
                    .expect("retired", () -> is("select count(*) from device_model where id = ?1 and retired_at is not null", model)).done();
        });
        s.put("POST /triage/devices/{id}/restore", c -> {
            long model = deviceModel(true);
            return post("/triage/devices/" + model + "/restore")
                    .expect("offered again", () -> is("select count(*) from device_model where id = ?1 and retired_at is null", model)).done();
        });
        s.put("POST /admin/members/{id}/roles", c -> {
            Member target = fx.someone();
            return post("/admin/members/" + target.id + "/roles").with("role", "pm").with("granted", "true")
                    .expect("a pm", () -> is("select count(*) from member where id = ?1 and 'pm' = any(local_roles)", target.id)).done();
        });
        moderation(s);
        api(s);
        webhooks(s);
        mail(s);
        return s;
    }

    static Post call(String method, String path, String json) {
        return new Post(path).json(method, json);
    }

    /** Polls: ballots (as votes), staff's early close, the poll's own form (staff, or the author). */
    private void polls(Map<String, Scenario> s) {
        s.put("POST /suggestions/{id}/poll/ballot", c -> {
            Suggestion sg = suggestionBy(c.author());
            List<Long> options = pf.poll(sg.id, false, false, null, "Yes", "No");
            return post("/suggestions/" + sg.id + "/poll/ballot").with("option", options.get(0))
                    .expect("one ballot", () -> pf.voters(sg.id) == 1 && pf.count(options.get(0)) == 1).done();
        });
        s.put("POST /suggestions/{id}/poll/ballot [hidden]", c -> {
            Suggestion sg = suggestionBy(c.author());
            List<Long> options = pf.poll(sg.id, false, false, null, "Yes", "No");
            fx.hide(sg.id);
            return post("/suggestions/" + sg.id + "/poll/ballot").with("option", options.get(0))
                    .expect("one ballot", () -> pf.voters(sg.id) == 1).done();
        });
        s.put("POST /suggestions/{id}/poll/close", c -> {
            Suggestion sg = suggestionBy(c.author());
            pf.poll(sg.id, false, false, null, "Yes", "No");
            return post("/suggestions/" + sg.id + "/poll/close")
                    .expect("closed, with an audit entry", () -> is("select count(*) from poll where suggestion_id = ?1"
                            + " and closed_at is not null", sg.id)
                            && is("select count(*) from audit_entry where action = 'poll.close' and target_id = ?1", sg.id))
                    .done();
        });
        s.put("POST /suggestions/{id}/poll/edit", c -> {
            Suggestion sg = suggestionBy(c.author());
            return post("/suggestions/" + sg.id + "/poll/edit").with("pollOption", "Left").with("pollOption", "Right")
                    .expect("the poll exists", () -> is("select count(*) from poll_option o join poll p on p.id = o.poll_id"
                            + " where p.suggestion_id = ?1", sg.id))
                    .done();
        });
        s.put("PUT /api/v1/suggestions/{id}/poll/ballot", c -> {
            Suggestion sg = suggestionBy(c.author());
            List<Long> options = pf.poll(sg.id, false, false, null, "Yes", "No");
            return call("PUT", "/api/v1/suggestions/" + sg.id + "/poll/ballot", "{\"options\": [" + options.get(1) + "]}")
                    .expect("one ballot", () -> pf.voters(sg.id) == 1 && pf.count(options.get(1)) == 1).done();
        });
        s.put("DELETE /api/v1/suggestions/{id}/poll/ballot", c -> {
            Suggestion sg = suggestionBy(c.author());
            List<Long> options = pf.poll(sg.id, false, false, null, "Yes", "No");
            if (c.actor().member() != null) {
                pf.ballotAs(sg.id, c.actor().member().id, options.get(0));
            }
            return call("DELETE", "/api/v1/suggestions/" + sg.id + "/poll/ballot", "{}")
                    .expect("no ballot", () -> pf.voters(sg.id) == 0 && pf.count(options.get(0)) == 0).done();
        });
    }

    /** Closed beta programs: fans apply; the console's actions are staff only. Each actor gets a program of its own. */
    private void betas(Map<String, Scenario> s) {
        s.put("POST /beta/{slug}/applications", c -> {
            app.fanloop.beta.BetaProgram p = betas.program(2, 0, 0, null);
            return post("/beta/" + p.slug + "/applications").with("device", "Xiaomi 14").with("systemVersion", "HyperOS 2.1")
                    .expect("an application", () -> is("select count(*) from beta_application where program_id = ?1", p.id)).done();
        });
        s.put("POST /triage/beta", c -> {
            String slug = unique("matrix");
            return post("/triage/beta").with("slug", slug).with("name", "Matrix beta").with("places", 2)
                    .with("appliesFrom", "2026-01-01T10:00").with("appliesUntil", "2036-01-01T10:00").with("channel", "DEV")
                    .with("minLevel", 0).with("weeklyPosts", 0)
                    .expect("the program and its board", () -> is("select count(*) from board b join beta_program p on p.id = b.program_id"
                            + " where p.slug = ?1", slug)).done();
        });
        s.put("POST /triage/beta/{slug}/applications/{id}/decision", c -> {
            app.fanloop.beta.BetaProgram p = betas.program(2, 0, 0, null);
            long a = betas.application(p, fx.someone().id, "APPLIED", "Xiaomi 14");
            return post("/triage/beta/" + p.slug + "/applications/" + a + "/decision").with("state", "WAITLISTED")
                    .expect("waitlisted", () -> is("select count(*) from beta_application where id = ?1 and state = 'WAITLISTED'", a))
                    .done();
        });
        s.put("POST /triage/beta/{slug}/applications/{id}/remove", c -> {
            app.fanloop.beta.BetaProgram p = betas.program(2, 0, 0, null);
            long a = betas.application(p, fx.someone().id, "ACCEPTED", "Xiaomi 14");
            return post("/triage/beta/" + p.slug + "/applications/" + a + "/remove")
                    .expect("removed", () -> is("select count(*) from beta_application where id = ?1 and state = 'REMOVED'", a))
                    .done();
        });
        s.put("POST /triage/beta/{slug}/remove-behind", c -> {
            app.fanloop.beta.BetaProgram p = betas.program(2, 1, 0, null);
            long a = betas.application(p, fx.someone().id, "ACCEPTED", "Xiaomi 14");
            betas.acceptedAgo(a, java.time.Duration.ofDays(8));
            return post("/triage/beta/" + p.slug + "/remove-behind")
                    .expect("removed", () -> is("select count(*) from beta_application where id = ?1 and state = 'REMOVED'", a))
                    .done();
        });
        s.put("POST /triage/beta/{slug}/top", c -> {
            app.fanloop.beta.BetaProgram p = betas.program(2, 0, 0, null);
            long a = betas.application(p, fx.someone().id, "APPLIED", "Xiaomi 14");
            return post("/triage/beta/" + p.slug + "/top").with("n", 1)
                    .expect("accepted", () -> is("select count(*) from beta_application where id = ?1 and state = 'ACCEPTED'", a))
                    .done();
        });
        s.put("POST /triage/beta/{slug}/close", c -> {
            app.fanloop.beta.BetaProgram p = betas.program(2, 0, 0, null);
            return post("/triage/beta/" + p.slug + "/close")
                    .expect("closed", () -> is("select count(*) from beta_program where id = ?1 and closed_at is not null", p.id))
                    .done();
        });
        s.put("POST /triage/beta/{slug}/build-public", c -> {
            app.fanloop.beta.BetaProgram p = betas.program(2, 0, 0, null);
            return post("/triage/beta/" + p.slug + "/build-public")
                    .expect("public", () -> is("select count(*) from beta_program where id = ?1 and build_public_at is not null", p.id))
                    .done();
        });
    }

    /** The JSON API's writes: the same services as the forms, so the same outcomes, through bearer tokens. */
    private void api(Map<String, Scenario> s) {
        s.put("POST /api/v1/boards/{slug}/suggestions", c -> {
            Board board = fx.board();
            String title = unique("Posted by API");
            return call("POST", "/api/v1/boards/" + board.slug + "/suggestions", "{\"title\":\"" + title + "\",\"body\":\"Idea\"}")
                    .expect("the suggestion exists",
                            () -> is("select count(*) from suggestion where title = ?1 and board_id = ?2", title, board.id))
                    .done();
        });
        s.put("PUT /api/v1/suggestions/{id}", c -> {
            Suggestion sg = suggestionBy(c.author());
            String title = unique("Edited by API");
            return call("PUT", "/api/v1/suggestions/" + sg.id, "{\"title\":\"" + title + "\",\"body\":\"Edited body\"}")
                    .expect("the title changed and a revision was kept",
                            () -> is("select count(*) from suggestion where id = ?1 and title = ?2", sg.id, title)
                                    && is("select count(*) from revision where suggestion_id = ?1", sg.id))
                    .done();
        });
        s.put("PUT /api/v1/suggestions/{id}/vote", c -> {
            Suggestion sg = suggestionBy(c.author());
            return call("PUT", "/api/v1/suggestions/" + sg.id + "/vote", "{}")
                    .expect("one vote", () -> fx.counter(sg.id, "vote_count") == 1).done();
        });
        s.put("PUT /api/v1/suggestions/{id}/vote [hidden]", c -> {
            Suggestion sg = suggestionBy(c.author());
            fx.hide(sg.id);
            return call("PUT", "/api/v1/suggestions/" + sg.id + "/vote", "{}")
                    .expect("one vote", () -> fx.counter(sg.id, "vote_count") == 1).done();
        });
        s.put("DELETE /api/v1/suggestions/{id}/vote", c -> {
            Suggestion sg = suggestionBy(c.author());
            if (c.actor().member() != null) {
                fx.voteAs(sg.id, c.actor().member());
            }
            return call("DELETE", "/api/v1/suggestions/" + sg.id + "/vote", "{}")
                    .expect("no vote", () -> fx.counter(sg.id, "vote_count") == 0).done();
        });
        s.put("PUT /api/v1/suggestions/{id}/follow", c -> {
            Suggestion sg = suggestionBy(c.author());
            return call("PUT", "/api/v1/suggestions/" + sg.id + "/follow", "{}")
                    .expect("one follower", () -> fx.counter(sg.id, "follower_count") == 1).done();
        });
        s.put("DELETE /api/v1/suggestions/{id}/follow", c -> {
            Suggestion sg = suggestionBy(c.author());
            if (c.actor().member() != null) {
                fx.followAs(sg.id, c.actor().member());
            }
            return call("DELETE", "/api/v1/suggestions/" + sg.id + "/follow", "{}")
                    .expect("no follower", () -> fx.counter(sg.id, "follower_count") == 0).done();
        });
        s.put("POST /api/v1/suggestions/{id}/comments", c -> {
            Suggestion sg = suggestionBy(c.author());
            return call("POST", "/api/v1/suggestions/" + sg.id + "/comments", "{\"body\":\"An API comment\"}")
                    .expect("one comment", () -> fx.counter(sg.id, "comment_count") == 1).done();
        });
        s.put("POST /api/v1/suggestions/{id}/official-response", c -> {
            Suggestion sg = suggestionBy(c.author());
            return call("POST", "/api/v1/suggestions/" + sg.id + "/official-response", "{\"body\":\"An official answer\"}")
                    .expect("the official response is set",
                            () -> is("select count(*) from suggestion where id = ?1 and official_comment_id is not null", sg.id))
                    .done();
        });
        s.put("PUT /api/v1/comments/{id}", c -> {
            Comment cm = commentBy(c.author());
            return call("PUT", "/api/v1/comments/" + cm.id, "{\"body\":\"Edited words\"}")
                    .expect("the body changed and a revision was kept",
                            () -> is("select count(*) from comment where id = ?1 and body = 'Edited words'", cm.id)
                                    && is("select count(*) from revision where comment_id = ?1", cm.id))
                    .done();
        });
        s.put("POST /api/v1/suggestions/{id}/reports", c -> {
            Suggestion sg = suggestionBy(c.author());
            return call("POST", "/api/v1/suggestions/" + sg.id + "/reports", "{\"reason\":\"SPAM\"}")
                    .expect("one open report", () -> is("select count(*) from report where suggestion_id = ?1", sg.id)).done();
        });
        s.put("POST /api/v1/comments/{id}/reports", c -> {
            Comment cm = commentBy(c.author());
            return call("POST", "/api/v1/comments/" + cm.id + "/reports", "{\"reason\":\"ABUSE\"}")
                    .expect("one open report", () -> is("select count(*) from report where comment_id = ?1", cm.id)).done();
        });
        s.put("PUT /api/v1/boards/{slug}/follow", c -> {
            Board board = fx.board();
            return call("PUT", "/api/v1/boards/" + board.slug + "/follow", "{}")
                    .expect("the board has a follower", () -> is("select count(*) from board_follow where board_id = ?1", board.id))
                    .done();
        });
        s.put("DELETE /api/v1/boards/{slug}/follow", c -> {
            Board board = fx.board();
            if (c.actor().member() != null) {
                mx.exec("insert into board_follow (board_id, member_id) values (?1, ?2)", board.id, c.actor().member().id);
            }
            return call("DELETE", "/api/v1/boards/" + board.slug + "/follow", "{}")
                    .expect("no follower", () -> !is("select count(*) from board_follow where board_id = ?1", board.id)).done();
        });
        s.put("PUT /api/v1/channels/{channel}/follow", c -> {
            Member me = c.self(fx);
            boolean followed = is("select count(*) from channel_follow where member_id = ?1 and channel = 'STABLE'", me.id);
            mx.exec("delete from channel_follow where member_id = ?1 and channel = 'STABLE'", me.id);
            return call("PUT", "/api/v1/channels/stable/follow", "{}")
                    .expect("the member follows the channel",
                            () -> is("select count(*) from channel_follow where member_id = ?1 and channel = 'STABLE'", me.id))
                    .cleanup(() -> {
                        if (!followed) {
                            mx.exec("delete from channel_follow where member_id = ?1 and channel = 'STABLE'", me.id);
                        }
                    }).done();
        });
        s.put("DELETE /api/v1/channels/{channel}/follow", c -> {
            Member me = c.self(fx);
            boolean followed = is("select count(*) from channel_follow where member_id = ?1 and channel = 'STABLE'", me.id);
            mx.exec("insert into channel_follow (channel, member_id) values ('STABLE', ?1) on conflict do nothing", me.id);
            return call("DELETE", "/api/v1/channels/stable/follow", "{}")
                    .expect("the member no longer follows the channel",
                            () -> !is("select count(*) from channel_follow where member_id = ?1 and channel = 'STABLE'", me.id))
                    .cleanup(() -> {
                        if (!followed) {
                            mx.exec("delete from channel_follow where member_id = ?1 and channel = 'STABLE'", me.id);
                        }
                    }).done();
        });
        s.put("POST /api/v1/suggestions/{id}/status", c -> {
            Suggestion sg = suggestionBy(c.author());
            return call("POST", "/api/v1/suggestions/" + sg.id + "/status", "{\"status\":\"PLANNED\",\"note\":\"On the plan\"}")
                    .expect("status PLANNED", () -> is("select count(*) from suggestion where id = ?1 and status = 'PLANNED'", sg.id))
                    .done();
        });
        s.put("PUT /api/v1/suggestions/{id}/merge", c -> {
            Suggestion duplicate = suggestionBy(c.author());
            Suggestion target = suggestionBy(bystander());
            return call("PUT", "/api/v1/suggestions/" + duplicate.id + "/merge", "{\"into\":" + target.id + "}")
                    .expect("merged into the target",
                            () -> is("select count(*) from suggestion where id = ?1 and merged_into_id = ?2", duplicate.id, target.id))
                    .done();
        });
        s.put("DELETE /api/v1/suggestions/{id}/merge", c -> {
            Suggestion duplicate = suggestionBy(c.author());
            Suggestion target = suggestionBy(bystander());
            Response merged = c.session().send(c.session().admin, "/suggestions/" + duplicate.id + "/merge",
                    Map.of("target", List.of(target.id)));
            assertEquals(303, merged.statusCode(), "set-up: alice merges");
            return call("DELETE", "/api/v1/suggestions/" + duplicate.id + "/merge", "{}")
                    .expect("no longer merged",
                            () -> is("select count(*) from suggestion where id = ?1 and merged_into_id is null and status <> 'MERGED'", duplicate.id))
                    .done();
        });
        s.put("POST /api/v1/feature-items", c -> {
            Suggestion sg = suggestionBy(c.author());
            String title = unique("Feature");
            return call("POST", "/api/v1/feature-items", "{\"title\":\"" + title + "\",\"priority\":1,\"suggestionIds\":[" + sg.id + "]}")
                    .expect("the item exists and links the suggestion", () -> is("""
                            select count(*) from feature_item f join suggestion s on s.feature_item_id = f.id
                            where f.title = ?1 and s.id = ?2""", title, sg.id))
                    .done();
        });
        s.put("PUT /api/v1/feature-items/{id}", c -> {
            long item = fx.featureItem(unique("Feature"));
            String title = unique("Renamed");
            return call("PUT", "/api/v1/feature-items/" + item, "{\"title\":\"" + title + "\",\"priority\":2}")
                    .expect("the title changed", () -> is("select count(*) from feature_item where id = ?1 and title = ?2", item, title))
                    .done();
        });
        s.put("POST /api/v1/feature-items/{id}/status", c -> {
            long item = fx.featureItem(unique("Feature"), suggestionBy(c.author()).id);
            return call("POST", "/api/v1/feature-items/" + item + "/status", "{\"status\":\"PLANNED\"}")
                    .expect("status PLANNED", () -> is("select count(*) from feature_item where id = ?1 and status = 'PLANNED'", item))
                    .done();
        });
        s.put("PUT /api/v1/feature-items/{id}/suggestions/{suggestionId}", c -> {
            long item = fx.featureItem(unique("Feature"));
            Suggestion sg = suggestionBy(c.author());
            return call("PUT", "/api/v1/feature-items/" + item + "/suggestions/" + sg.id, "{}")
                    .expect("linked", () -> is("select count(*) from suggestion where id = ?1 and feature_item_id = ?2", sg.id, item))
                    .done();
        });
        s.put("DELETE /api/v1/feature-items/{id}/suggestions/{suggestionId}", c -> {
            Suggestion sg = suggestionBy(c.author());
            long item = fx.featureItem(unique("Feature"), sg.id);
            return call("DELETE", "/api/v1/feature-items/" + item + "/suggestions/" + sg.id, "{}")
                    .expect("unlinked", () -> is("select count(*) from suggestion where id = ?1 and feature_item_id is null", sg.id))
                    .done();
        });
        s.put("POST /api/v1/suggestions/{id}/hide", c -> {
            Suggestion sg = suggestionBy(c.author());
            return call("POST", "/api/v1/suggestions/" + sg.id + "/hide", "{\"reason\":\"Spam\"}")
                    .expect("hidden", () -> is("select count(*) from suggestion where id = ?1 and hidden", sg.id)).done();
        });
        s.put("POST /api/v1/suggestions/{id}/restore", c -> {
            Suggestion sg = suggestionBy(c.author());
            fx.hide(sg.id);
            return call("POST", "/api/v1/suggestions/" + sg.id + "/restore", "{}")
                    .expect("shown", () -> is("select count(*) from suggestion where id = ?1 and not hidden", sg.id)).done();
        });
        s.put("POST /api/v1/comments/{id}/hide", c -> {
            Comment cm = commentBy(c.author());
            return call("POST", "/api/v1/comments/" + cm.id + "/hide", "{\"reason\":\"Rude\"}")
                    .expect("hidden", () -> is("select count(*) from comment where id = ?1 and hidden", cm.id)).done();
        });
        s.put("POST /api/v1/comments/{id}/restore", c -> {
            Comment cm = commentBy(c.author());
            fx.hideComment(cm.id);
            return call("POST", "/api/v1/comments/" + cm.id + "/restore", "{}")
                    .expect("shown", () -> is("select count(*) from comment where id = ?1 and not hidden", cm.id)).done();
        });
    }

    /** The review queue's actions, on a reported suggestion or comment by the author. */
    private void moderation(Map<String, Scenario> s) {
        String base = "POST /admin/reports/{type}/{id}/";
        Function<Member, Suggestion> reportedSuggestion = author -> {
            Suggestion sg = suggestionBy(author);
            fx.report(sg.id, null, bystander());
            return sg;
        };
        Function<Member, Comment> reportedComment = author -> {
            Comment cm = commentBy(author);
            fx.report(null, cm.id, bystander());
            return cm;
        };
        s.put(base + "dismiss [suggestion]", c -> {
            Suggestion sg = reportedSuggestion.apply(c.author());
            return post("/admin/reports/suggestion/" + sg.id + "/dismiss")
                    .expect("the report is dismissed", () -> is("select count(*) from report where suggestion_id = ?1 and status = 'DISMISSED'", sg.id))
                    .done();
        });
        s.put(base + "dismiss [comment]", c -> {
            Comment cm = reportedComment.apply(c.author());
            return post("/admin/reports/comment/" + cm.id + "/dismiss")
                    .expect("the report is dismissed", () -> is("select count(*) from report where comment_id = ?1 and status = 'DISMISSED'", cm.id))
                    .done();
        });
        s.put(base + "hide [suggestion]", c -> {
            Suggestion sg = reportedSuggestion.apply(c.author());
            return post("/admin/reports/suggestion/" + sg.id + "/hide").with("reason", "Spam")
                    .expect("hidden", () -> is("select count(*) from suggestion where id = ?1 and hidden", sg.id)).done();
        });
        s.put(base + "hide [comment]", c -> {
            Comment cm = reportedComment.apply(c.author());
            return post("/admin/reports/comment/" + cm.id + "/hide").with("reason", "Abuse")
                    .expect("hidden", () -> is("select count(*) from comment where id = ?1 and hidden", cm.id)).done();
        });
        s.put(base + "restore [suggestion]", c -> {
            Suggestion sg = suggestionBy(c.author());
            fx.hide(sg.id);
            return post("/admin/reports/suggestion/" + sg.id + "/restore")
                    .expect("shown again", () -> is("select count(*) from suggestion where id = ?1 and not hidden", sg.id)).done();
        });
        s.put(base + "restore [comment]", c -> {
            Comment cm = commentBy(c.author());
            mx.exec("update comment set hidden = true, hidden_reason = 'spam', hidden_at = now() where id = ?1", cm.id);
            return post("/admin/reports/comment/" + cm.id + "/restore")
                    .expect("shown again", () -> is("select count(*) from comment where id = ?1 and not hidden", cm.id)).done();
        });
        s.put(base + "purge [suggestion]", c -> {
            Suggestion sg = reportedSuggestion.apply(c.author());
            return post("/admin/reports/suggestion/" + sg.id + "/purge").with("confirm", sg.id)
                    .expect("gone", () -> !is("select count(*) from suggestion where id = ?1", sg.id)).done();
        });
        s.put(base + "purge [comment]", c -> {
            Comment cm = reportedComment.apply(c.author());
            return post("/admin/reports/comment/" + cm.id + "/purge").with("confirm", cm.id)
                    .expect("gone", () -> !is("select count(*) from comment where id = ?1", cm.id)).done();
        });
        s.put(base + "lock [suggestion]", c -> {
            Suggestion sg = suggestionBy(c.author());
            return post("/admin/reports/suggestion/" + sg.id + "/lock")
                    .expect("locked", () -> is("select count(*) from suggestion where id = ?1 and locked", sg.id)).done();
        });
        s.put(base + "unlock [suggestion]", c -> {
            Suggestion sg = suggestionBy(c.author());
            fx.lock(sg.id);
            return post("/admin/reports/suggestion/" + sg.id + "/unlock")
                    .expect("unlocked", () -> is("select count(*) from suggestion where id = ?1 and not locked", sg.id)).done();
        });
        s.put(base + "pin [suggestion]", c -> {
            Suggestion sg = suggestionBy(c.author());
            return post("/admin/reports/suggestion/" + sg.id + "/pin")
                    .expect("pinned", () -> is("select count(*) from suggestion where id = ?1 and pinned", sg.id)).done();
        });
        s.put(base + "unpin [suggestion]", c -> {
            Suggestion sg = suggestionBy(c.author());
            mx.exec("update suggestion set pinned = true where id = ?1", sg.id);
            return post("/admin/reports/suggestion/" + sg.id + "/unpin")
                    .expect("unpinned", () -> is("select count(*) from suggestion where id = ?1 and not pinned", sg.id)).done();
        });
        s.put(base + "move [suggestion]", c -> {
            Suggestion sg = suggestionBy(c.author());
            Board to = fx.board();
            return post("/admin/reports/suggestion/" + sg.id + "/move").with("board", to.id)
                    .expect("on the other board", () -> is("select count(*) from suggestion where id = ?1 and board_id = ?2", sg.id, to.id))
                    .done();
        });
    }

    /** A draft on the weekly channel with one line, by paula. */
    private Release draft() {
        return rf.draft(ReleaseChannel.DEV, unique("OS"), null);
    }
}

package app.fanloop.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * Backup and restore, end to end, with the packaged app in prod mode (target/quarkus-app) and the scripts an operator
 * runs (docker/backup/backup.sh and restore.sh): the app runs on a scratch database; several members (integration
 * bots, signed in with API keys, so no identity provider is needed) post, vote, withdraw a vote, comment, reply and
 * follow through /api/v1, so every counter is moved by the app itself, and one has a picture in the database store;
 * backup.sh dumps the database while the app runs; restore.sh restores it into a new database (and refuses to restore
 * over it again); a second app starts on the restored database (the first one still running on its own) and must
 * show the same counts as the first and serve the picture byte for byte; every counter must equal its rows; and it
 * must take new writes (identity sequences restored).
 * <p>
 * Production's start contract is met as a deployment would meet it: site URL, four long random secrets, a real SMTP
 * server (GreenMail, in this JVM). The identity provider is an address nobody answers: the app starts without it
 * (the browser sign-in would wait for it), and API keys do not use it.
 */
class BackupRestoreIT {

    static final String SOURCE = "fanloop_docker_backup_source";
    static final String RESTORED = "fanloop_docker_backup_restored";
    static final String BOARD = "backup";
    static final Path WORK = Path.of("target/backup-it");
    static final Path APP = Path.of("target/quarkus-app/quarkus-run.jar");
    static final ObjectMapper JSON = new ObjectMapper();
    static final SecureRandom RANDOM = new SecureRandom();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A bot member and its API key. */
    record Bot(long id, String key) {
    }

    @Test
    void a_restored_dump_starts_the_app_with_every_count_intact() throws Exception {
        assertTrue(Files.exists(APP), APP + " is missing: package the app first (./mvnw verify does)");
        Files.createDirectories(WORK);
        recreate(SOURCE, true);
        recreate(RESTORED, false);
        Map<String, String> secrets = Map.of(
                "QUARKUS_OIDC_CREDENTIALS_SECRET", secret(),
                "QUARKUS_OIDC_TOKEN_STATE_MANAGER_ENCRYPTION_SECRET", secret(),
                "FANLOOP_NOTIFICATION_UNSUBSCRIBE_SECRET", secret(),
                // The restored app needs the same key to open the webhook secrets sealed in the database.
                "FANLOOP_WEBHOOKS_SECRET_KEY", secret());
        GreenMail smtp = new GreenMail(new ServerSetup(3025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        List<RunningApp> apps = new ArrayList<>();
        try {
            int smtpPort = smtp.getSmtp().getPort();
            RunningApp source = RunningApp.start(SOURCE, smtpPort, secrets, WORK.resolve("app-source.log"));
            apps.add(source);
            source.awaitReady();

            // Members and their keys, as the admin page would make them; then they act through the API.
            List<Bot> bots = seed(4);
            byte[] picture = bytes(300_000);
            long avatar = storeAvatar(bots.get(0), picture);
            List<Long> suggestions = takePart(source, bots);
            Map<String, Object> before = view(source, bots, suggestions);
            assertEquals(8, before.get("board.suggestions"), "the members posted 8 suggestions: " + before);
            assertEquals(4 * 6 - 1, sum(before, ".votes"), "each member voted for the 6 others' suggestions, one vote withdrawn");
            assertEquals(4 * 4, sum(before, ".comments"), "each member wrote 3 comments and a reply");
            bots.forEach(b -> assertTrue((Integer) before.get("member." + b.id() + ".points") > 0, "points for posting, votes and comments"));
            Map<String, Long> rowsBefore = rowCounts(SOURCE);

            // The backup is taken while the app runs, as an operator would.
            Path dump = WORK.resolve("fanloop.dump");
            Files.deleteIfExists(dump);
            Script backup = Script.run(Map.of("PGDATABASE", SOURCE), "docker/backup/backup.sh", dump.toString());
            assertEquals(0, backup.exit(), backup.output());
            assertTrue(Files.size(dump) > 0, "empty dump");
            assertTrue(backup.output().contains("1 attachment(s), all in the database (blob_chunk)"), backup.output());
            // With the S3 store the files are not in the dump: the script says which bucket to copy.
            Script s3 = Script.run(Map.of("PGDATABASE", SOURCE, "FANLOOP_ATTACHMENTS_STORAGE", "s3",
                    "FANLOOP_ATTACHMENTS_S3_BUCKET", "fans-files"), "docker/backup/backup.sh", WORK.resolve("s3.dump").toString());
            assertEquals(0, s3.exit(), s3.output());
            assertTrue(s3.output().contains("aws s3 sync s3://fans-files "), s3.output());

            Script restore = Script.run(Map.of(), "docker/backup/restore.sh", dump.toString(), RESTORED);
            assertEquals(0, restore.exit(), restore.output());
            assertTrue(restore.output().contains("created database " + RESTORED), restore.output());
            Script again = Script.run(Map.of(), "docker/backup/restore.sh", dump.toString(), RESTORED);
            assertNotEquals(0, again.exit(), "restore.sh must refuse a database that is not empty");
            assertTrue(again.output().contains("refusing: database " + RESTORED + " is not empty"), again.output());

            assertEquals(rowsBefore, rowCounts(RESTORED), "every table of the app has as many rows as before");
            assertEquals(List.of(), wrongCounters(RESTORED), "counters that differ from their rows after the restore");

            RunningApp restored = RunningApp.start(RESTORED, smtpPort, secrets, WORK.resolve("app-restored.log"));
            apps.add(restored);
            restored.awaitReady();
            assertEquals(before, view(restored, bots, suggestions), "the restored app shows what the first one showed");
            // The attachments' bytes came along (the default store keeps them in the database).
            HttpResponse<byte[]> file = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restored.port + "/files/" + avatar))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, file.statusCode());
            assertTrue(java.util.Arrays.equals(picture, file.body()), "the restored app serves the picture byte for byte");

            // It takes new writes: the keys still work and new rows get fresh ids (identity sequences were restored).
            long withdrawn = suggestions.get(2);
            JsonNode vote = restored.call("PUT", "/api/v1/suggestions/" + withdrawn + "/vote", bots.get(0), null, 200);
            assertEquals((Integer) before.get("suggestion." + withdrawn + ".votes") + 1, vote.get("votes").asInt());
            restored.call("POST", "/api/v1/suggestions/" + withdrawn + "/comments", bots.get(0),
                    Map.of("body", "Written after the restore."), 201);
            assertEquals((Integer) before.get("suggestion." + withdrawn + ".comments") + 1,
                    restored.call("GET", "/api/v1/suggestions/" + withdrawn, null, null, 200).get("comments").asInt());
            assertEquals(List.of(), wrongCounters(RESTORED), "counters that differ from their rows after new writes");
        } finally {
            // Both stop at once: a stop is not what this test is about, and each may take a while.
            apps.forEach(RunningApp::stop);
            apps.forEach(RunningApp::close);
            smtp.stop();
        }
        recreate(SOURCE, false);
        recreate(RESTORED, false);
    }

    // ---------------------------------------------------------------- what the members do

    /** An admin (who makes keys) and {@code count} bot members with read and write keys. */
    static List<Bot> seed(int count) throws SQLException {
        List<Bot> bots = new ArrayList<>();
        try (Connection c = connect(SOURCE); Statement s = c.createStatement()) {
            long admin = single(s, "insert into member (subject, name, local_roles) values ('backup-it:admin', 'Backup admin', '{admin}') returning id");
            s.execute("insert into board (slug, name, name_en) values ('" + BOARD + "', '备份', 'Backup')");
            for (int i = 0; i < count; i++) {
                long bot = single(s, "insert into member (subject, name, bot) values ('bot:backup-it-" + i + "', 'Backup member " + i
                        + "', true) returning id");
                String key = "fl_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
                // As apikey/ApiKeyService stores a key: its SHA-256, never the key.
                s.execute("insert into api_key (member_id, name, hint, digest, scopes, created_by_id, created_at) values (" + bot
                        + ", 'backup " + i + "', '" + key.substring(0, 9) + "', '\\x" + hex(sha256(key)) + "', '{read,write}', " + admin
                        + ", now())");
                bots.add(new Bot(bot, key));
            }
        }
        return bots;
    }

    /**
     * A picture of the first member's, stored as attachment/DatabaseBlobStore stores files: the attachment row and its
     * bytes in 256 KiB rows of blob_chunk (two here). Returns its id.
     */
    static long storeAvatar(Bot owner, byte[] bytes) throws SQLException {
        try (Connection c = connect(SOURCE)) {
            long id;
            try (var insert = c.prepareStatement("""
                    insert into attachment (kind, owner_id, content_type, file_name, byte_size, sha256, blob_key, created_at,
                    attached_at) values ('AVATAR', ?, 'image/png', 'avatar.png', ?, ?, 'backup-it-avatar', now(), now()) returning id""")) {
                insert.setLong(1, owner.id());
                insert.setLong(2, bytes.length);
                insert.setString(3, hex(sha256(bytes)));
                try (ResultSet rs = insert.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            try (var chunk = c.prepareStatement("insert into blob_chunk (blob_key, seq, bytes) values ('backup-it-avatar', ?, ?)")) {
                int size = 256 * 1024;
                for (int seq = 0; seq * size < bytes.length; seq++) {
                    chunk.setInt(1, seq);
                    chunk.setBytes(2, java.util.Arrays.copyOfRange(bytes, seq * size, Math.min(bytes.length, (seq + 1) * size)));
                    chunk.executeUpdate();
                }
            }
            return id;
        }
    }

    /**
     * Each member posts two suggestions, votes for everyone else's, comments on three and replies once; one vote is
     * withdrawn, one member stops following a suggestion, one follows the board. Returns the suggestions' ids.
     */
    static List<Long> takePart(RunningApp app, List<Bot> bots) throws Exception {
        List<Long> ids = new ArrayList<>();
        Map<Long, Bot> authors = new LinkedHashMap<>();
        for (Bot bot : bots) {
            for (int n = 0; n < 2; n++) {
                JsonNode posted = app.call("POST", "/api/v1/boards/" + BOARD + "/suggestions", bot, Map.of("kind", "SUGGESTION",
                        "title", "Backup suggestion " + bot.id() + "-" + n, "body", "Kept through a backup and a restore."), 201);
                ids.add(posted.get("id").asLong());
                authors.put(posted.get("id").asLong(), bot);
            }
        }
        for (Bot bot : bots) {
            for (long id : ids) {
                if (authors.get(id) != bot) {
                    app.call("PUT", "/api/v1/suggestions/" + id + "/vote", bot, null, 200);
                }
            }
        }
        app.call("DELETE", "/api/v1/suggestions/" + ids.get(2) + "/vote", bots.get(0), null, 200);
        for (int b = 0; b < bots.size(); b++) {
            Bot bot = bots.get(b);
            List<Long> others = ids.stream().filter(id -> authors.get(id) != bot).toList();
            long firstComment = 0;
            for (int n = 0; n < 3; n++) {
                JsonNode comment = app.call("POST", "/api/v1/suggestions/" + others.get((b + n) % others.size()) + "/comments", bot,
                        Map.of("body", "Comment " + n + " of member " + bot.id()), 201);
                firstComment = n == 0 ? comment.get("id").asLong() : firstComment;
            }
            app.call("POST", "/api/v1/suggestions/" + others.get(b % others.size()) + "/comments", bot,
                    Map.of("body", "A reply", "parentId", firstComment), 201);
        }
        app.call("DELETE", "/api/v1/suggestions/" + ids.get(0) + "/follow", bots.get(1), null, 200);
        app.call("PUT", "/api/v1/boards/" + BOARD + "/follow", bots.get(2), null, 200);
        return ids;
    }

    /** What the API shows of the counts: the board, each suggestion, each member, and the board's "top" order. */
    static Map<String, Object> view(RunningApp app, List<Bot> bots, List<Long> suggestions) throws Exception {
        Map<String, Object> view = new TreeMap<>();
        view.put("board.suggestions", app.call("GET", "/api/v1/boards/" + BOARD, null, null, 200).get("suggestions").asInt());
        for (long id : suggestions) {
            JsonNode s = app.call("GET", "/api/v1/suggestions/" + id, null, null, 200);
            view.put("suggestion." + id + ".votes", s.get("votes").asInt());
            view.put("suggestion." + id + ".comments", s.get("comments").asInt());
            view.put("suggestion." + id + ".followers", s.get("followers").asInt());
        }
        for (Bot bot : bots) {
            JsonNode m = app.call("GET", "/api/v1/members/" + bot.id(), null, null, 200);
            view.put("member." + bot.id() + ".points", m.get("points").asInt());
            view.put("member." + bot.id() + ".level", m.get("level").asInt());
        }
        List<Long> top = new ArrayList<>();
        app.call("GET", "/api/v1/boards/" + BOARD + "/suggestions?sort=top&limit=100", null, null, 200).get("items")
                .forEach(i -> top.add(i.get("id").asLong()));
        view.put("board.top", top);
        return view;
    }

    static int sum(Map<String, Object> view, String suffix) {
        return view.entrySet().stream().filter(e -> e.getKey().endsWith(suffix)).mapToInt(e -> (Integer) e.getValue()).sum();
    }

    // ---------------------------------------------------------------- the database

    /**
     * Rows of the tables the members' actions fill, and the migrations' history. Tables the app's jobs write on their
     * own schedule (notifications, domain events, rate windows, webhook deliveries) may change between a count and
     * the dump, so they are left out.
     */
    static final List<String> COUNTED = List.of("member", "api_key", "board", "board_follow", "suggestion", "vote",
            "suggestion_follow", "comment", "revision", "status_change", "honour_point", "attachment", "blob_chunk",
            "flyway_schema_history");

    static Map<String, Long> rowCounts(String database) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            for (String table : COUNTED) {
                counts.put(table, single(s, "select count(*) from " + table));
            }
        }
        return counts;
    }

    /** The counter columns that differ from the rows they count (as bench/faults.py checks after a kill -9). */
    static List<String> wrongCounters(String database) throws SQLException {
        Map<String, String> checks = Map.of(
                "vote_count", "select s.id from suggestion s where s.vote_count <> (select count(*) from vote v where v.suggestion_id = s.id)",
                "comment_count", "select s.id from suggestion s where s.comment_count <> "
                        + "(select count(*) from comment c where c.suggestion_id = s.id and not c.hidden)",
                "follower_count", "select s.id from suggestion s where s.follower_count <> "
                        + "(select count(*) from suggestion_follow f where f.suggestion_id = s.id)",
                "suggestion_count", "select b.id from board b where b.suggestion_count <> "
                        + "(select count(*) from suggestion s where s.board_id = b.id and not s.hidden)",
                "points", "select m.id from member m where m.points <> "
                        + "coalesce((select sum(p.points) from honour_point p where p.member_id = m.id and p.revoked_at is null), 0)");
        List<String> wrong = new ArrayList<>();
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            for (Map.Entry<String, String> check : new TreeMap<>(checks).entrySet()) {
                try (ResultSet rs = s.executeQuery(check.getValue())) {
                    while (rs.next()) {
                        wrong.add(check.getKey() + " of " + rs.getLong(1));
                    }
                }
            }
        }
        return wrong;
    }

    static void recreate(String database, boolean create) throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + database + " with (force)");
            if (create) {
                s.execute("create database " + database);
            }
        }
    }

    static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", "");
    }

    static long single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // ---------------------------------------------------------------- processes

    /** The packaged app in prod mode, on its own ports, with its log in a file. */
    static final class RunningApp implements AutoCloseable {
        final Process process;
        final int port;
        final int management;
        final Path log;

        private RunningApp(Process process, int port, int management, Path log) {
            this.process = process;
            this.port = port;
            this.management = management;
            this.log = log;
        }

        static RunningApp start(String database, int smtpPort, Map<String, String> secrets, Path log) throws IOException {
            int port = freePort();
            int management = freePort();
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:+UseSerialGC", "-jar", APP.toString());
            Map<String, String> env = pb.environment();
            env.keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("FANLOOP_"));
            env.putAll(secrets);
            env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
            env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            env.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
            env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(management));
            env.put("FANLOOP_SITE_URL", "http://127.0.0.1:" + port);
            env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/" + database);
            env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
            env.put("QUARKUS_OIDC_AUTH_SERVER_URL", "http://127.0.0.1:" + freePort() + "/realms/fanloop");
            env.put("QUARKUS_MAILER_MOCK", "false");
            env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
            env.put("QUARKUS_MAILER_PORT", Integer.toString(smtpPort));
            env.put("QUARKUS_MAILER_START_TLS", "DISABLED");
            pb.redirectErrorStream(true).redirectOutput(log.toFile());
            return new RunningApp(pb.start(), port, management, log);
        }

        /** Waits until the readiness check on the management port answers 200 (the app refuses to start: fails at once). */
        void awaitReady() throws Exception {
            Instant deadline = Instant.now().plusSeconds(120);
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new AssertionError("the app stopped (exit " + process.exitValue() + "):\n" + tail());
                }
                try {
                    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management + "/q/health/ready"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(300);
            }
            throw new AssertionError("the app was not ready within 120 s:\n" + tail());
        }

        /** One API call, as the bot when given; fails unless the status is the one expected. */
        JsonNode call(String method, String path, Bot as, Object body, int expected) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30)).header("Accept", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (as != null) {
                request.header("Authorization", "Bearer " + as.key());
            }
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(expected, r.statusCode(), method + " " + path + ": " + r.body());
            return r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
        }

        String tail() {
            try {
                List<String> lines = Files.readAllLines(log);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }

        /** Asks the app to stop (SIGTERM), without waiting. */
        void stop() {
            process.destroy();
        }

        /** Stops the app: SIGTERM, and SIGKILL if it has not ended within 15 s. */
        @Override
        public void close() {
            if (!process.isAlive()) {
                return;
            }
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A script of docker/backup run with bash against the local PostgreSQL; its output (both streams) kept. */
    record Script(int exit, String output) {
        static Script run(Map<String, String> env, String... command) throws Exception {
            List<String> args = new ArrayList<>(List.of("bash"));
            args.addAll(List.of(command));
            ProcessBuilder pb = new ProcessBuilder(args).redirectErrorStream(true);
            pb.environment().putAll(Map.of("PGHOST", "127.0.0.1", "PGPORT", "5432", "PGUSER", "postgres"));
            pb.environment().putAll(env);
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish:\n" + output);
            }
            return new Script(p.exitValue(), output);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String secret() {
        return Base64.getEncoder().encodeToString(bytes(36));
    }

    static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    static byte[] sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(String.format("%02x", b));
        }
        return out.toString();
    }
}

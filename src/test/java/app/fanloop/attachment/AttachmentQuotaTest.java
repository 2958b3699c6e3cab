package app.fanloop.attachment;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.html;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * The daily upload quota: counted from what the member uploaded in the last day, stricter for new members (as
 * Discourse gives new accounts fewer images). The test profile sets 400 files a day, 200 for new members.
 */
@QuarkusTest
class AttachmentQuotaTest {

    @Inject
    Fixtures fx;

    /** Records that the member uploaded this many files in the last hour (rows only; the quota counts rows). */
    void uploaded(Member member, int files) {
        fx.sql("""
                insert into attachment (kind, owner_id, content_type, file_name, byte_size, sha256, blob_key, created_at)
                select 'IMAGE', ?1, 'image/png', 'old.png', 10, 'x', gen_random_uuid()::text, now() - interval '1 hour'
                from generate_series(1, ?2)""", member.id, files);
    }

    Response upload(Board board) {
        return AttachmentFlowTest.postAs("chen").multiPart("kind", "SUGGESTION").multiPart("title", unique("Quota"))
                .multiPart("body", "One more picture").multiPart("file", "one.png", DrawnPictures.png(50, 50), "image/png")
                .post("/boards/" + board.slug + "/suggestions");
    }

    @Test
    void a_new_member_gets_the_smaller_quota_and_an_older_member_the_larger() {
        Board board = fx.board();
        AttachmentFlowTest.as("chen").get("/").then().statusCode(200);
        Member chen = Member.findBySubject("chen").orElseThrow();
        fx.sql("update member set created_at = now() where id = ?1", chen.id);
        fx.sql("delete from attachment where owner_id = ?1", chen.id);
        uploaded(chen, 200);

        Response refused = upload(board);
        assertEquals(400, refused.statusCode());
        String why = html(refused).selectFirst("#files-refused").text();
        assertTrue(why.contains("upload allowance"), why);

        fx.sql("update member set created_at = now() - interval '400 days' where id = ?1", chen.id);
        assertEquals(303, upload(board).statusCode(), "an older member has room for 400 a day");

        uploaded(chen, 200);
        assertEquals(400, upload(board).statusCode(), "and no more");

        fx.sql("update attachment set created_at = now() - interval '25 hours' where owner_id = ?1", chen.id);
        assertEquals(303, upload(board).statusCode(), "a day later the quota is free again");
    }
}

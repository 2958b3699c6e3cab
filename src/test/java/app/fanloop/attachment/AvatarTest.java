package app.fanloop.attachment;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.location;
import static app.fanloop.web.Browser.multipart;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.member.DevTokens;
import app.fanloop.member.Member;
import app.fanloop.suggestion.Suggestion;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * 头像: a member's uploaded picture, cropped square, shown wherever their initials circle was; the picture from the
 * sign-in token when they have none (https only), else the initials. Members act with bearer tokens from the
 * development sign-in server, each test with members of its own.
 */
@QuarkusTest
class AvatarTest {

    @Inject
    Fixtures fx;

    @Inject
    AttachmentJanitor janitor;

    /** A member signed in once (their row exists), with the token they act with. */
    record Fan(String subject, String token, long id) {
    }

    Fan fan() {
        String subject = unique("pic");
        String token = DevTokens.accessToken(subject);
        page().auth().oauth2(token).get("/me").then().statusCode(200);
        return new Fan(subject, token, fx.number("select id from member where subject = ?1", subject));
    }

    static Response upload(Fan fan, String name, byte[] bytes, String type) {
        return multipart().auth().oauth2(fan.token()).multiPart("avatar", name, bytes, type).post("/me/avatar");
    }

    /** Uploads a picture that must be taken; returns the new avatar's id. */
    Long uploaded(Fan fan, byte[] png) {
        Response taken = upload(fan, "me.png", png, "image/png");
        assertEquals(303, taken.statusCode(), taken.asString());
        assertEquals("/me?saved=avatar#avatar", location(taken));
        Long id = avatarOf(fan);
        assertNotNull(id, "the member's avatar is set");
        return id;
    }

    Long avatarOf(Fan fan) {
        String id = fx.text("select avatar_id from member where id = ?1", fan.id());
        return id == null ? null : Long.valueOf(id);
    }

    static BufferedImage picture(Response served) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(served.asByteArray()));
    }

    @Test
    void an_uploaded_picture_is_cropped_square_and_shown_beside_the_name_for_everyone() throws IOException {
        Fan fan = fan();
        Long id = uploaded(fan, DrawnPictures.png(300, 200));

        assertEquals("AVATAR", fx.text("select kind from attachment where id = ?1", id));
        assertEquals(fan.id(), fx.number("select owner_id from attachment where id = ?1", id));
        assertNotNull(fx.text("select attached_at from attachment where id = ?1", id), "an avatar is attached at once");

        // Anyone may fetch it, and shared caches may keep it: it is as public as the name beside it.
        Response served = page().get("/files/" + id);
        assertEquals(200, served.statusCode());
        assertEquals("image/png", served.contentType());
        assertEquals(FilesResource.PUBLIC, served.header("Cache-Control"));
        BufferedImage square = picture(served);
        assertEquals(256, square.getWidth());
        assertEquals(256, square.getHeight());

        // Beside their comment, for a visitor: the picture, as decoration (their name is next to it).
        Member member = fx.member(fan.subject());
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("With a comment"));
        fx.comment(s.id, member, null, "Nice idea", false);
        Document thread = html(page().get("/suggestions/" + s.id).then().statusCode(200).extract().response());
        Element inComment = thread.selectFirst(".comment img.avatar");
        assertNotNull(inComment, thread.select(".comment").outerHtml());
        assertEquals("/files/" + id, inComment.attr("src"));
        assertEquals("", inComment.attr("alt"));
        assertTrue(inComment.hasAttr("alt"));

        // On their profile, large; in the header of their own pages.
        Document profile = html(page().get("/members/" + fan.id()).then().statusCode(200).extract().response());
        assertEquals("/files/" + id, profile.selectFirst(".profile-card img.avatar.large").attr("src"));
        Document me = html(page().auth().oauth2(fan.token()).get("/me?saved=avatar").then().statusCode(200).extract().response());
        assertEquals("/files/" + id, me.selectFirst(".account a.author img.avatar").attr("src"));
        assertEquals("Your picture is updated.", me.selectFirst("#avatar .notice").text());
        assertNotNull(me.selectFirst("form[action=/me/avatar/remove]"), "a picture can be removed");
    }

    @Test
    void a_second_picture_replaces_the_first_whose_bytes_are_deleted() {
        Fan fan = fan();
        Long first = uploaded(fan, DrawnPictures.png(300, 200));
        String firstKey = fx.text("select blob_key from attachment where id = ?1", first);
        assertTrue(fx.number("select count(*) from blob_chunk where blob_key = ?1", firstKey) > 0);

        Long second = uploaded(fan, DrawnPictures.jpeg(200, 320));
        assertTrue(second > first);
        assertEquals(0, fx.number("select count(*) from attachment where id = ?1", first), "the old picture's row is gone");
        assertEquals(1, fx.number("select count(*) from attachment where owner_id = ?1 and kind = 'AVATAR'", fan.id()));
        janitor.deleteDiscarded();
        assertEquals(0, fx.number("select count(*) from blob_chunk where blob_key = ?1", firstKey), "and its bytes");
        assertEquals(404, page().get("/files/" + first).statusCode());
        assertEquals(200, page().get("/files/" + second).statusCode());
    }

    @Test
    void removing_the_picture_brings_back_the_token_picture_or_the_initials() {
        Fan fan = fan();
        Long id = uploaded(fan, DrawnPictures.png(300, 200));

        Response removed = form().auth().oauth2(fan.token()).post("/me/avatar/remove");
        assertEquals(303, removed.statusCode(), removed.asString());
        assertNull(avatarOf(fan));
        assertEquals(0, fx.number("select count(*) from attachment where id = ?1", id));
        assertEquals(404, page().get("/files/" + id).statusCode());

        Document profile = html(page().get("/members/" + fan.id()));
        assertNull(profile.selectFirst(".profile-card img.avatar"));
        assertEquals(String.valueOf(Character.toUpperCase(fan.subject().charAt(0))),
                profile.selectFirst(".profile-card span.avatar").text(), "the initials circle again");

        // A picture the sign-in token named shows again (the dev provider names none: set as a token would).
        fx.sql("update member set picture = ?1 where id = ?2", "https://provider.example/pictures/42.jpg", fan.id());
        Element fromToken = html(page().get("/members/" + fan.id())).selectFirst(".profile-card img.avatar");
        assertNotNull(fromToken);
        assertEquals("https://provider.example/pictures/42.jpg", fromToken.attr("src"));
    }

    @Test
    void a_file_that_is_not_a_picture_is_refused_beside_the_field_and_nothing_changes() {
        Fan fan = fan();
        Long kept = uploaded(fan, DrawnPictures.png(300, 200));
        byte[] html = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);

        Response refused = upload(fan, "evil.png", html, "image/png");
        assertEquals(400, refused.statusCode());
        Document me = html(refused);
        Element why = me.selectFirst("#avatar #avatar-error");
        assertNotNull(why, "the refusal is beside the field");
        assertEquals("Only PNG, JPEG or WebP pictures can be uploaded.", why.text());
        assertTrue(me.selectFirst("input#avatar-file").attr("aria-describedby").contains("avatar-error"));
        assertEquals(kept, avatarOf(fan), "the picture they had stays");
        assertEquals(1, fx.number("select count(*) from attachment where owner_id = ?1", fan.id()), "nothing stored");

        Response none = upload(fan, "", new byte[0], "application/octet-stream");
        assertEquals(400, none.statusCode());
        assertEquals("Choose a picture first.", html(none).selectFirst("#avatar-error").text());
        assertEquals(kept, avatarOf(fan));
    }

    @Test
    void a_member_without_a_picture_shows_their_token_picture_only_over_https() {
        Member member = fx.someone();
        String path = "/members/" + member.id;

        fx.sql("update member set picture = ?1 where id = ?2", "https://cdn.example.com/u/7.png?size=96", member.id);
        Element picture = html(page().get(path)).selectFirst(".profile-card img.avatar.large");
        assertNotNull(picture, "the token's https picture is shown");
        assertEquals("https://cdn.example.com/u/7.png?size=96", picture.attr("src"));
        assertEquals("no-referrer", picture.attr("referrerpolicy"));

        for (String unsafe : new String[] { "http://cdn.example.com/u/7.png", "javascript:alert(1)", "//cdn.example.com/7.png" }) {
            fx.sql("update member set picture = ?1 where id = ?2", unsafe, member.id);
            Document profile = html(page().get(path));
            assertNull(profile.selectFirst(".profile-card img.avatar"), unsafe);
            assertNotNull(profile.selectFirst(".profile-card span.avatar"), unsafe);
        }
    }
}

package app.fanloop.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.honour.HonourFixtures;
import app.fanloop.honour.HonourJobs;
import app.fanloop.member.Member;
import app.fanloop.release.ReleaseChannel;
import app.fanloop.release.ReleaseFixtures;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.SuggestionStatus;
import app.fanloop.web.SiteClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The honour pages in a real browser: the honours page, a profile with medals and a board with level
 * badges render without console errors, fetch nothing from elsewhere (the medal icons are the app's)
 * and fit a 360 px phone. With -Dfanloop.screenshots=true they are saved for the README.
 */
@QuarkusTest
class HonoursInBrowserTest extends BrowserJourney {

    @Inject
    Fixtures fx;

    @Inject
    HonourFixtures hf;

    @Inject
    ReleaseFixtures rf;

    @Inject
    HonourJobs jobs;

    @Inject
    SiteClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void honours_profile_and_badges_render_on_desktop_and_phone_in_both_themes() {
        Community c = community();

        List<String> problems = new ArrayList<>();
        for (boolean dark : List.of(false, true)) {
            for (int width : List.of(1280, 360)) {
                BrowserContext context = context(width, dark);
                Page page = context.newPage();
                String suffix = (width == 360 ? "-360" : "") + (dark ? "-dark" : "");
                problems.addAll(visit(page, "/honours", "12-honours" + suffix));
                assertTrue(page.locator("#all-time .standing").count() >= 3);
                assertTrue(page.locator("#shipped .wall-item").count() >= 2);
                problems.addAll(visit(page, "/members/" + c.star.id, "13-profile" + suffix));
                assertTrue(page.locator("#medals img.medal-icon").count() >= 4);
                assertTrue((Boolean) page.evaluate("() => [...document.querySelectorAll('#medals img')].every(i => i.naturalWidth > 0)"),
                        "medal icons load");
                problems.addAll(visit(page, "/boards/" + c.board.slug, "14-board-level-badges" + suffix));
                assertTrue(page.locator(".row .by .lv").count() >= 4);
                problems.addAll(visit(page, "/honours/rules", "15-honour-rules" + suffix));
                context.close();
            }
        }
        assertEquals(List.of(), problems);
    }

    record Community(Board board, Member star) {
    }

    /** A board with fans of several levels, a star with medals and shipped suggestions, a wall. */
    private Community community() {
        Board board = fx.board();
        hf.rename(board, "相机 Camera", "拍照、录像与相册 · Photos, video and the gallery");
        Member star = hf.named("橙色星球");
        Member leo = hf.named("Leo");
        Member mia = hf.named("Mia");
        Member jie = hf.named("阿杰");
        Member rain = hf.named("小雨");
        List<Member> voters = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            voters.add(fx.someone());
        }
        fx.memberSince(star.subject, Duration.ofDays(420));
        jobs.awardAnniversaries();

        Suggestion night = hf.posted(board, star, "夜景模式支持手动曝光时间");
        Suggestion lock = hf.posted(board, star, "锁屏支持自定义快捷方式");
        Suggestion watermark = hf.posted(board, star, "Custom photo watermark with the device name");
        Suggestion burst = hf.posted(board, leo, "Burst mode in the third-party camera API");
        Suggestion album = hf.posted(board, mia, "相册按地点自动分组");
        Suggestion raw = hf.posted(board, jie, "专业模式支持 RAW+JPEG 同时保存");
        hf.posted(board, rain, "Video: keep the zoom level between clips");
        for (int i = 0; i < voters.size(); i++) {
            hf.voted(night, voters.get(i));
            if (i % 2 == 0) {
                hf.voted(album, voters.get(i));
            }
            if (i % 3 == 0) {
                hf.voted(burst, voters.get(i));
            }
        }
        hf.commented(night, leo);
        hf.commented(night, mia);
        hf.commented(raw, rain);
        hf.reached(watermark.id, SuggestionStatus.PLANNED);
        hf.reached(raw.id, SuggestionStatus.PLANNED);
        rf.publish(rf.draft(ReleaseChannel.DEV, "OS2.0.210.0.DEV", null, night.id, lock.id).id);
        rf.publish(rf.draft(ReleaseChannel.STABLE, "OS2.0.8.0.STABLE", null, album.id).id);
        fx.topTrending(night.id);
        clock.advance(Duration.ofDays(7));
        jobs.closeLastWeek();
        clock.reset();
        return new Community(board, star);
    }
}

package app.fanloop.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.jboss.logging.Logger;

import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.release.Release;
import app.fanloop.release.ReleaseChannel;
import app.fanloop.release.ReleaseItem;
import app.fanloop.release.ReleaseSection;
import app.fanloop.release.ReleaseEditing;
import app.fanloop.release.ReleasePublishing;
import app.fanloop.release.ReleaseState;
import app.fanloop.suggestion.Comment;
import app.fanloop.suggestion.Frequency;
import app.fanloop.suggestion.StatusChange;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.SuggestionKind;
import app.fanloop.suggestion.SuggestionStatus;
import app.fanloop.suggestion.Trending;
import app.fanloop.triage.FeatureDemand;
import app.fanloop.web.Markdown;
import app.fanloop.web.SiteClock;
import app.fanloop.web.SiteConfig;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Demo content for dev mode only: four MIUI-like boards and about forty suggestions with votes,
 * comments, statuses and official responses, feature items and release notes. Created once, on the
 * first start with an empty database.
 */
@ApplicationScoped
@IfBuildProfile("dev")
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class);

    private final EntityManager em;
    private final Markdown markdown;
    private final Trending trending;
    private final ReleaseEditing releases;
    private final ReleasePublishing publishing;
    private final Random random = new Random(42);
    private final Instant now;
    private final ZoneId zone;

    DemoData(EntityManager em, Markdown markdown, Trending trending, ReleaseEditing releases,
            ReleasePublishing publishing, SiteClock clock, SiteConfig site) {
        this.publishing = publishing;
        this.em = em;
        this.now = clock.now();
        this.zone = site.zone();
        this.releases = releases;
        this.markdown = markdown;
        this.trending = trending;
    }

    @Transactional
    void onStart(@Observes @Priority(10) StartupEvent event) {
        if (Board.count() > 0) {
            return;
        }
        Member alice = member("alice", "Alice", "alice@example.com");
        Member paula = member("paula", "Paula", "paula@example.com");
        Member bob = member("bob", "Bob", "bob@example.com");
        Member chen = member("chen", "Chen", "chen@example.com");
        List<Member> fans = new ArrayList<>(List.of(bob, chen));
        String[] names = { "小米粉丝", "橙色星球", "Leo", "雷科技迷", "Mia", "阿杰", "Kai", "拍照达人", "Nora", "小雨", "Sam",
                "夜猫子", "Tom", "甜橙", "Vic", "老王" };
        for (int i = 0; i < 64; i++) {
            String name = i < names.length ? names[i] : "米粉" + (1000 + i * 37);
            fans.add(member("demo-fan-" + i, name, null));
        }

        Board system = board("system", "系统功能建议", "System features", "关于 HyperOS 系统功能的想法与建议。",
                "Ideas for HyperOS system features.", true, false, 0);
        Board camera = board("camera", "相机与影像", "Camera & imaging", "拍照、录像、相册与影像算法。",
                "Photos, video, gallery and imaging.", true, true, 1);
        Board xiaoai = board("xiaoai", "小爱同学", "Xiao Ai assistant", "语音助手、唤醒与智能场景。",
                "The voice assistant, wake word and smart scenes.", true, true, 2);
        Board bugs = board("bugs", "问题反馈", "Bug reports", "遇到问题？告诉我们机型、版本和复现步骤。",
                "Found a problem? Tell us the model, version and steps.", false, true, 3);

        Object[][] ideas = {
                { system, "锁屏支持自定义快捷方式", "希望锁屏左右下角的快捷方式可以换成**任意应用**，比如支付码、手电筒或者录音。", 48, SuggestionStatus.PLANNED },
                { system, "Per-app battery saver rules", "Let me pick which apps may run in the background *per app*, with a simple toggle list.", 35, SuggestionStatus.UNDER_REVIEW },
                { system, "通知中心按应用分组折叠", "同一个应用的多条通知能自动折叠，现在微信群消息太多会把其他通知挤下去。", 61, SuggestionStatus.IN_PROGRESS },
                { system, "Dark mode schedule by sunrise and sunset", "Switch dark mode automatically at local sunset, not only at a fixed time.", 22, SuggestionStatus.SHIPPED },
                { system, "控制中心可以调整磁贴大小", "像桌面小部件一样，控制中心的磁贴支持 1x1 和 2x1。", 17, SuggestionStatus.OPEN },
                { system, "Clipboard history with pinning", "Keep the last 20 copied items and let me pin the ones I reuse.", 29, SuggestionStatus.OPEN },
                { system, "桌面图标支持更多网格布局", "希望增加 5x7 布局，大屏手机上能放更多图标。", 12, SuggestionStatus.DECLINED },
                { system, "Quick reply from lock screen for all messaging apps", "Not just SMS: WeChat and Telegram too, with the same inline reply box.", 9, SuggestionStatus.OPEN },
                { system, "应用双开支持更多应用", "希望更多应用支持双开，比如银行类以外的办公软件。", 14, SuggestionStatus.OPEN },
                { system, "Focus mode with scheduled app limits", "A work focus mode that hides social apps from 9 to 6.", 6, SuggestionStatus.OPEN },
                { camera, "夜景模式支持手动曝光时间", "专业模式里能调夜景的曝光时长，拍星空更方便。", 55, SuggestionStatus.PLANNED },
                { camera, "RAW + JPEG at the same time in Pro mode", "Save both files so I can share quickly and edit later.", 40, SuggestionStatus.SHIPPED },
                { camera, "相册按人物自动生成回忆视频", "像年度回忆一样，按照人物和地点自动剪辑短视频，配上音乐。", 33, SuggestionStatus.UNDER_REVIEW },
                { camera, "Shutter sound off in all regions where allowed", "Respect local law but let everyone else turn it off.", 18, SuggestionStatus.OPEN },
                { camera, "水印支持自定义文字和位置", "徕卡水印很好看，希望能改文字，比如加上拍摄地点。", 27, SuggestionStatus.IN_PROGRESS },
                { camera, "Video: 4K 60 fps on the ultra-wide lens", "The main lens has it, the ultra-wide stops at 30.", 11, SuggestionStatus.OPEN },
                { camera, "人像模式虚化强度实时预览", "拍之前就能看到虚化程度，不用拍完再调。", 8, SuggestionStatus.OPEN },
                { camera, "Document scanner with auto edge detection", "The scanner in the camera app should find page edges like dedicated apps do.", 5, SuggestionStatus.OPEN },
                { xiaoai, "小爱同学自定义唤醒词", "除了“小爱同学”，能不能自己设置唤醒词？家里小朋友叫不准。", 44, SuggestionStatus.UNDER_REVIEW },
                { xiaoai, "Xiao Ai: continuous conversation without wake word", "Keep listening for a follow-up question for a few seconds.", 26, SuggestionStatus.PLANNED },
                { xiaoai, "小爱支持离线识别常用指令", "没有网络的时候，打开手电筒、设闹钟这种指令也应该能用。", 31, SuggestionStatus.OPEN },
                { xiaoai, "Read my notifications aloud while driving", "When connected to the car, Xiao Ai reads messages and lets me reply by voice.", 15, SuggestionStatus.OPEN },
                { xiaoai, "小爱同学 wake word 在嘈杂环境下更灵敏", "地铁里唤醒成功率很低，希望优化降噪。", 19, SuggestionStatus.OPEN },
                { xiaoai, "智能场景支持按地理位置触发", "到家自动开灯、离家自动关空调。", 23, SuggestionStatus.SHIPPED },
                { xiaoai, "English voice for Xiao Ai", "An English voice and English commands for people learning the language.", 7, SuggestionStatus.OPEN },
        };
        Object[][] bugReports = {
                { bugs, "HyperOS 2.0 相机启动后偶尔黑屏", "打开相机后画面是黑的，需要切换一次镜头才恢复。", "Xiaomi 14", "HyperOS 2.0.105", Frequency.SOMETIMES, "1. 锁屏状态双击音量下键\n2. 相机打开\n3. 预览黑屏", 38, SuggestionStatus.IN_PROGRESS },
                { bugs, "Bluetooth audio stutters with two devices connected", "Music stutters when a watch and earbuds are both connected.", "Xiaomi 13 Ultra", "HyperOS 1.0.8", Frequency.OFTEN, "1. Pair a watch\n2. Pair earbuds\n3. Play music for 5 minutes", 24, SuggestionStatus.UNDER_REVIEW },
                { bugs, "充电时屏幕亮度自动调高", "插上充电器后，自动亮度会突然变亮。", "Redmi K70", "HyperOS 1.0.12", Frequency.ALWAYS, "1. 打开自动亮度\n2. 插上充电器\n3. 亮度变高", 16, SuggestionStatus.OPEN },
                { bugs, "Widgets reset after restart", "Home screen widgets lose their settings after every reboot.", "Xiaomi 14 Pro", "HyperOS 2.0.100", Frequency.ALWAYS, "1. Add a weather widget\n2. Pick a city\n3. Restart", 30, SuggestionStatus.SHIPPED },
                { bugs, "微信视频通话时无法切换听筒", "视频通话中点击听筒按钮没有反应。", "Redmi Note 13", "HyperOS 1.0.5", Frequency.SOMETIMES, "1. 发起微信视频通话\n2. 点击切换听筒", 12, SuggestionStatus.OPEN },
                { bugs, "Gallery crashes when opening large panoramas", "Panoramas over 100 MP close the gallery app.", "Xiaomi 13", "HyperOS 1.0.9", Frequency.OFTEN, "1. Take a 360° panorama\n2. Open it in Gallery", 9, SuggestionStatus.OPEN },
                { bugs, "指纹解锁偶尔需要按两次", "屏下指纹第一次经常识别失败。", "Xiaomi Civi 4", "HyperOS 1.0.3", Frequency.SOMETIMES, "1. 锁屏\n2. 按压指纹区域", 21, SuggestionStatus.DECLINED },
                { camera, "相机水印日期显示错误", "跨时区旅行后水印日期还是旧时区的。", "Xiaomi 14", "HyperOS 2.0.105", Frequency.ALWAYS, "1. 飞到另一个时区\n2. 拍照\n3. 查看水印", 13, SuggestionStatus.OPEN },
                { xiaoai, "小爱同学闹钟偶尔不响", "用语音设置的闹钟有时候不会响。", "Redmi K70 Pro", "HyperOS 1.0.12", Frequency.RARELY, "1. 说“小爱同学，明早七点叫我”\n2. 第二天七点", 17, SuggestionStatus.UNDER_REVIEW },
                { bugs, "Status bar icons overlap on small font size", "With the smallest font, network icons overlap the clock.", "Redmi 13C", "HyperOS 1.0.2", Frequency.ALWAYS, "1. Settings → Display → Font size smallest", 4, SuggestionStatus.OPEN },
                { bugs, "NFC 公交卡偶尔刷不出来", "早高峰刷卡时偶尔没反应，需要解锁再刷。", "Xiaomi 14", "HyperOS 2.0.105", Frequency.SOMETIMES, "1. 设置默认公交卡\n2. 锁屏状态刷闸机", 27, SuggestionStatus.PLANNED },
                { bugs, "Keyboard lags in landscape", "Typing in landscape drops characters.", "Xiaomi Pad 6", "HyperOS 1.0.6", Frequency.OFTEN, "1. Rotate to landscape\n2. Type quickly", 3, SuggestionStatus.OPEN },
        };

        String[] comments = { "+1，非常需要！", "Same here, would use this every day.", "我也遇到了同样的问题。",
                "This would be a great addition.", "希望下个开发版就能加上！", "Any update on this?", "支持一下，期待。",
                "Works fine on my device after the last update.", "建议再加个开关，默认关闭。", "Agreed, the current behaviour is confusing." };
        String[] replies = { "同意楼上", "Good point!", "我这边也是", "Thanks, that helped." };

        int index = 0;
        for (Object[] idea : ideas) {
            Suggestion s = suggestion((Board) idea[0], fans.get(index % fans.size()), SuggestionKind.SUGGESTION,
                    (String) idea[1], (String) idea[2], null, null, null, null, 2 + index * 1.4);
            populate(s, (int) idea[3], (SuggestionStatus) idea[4], fans, paula, alice, comments, replies);
            index++;
        }
        for (Object[] bug : bugReports) {
            Suggestion s = suggestion((Board) bug[0], fans.get(index % fans.size()), SuggestionKind.BUG, (String) bug[1],
                    (String) bug[2], (String) bug[3], (String) bug[4], (Frequency) bug[5], (String) bug[6], 1 + (index % 20) * 2.1);
            populate(s, (int) bug[7], (SuggestionStatus) bug[8], fans, paula, alice, comments, replies);
            index++;
        }
        em.flush();
        featureItems(paula);
        em.createNativeQuery(Trending.RECOMPUTE_ALL)
                .setParameter("epoch", trending.epochSeconds())
                .setParameter("halfLife", trending.halfLifeSeconds())
                .executeUpdate();
        em.createNativeQuery("update board b set suggestion_count = (select count(*) from suggestion s where s.board_id = b.id)")
                .executeUpdate();
        em.createNativeQuery("update feature_item f set demand = " + FeatureDemand.of("f.id")).executeUpdate();
        releases(paula, bob);
        LOG.infof("Demo data created: %d boards, %d suggestions, %d releases", Board.count(), Suggestion.count(),
                Release.count());
    }

    /**
     * Release notes: a stable release and a weekly dev release that shipped the demo's shipped
     * feature item (crediting its fans), and next week's dev release scheduled for Friday.
     */
    private void releases(Member pm, Member bob) {
        java.time.LocalDate today = now.atZone(zone).toLocalDate();
        Release stable = release("OS2.0.150.0", ReleaseChannel.STABLE, today.minusWeeks(3), pm,
                "稳定版更新：系统更流畅，续航更持久。\n\nA smoother, longer-lasting stable build.");
        line(stable, ReleaseSection.IMPROVED, "优化桌面动画帧率 / Smoother home screen animations", null);
        line(stable, ReleaseSection.FIXED, "修复部分机型偶现的发热问题 / Fixed occasional heating on some models", null);
        publishAt(stable, pm, now.minus(Duration.ofDays(20)));

        Long shippedItem = ((Number) em.createNativeQuery("select id from feature_item where status = 'SHIPPED' order by id limit 1")
                .getSingleResult()).longValue();
        Release dev = release("OS2.0.200.0.DEV", ReleaseChannel.DEV, today.minusWeeks(1), pm,
                "本周开发版带来了米粉呼声最高的几项功能，感谢每一位提建议的米粉！\n\nThis week's dev build ships some of the most wanted fan suggestions. Thank you!");
        line(dev, ReleaseSection.NEW, "**米粉建议合集**：深色模式跟随日出日落、专业模式 RAW + JPEG、按位置触发的智能场景 / "
                + "**From fans**: dark mode by sunrise and sunset, RAW + JPEG in Pro mode, location-triggered smart scenes", shippedItem);
        line(dev, ReleaseSection.IMPROVED, "相册打开大图更快 / Gallery opens large photos faster", null);
        line(dev, ReleaseSection.FIXED, "修复重启后桌面小部件设置丢失 / Fixed widgets losing their settings after a restart", null);
        publishAt(dev, pm, now.minus(Duration.ofDays(6)));

        Long inProgress = ((Number) em.createNativeQuery(
                "select id from feature_item where status = 'IN_PROGRESS' order by id limit 1").getSingleResult()).longValue();
        Release next = release("OS2.0.250.0.DEV", ReleaseChannel.DEV, releases.defaultSchedule().toLocalDate(), pm,
                "下周开发版预告。\n\nNext week's dev build.");
        line(next, ReleaseSection.NEW, "相机水印支持自定义文字 / Custom watermark text in the camera", inProgress);
        next.state = ReleaseState.SCHEDULED;
        next.scheduledAt = releases.defaultSchedule().toInstant();
        next.scheduledBy = pm;

        em.createNativeQuery("insert into channel_follow (channel, member_id) values ('DEV', ?1) on conflict do nothing")
                .setParameter(1, bob.id).executeUpdate();
    }

    private Release release(String version, ReleaseChannel channel, java.time.LocalDate week, Member pm, String summary) {
        Release r = new Release();
        r.version = version;
        r.channel = channel;
        r.week = ReleaseEditing.isoWeek(week);
        r.summary = summary;
        r.summaryHtml = markdown.toHtml(summary);
        r.createdBy = pm;
        r.createdAt = now.minus(Duration.ofDays(30));
        r.updatedAt = r.createdAt;
        r.persist();
        return r;
    }

    private void line(Release release, ReleaseSection section, String text, Long featureItemId) {
        ReleaseItem item = new ReleaseItem();
        item.release = release;
        item.section = section;
        item.position = (int) ReleaseItem.count("release.id = ?1 and section = ?2", release.id, section) + 1;
        item.text = text;
        item.textHtml = markdown.toHtml(text);
        item.featureItem = featureItemId == null ? null : em.find(app.fanloop.triage.FeatureItem.class, featureItemId);
        item.persist();
    }

    /** Publishes through the service (shipping, credits, the event fans are told of), dated in the past. */
    private void publishAt(Release release, Member pm, Instant at) {
        em.flush();
        publishing.publish(release, pm);
        release.publishedAt = at;
        release.updatedAt = at;
        em.flush();
        em.createNativeQuery("update domain_event set created_at = ?1 where release_id = ?2")
                .setParameter(1, at).setParameter(2, release.id).executeUpdate();
    }

    /** One feature item per roadmap status, each behind the demo suggestions of that status. */
    private void featureItems(Member pm) {
        Object[][] items = {
                { "锁屏与通知体验升级 / Lock screen & notifications", "PLANNED", SuggestionStatus.PLANNED, 1, "OS2.0.300" },
                { "影像与相机改进 / Camera improvements", "IN_PROGRESS", SuggestionStatus.IN_PROGRESS, 0, "OS2.0.250" },
                { "已上线的米粉建议 / Shipped from fans", "SHIPPED", SuggestionStatus.SHIPPED, 2, "OS2.0.200" },
        };
        for (Object[] item : items) {
            Number id = (Number) em.createNativeQuery("""
                    insert into feature_item (title, description, description_html, status, priority, owner_id, target_release,
                        created_by_id, status_changed_at)
                    values (?1, '', '', ?2, ?3, ?4, ?5, ?4, now() - interval '2 days') returning id""")
                    .setParameter(1, item[0]).setParameter(2, item[1]).setParameter(3, item[3])
                    .setParameter(4, pm.id).setParameter(5, item[4]).getSingleResult();
            em.createNativeQuery("update suggestion set feature_item_id = ?1 where status = ?2")
                    .setParameter(1, id.longValue()).setParameter(2, ((SuggestionStatus) item[2]).name()).executeUpdate();
        }
    }

    private void populate(Suggestion s, int votes, SuggestionStatus status, List<Member> fans, Member pm, Member admin,
            String[] comments, String[] replies) {
        Duration age = Duration.between(s.createdAt, now);
        // Demo fans are few, so vote counts are capped by them; the rest come from the long tail.
        int voters = Math.min(votes, fans.size());
        List<Member> shuffled = new ArrayList<>(fans);
        java.util.Collections.shuffle(shuffled, random);
        for (int i = 0; i < voters; i++) {
            Instant at = s.createdAt.plusSeconds((long) (random.nextDouble() * age.toSeconds()));
            em.createNativeQuery("insert into vote (suggestion_id, cast_on_id, member_id, created_at) values (?1, ?1, ?2, ?3)")
                    .setParameter(1, s.id).setParameter(2, shuffled.get(i).id).setParameter(3, at).executeUpdate();
            em.createNativeQuery("insert into suggestion_follow (suggestion_id, member_id) values (?1, ?2) on conflict do nothing")
                    .setParameter(1, s.id).setParameter(2, shuffled.get(i).id).executeUpdate();
        }
        em.createNativeQuery("insert into suggestion_follow (suggestion_id, member_id) values (?1, ?2) on conflict do nothing")
                .setParameter(1, s.id).setParameter(2, s.author.id).executeUpdate();
        int commentCount = 1 + random.nextInt(4);
        for (int i = 0; i < commentCount; i++) {
            Comment c = comment(s, null, shuffled.get((i + 3) % shuffled.size()), comments[random.nextInt(comments.length)],
                    s.createdAt.plus(age.multipliedBy(i + 1).dividedBy(commentCount + 2)), false);
            if (random.nextBoolean()) {
                comment(s, c, shuffled.get((i + 5) % shuffled.size()), replies[random.nextInt(replies.length)],
                        c.createdAt.plusSeconds(3600), false);
                em.createNativeQuery("update comment set reply_count = reply_count + 1 where id = ?1")
                        .setParameter(1, c.id).executeUpdate();
            }
        }
        if (status != SuggestionStatus.OPEN) {
            Instant changedAt = s.createdAt.plus(age.dividedBy(2));
            SuggestionStatus from = SuggestionStatus.OPEN;
            List<SuggestionStatus> path = switch (status) {
                case UNDER_REVIEW -> List.of(SuggestionStatus.UNDER_REVIEW);
                case PLANNED -> List.of(SuggestionStatus.UNDER_REVIEW, SuggestionStatus.PLANNED);
                case IN_PROGRESS -> List.of(SuggestionStatus.UNDER_REVIEW, SuggestionStatus.PLANNED, SuggestionStatus.IN_PROGRESS);
                case SHIPPED -> List.of(SuggestionStatus.UNDER_REVIEW, SuggestionStatus.PLANNED, SuggestionStatus.IN_PROGRESS,
                        SuggestionStatus.SHIPPED);
                default -> List.of(status);
            };
            for (SuggestionStatus to : path) {
                StatusChange change = new StatusChange();
                change.suggestion = s;
                change.actor = pm;
                change.fromStatus = from;
                change.toStatus = to;
                change.note = switch (to) {
                    case DECLINED -> "感谢建议！这个方向和当前的设计规范冲突，暂时不会做。/ Thanks! This conflicts with our design guidelines for now.";
                    case PLANNED -> "已排进开发计划。/ This is on the plan.";
                    case SHIPPED -> "已在开发版上线，欢迎体验。/ Shipped in the dev build, enjoy!";
                    default -> null;
                };
                change.createdAt = changedAt;
                change.persist();
                from = to;
                changedAt = changedAt.plus(age.dividedBy(10));
            }
            s.status = status;
            s.statusChangedAt = changedAt;
            Member responder = random.nextInt(3) == 0 ? admin : pm;
            Comment official = comment(s, null, responder, status == SuggestionStatus.DECLINED
                    ? "感谢反馈。我们评估后决定**暂不考虑**，原因见状态说明。\n\nThanks for the feedback. We decided not to do this for now; see the note in the timeline."
                    : "感谢米粉的建议！产品团队已经收到，会在后续版本中跟进。\n\nThanks! The product team has this and will follow up in an upcoming release.",
                    s.createdAt.plus(age.dividedBy(3)), true);
            em.flush();
            em.createNativeQuery("update suggestion set official_comment_id = ?1, first_response_at = ?2 where id = ?3")
                    .setParameter(1, official.id).setParameter(2, official.createdAt).setParameter(3, s.id).executeUpdate();
        }
    }

    private Member member(String subject, String name, String email) {
        Member m = new Member();
        m.subject = subject;
        m.name = name;
        m.email = email;
        m.createdAt = now.minus(Duration.ofDays(120 + random.nextInt(200)));
        m.lastSeenAt = now;
        m.persist();
        return m;
    }

    private Board board(String slug, String name, String nameEn, String description, String descriptionEn,
            boolean suggestions, boolean bugs, int position) {
        Board b = new Board();
        b.slug = slug;
        b.name = name;
        b.nameEn = nameEn;
        b.description = description;
        b.descriptionEn = descriptionEn;
        b.acceptsSuggestions = suggestions;
        b.acceptsBugs = bugs;
        b.position = position;
        b.persist();
        return b;
    }

    private Suggestion suggestion(Board board, Member author, SuggestionKind kind, String title, String body,
            String device, String version, Frequency frequency, String steps, double daysAgo) {
        Suggestion s = new Suggestion();
        s.board = board;
        s.author = author;
        s.kind = kind;
        s.title = title;
        s.body = body;
        s.bodyHtml = markdown.toHtml(body);
        s.deviceModel = device;
        s.systemVersion = version;
        s.frequency = frequency;
        s.steps = steps;
        s.createdAt = now.minus(Duration.ofMinutes((long) (daysAgo * 24 * 60)));
        s.trending = trending.exponent(s.createdAt);
        s.persist();
        return s;
    }

    private Comment comment(Suggestion s, Comment parent, Member author, String body, Instant at, boolean official) {
        Comment c = new Comment();
        c.suggestion = s;
        c.parent = parent;
        c.author = author;
        c.body = body;
        c.bodyHtml = markdown.toHtml(body);
        c.official = official;
        c.createdAt = at;
        c.persist();
        return c;
    }
}

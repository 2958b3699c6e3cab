package app.fanloop.journey;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonObject;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;

/**
 * Text zoomed to 200% without loss (WCAG 1.4.4) and content that reflows instead of scrolling sideways (1.4.10), checked
 * in Chromium (issue 23). Three ways a reader doubles the text:
 * <ul>
 * <li>{@link #BROWSER_200}: the browser's zoom at 200% in a 1280 × 900 window, which is a 640 × 450 CSS px viewport at
 * two device pixels per CSS pixel (everything doubles: text, boxes, pictures);</li>
 * <li>{@link #TEXT_200_DESKTOP} and {@link #TEXT_200_PHONE}: text-only zoom, as a browser's font-size setting does (the
 * browser's default font size doubled from 16 to 32 px; only what is sized in rem/em grows), at 1280 px and on a 360 px phone.</li>
 * </ul>
 * {@link #problems} names whatever is lost on the page as it is now.
 */
final class Zoom {

    /** One way to zoom: the browser window it needs and the root font size it sets (0: the browser's own). */
    record Mode(String name, int width, int height, double scale, int rootPx) {

        Browser.NewContextOptions options() {
            return new Browser.NewContextOptions().setLocale("zh-CN")
                    .setExtraHTTPHeaders(java.util.Map.of("Accept-Language", "zh-CN,zh"))
                    .setViewportSize(width, height).setDeviceScaleFactor(scale);
        }
    }

    static final Mode BROWSER_200 = new Mode("browser zoom 200% (1280 px window)", 640, 450, 2, 0);
    static final Mode TEXT_200_DESKTOP = new Mode("text zoom 200% at 1280 px", 1280, 900, 1, 32);
    static final Mode TEXT_200_PHONE = new Mode("text zoom 200% at 360 px", 360, 780, 1, 32);
    static final List<Mode> MODES = List.of(BROWSER_200, TEXT_200_DESKTOP, TEXT_200_PHONE);

    private Zoom() {
    }

    /**
     * Applies a text-only zoom to the page shown now, as a browser's font-size setting does: Chromium's default font
     * size (the DevTools protocol's {@code Page.setFontSizes}, what chrome://settings/fonts sets) goes from 16 to the
     * mode's size, which grows the root font size and with it every rem and em, and the em of media queries. Answers
     * the text that did not grow: an element whose font size is less than 1.9 times what it was (a size in px, which
     * the reader's setting cannot change).
     */
    static List<String> zoomText(Page page, Mode mode) {
        if (mode.rootPx() == 0) {
            return List.of();
        }
        CDPSession devTools = page.context().newCDPSession(page);
        fontSize(devTools, 16);
        page.evaluate("""
                () => { window.__sizes = new Map([...document.body.querySelectorAll('*')].filter(e => !e.closest('svg, script, style, template')
                    && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()) && e.getClientRects().length)
                    .map(e => [e, parseFloat(getComputedStyle(e).fontSize)])); }""");
        // The session stays open with the page: Chromium drops the setting when it closes.
        fontSize(devTools, mode.rootPx());
        Object stuck = page.evaluate("""
                () => {
                  const out = [];
                  for (const [e, size] of window.__sizes) {
                    const now = parseFloat(getComputedStyle(e).fontSize);
                    if (now < size * 1.9) out.push('text does not grow: ' + DESCRIBE + ' stays ' + now + 'px');
                  }
                  delete window.__sizes;
                  return out.slice(0, 5);
                }""".replace("DESCRIBE", DESCRIBE));
        return strings(stuck);
    }

    private static void fontSize(CDPSession devTools, int px) {
        JsonObject sizes = new JsonObject();
        sizes.addProperty("standard", px);
        sizes.addProperty("fixed", Math.round(px * 13 / 16f));
        JsonObject params = new JsonObject();
        params.add("fontSizes", sizes);
        devTools.send("Page.setFontSizes", params);
    }

    /** "tag.class "text…"" for a message. */
    private static final String DESCRIBE = "(e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.'"
            + " + e.className.trim().split(/\\s+/).join('.') : '') + ' \"' + (e.textContent || '').trim().slice(0, 30) + '\"')";

    /**
     * What is lost on the page as it is now: the document scrolling sideways; text cut off by a box that hides its
     * overflow (text-overflow, a fixed height) or spilling out of its own box (over its neighbours); text beyond the
     * left or right edge of the window, unless it sits in a region that scrolls on its own with a scrollbar (a table);
     * and each of the {@code controls} (CSS selectors) missing, hidden, off-screen or covered (by the sticky header,
     * say) when scrolled into view.
     */
    static List<String> problems(Page page, List<String> controls) {
        Object found = page.evaluate("""
                (controls) => {
                  const describe = (e) => DESCRIBE;
                  const out = [];
                  const doc = document.documentElement;
                  if (doc.scrollWidth > doc.clientWidth) {
                    const wide = [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > doc.clientWidth + 1
                        && ![...e.children].some(c => c.getBoundingClientRect().right > doc.clientWidth + 1)).slice(0, 3).map(describe);
                    out.push('the page scrolls sideways by ' + (doc.scrollWidth - doc.clientWidth) + ' px: ' + wide.join(' | '));
                  }
                  const vw = doc.clientWidth;
                  const hidden = (s) => s === 'hidden' || s === 'clip';
                  const scrolls = (s) => s === 'auto' || s === 'scroll';
                  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                    if (!n.textContent.trim()) continue;
                    const el = n.parentElement;
                    if (!el || el.closest('script, style, template, noscript, option, textarea, .visually-hidden, svg')) continue;
                    if (!el.getClientRects().length) continue;
                    const range = document.createRange();
                    range.selectNodeContents(n);
                    const r = range.getBoundingClientRect();
                    if (r.width < 1 || r.height < 1) continue;
                    const size = parseFloat(getComputedStyle(el).fontSize);
                    // A glyph's own height may pass a tight line box (line-height: 1) by a little: half a line is a loss.
                    const slack = Math.max(2, size * 0.3), tall = Math.max(2, size * 0.5);
                    // Cut off by an ancestor that hides what overflows it; reachable in an ancestor that scrolls with a bar.
                    let inScroller = false, cut = null;
                    for (let a = el; a && a !== document.body; a = a.parentElement) {
                      const s = getComputedStyle(a);
                      const ar = a.getBoundingClientRect();
                      if ((scrolls(s.overflowX) || scrolls(s.overflowY)) && s.scrollbarWidth !== 'none') { inScroller = true; break; }
                      if ((hidden(s.overflowX) && (r.right > ar.right + 1 || r.left < ar.left - 1))
                          || (hidden(s.overflowY) && (r.bottom > ar.bottom + 1 || r.top < ar.top - 1))
                          || ((scrolls(s.overflowX) || scrolls(s.overflowY)) && s.scrollbarWidth === 'none'
                              && (r.right > ar.right + 1 || r.left < ar.left - 1))) { cut = a; break; }
                    }
                    if (cut) { out.push('text cut off: ' + describe(el) + ' inside ' + describe(cut)); continue; }
                    if (inScroller) continue;
                    // Spilling out of its own box: the nearest ancestor that is not an inline box.
                    let box = el;
                    while (box !== document.body && getComputedStyle(box).display === 'inline') box = box.parentElement;
                    const b = box.getBoundingClientRect();
                    if (r.right > b.right + slack || r.left < b.left - slack || r.bottom > b.bottom + tall || r.top < b.top - tall) {
                      out.push('text spills out of its box: ' + describe(box));
                      continue;
                    }
                    if (!inScroller && (r.right > vw + 1 || r.left < -1)) out.push('text off-screen: ' + describe(el));
                  }
                  for (const selector of controls) {
                    const c = document.querySelector(selector);
                    if (!c) { out.push('control missing: ' + selector); continue; }
                    c.scrollIntoView({ block: 'center', inline: 'nearest' });
                    const r = c.getBoundingClientRect();
                    if (r.width < 1 || r.height < 1) { out.push('control not shown: ' + selector); continue; }
                    if (r.left < -1 || r.right > vw + 1) { out.push('control off-screen: ' + selector); continue; }
                    const x = Math.min(Math.max(r.left + r.width / 2, 0), vw - 1), y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
                    const hit = document.elementFromPoint(x, y);
                    if (!hit || !(c === hit || c.contains(hit))) out.push('control covered: ' + selector + ' by ' + (hit ? describe(hit) : 'nothing'));
                  }
                  window.scrollTo(0, 0);
                  return [...new Set(out)];
                }""".replace("DESCRIBE", DESCRIBE), controls);
        return strings(found);
    }

    private static List<String> strings(Object list) {
        List<String> out = new ArrayList<>();
        if (list instanceof List<?> items) {
            items.forEach(item -> out.add(String.valueOf(item)));
        }
        return out;
    }
}

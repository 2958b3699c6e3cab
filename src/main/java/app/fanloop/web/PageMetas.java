package app.fanloop.web;

import java.net.URI;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriBuilder;

/**
 * Makes a page's {@link PageMeta}: every address from the configured site address (fanloop.site.url), never from the
 * Host header a client sent; the language alternates are the same address with {@code ?lang=zh} and {@code ?lang=en}
 * (which {@link RequestLocale} obeys above the cookie and the browser), and the bare address as x-default.
 */
@ApplicationScoped
public class PageMetas {

    /** The longest description: search engines show about this much. */
    static final int EXCERPT = 160;

    private final SiteConfig site;
    private final RequestLocale locale;
    private final Markdown markdown;

    PageMetas(SiteConfig site, RequestLocale locale, Markdown markdown) {
        this.site = site;
        this.locale = locale;
        this.markdown = markdown;
    }

    /** A public page at this path (with its query, if one matters, e.g. {@code ?page=2}). */
    public Builder page(String path) {
        return new Builder(path);
    }

    /** An absolute address of this site (a picture's, a profile's), for Open Graph and structured data. */
    public String link(String path) {
        return site.link(path);
    }

    /** The text of Markdown as a description: plain text, one line, at most {@link #EXCERPT} characters. */
    public String excerpt(String markdownText) {
        return cut(markdown.plainText(markdownText));
    }

    static String cut(String text) {
        String line = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        if (line.codePointCount(0, line.length()) <= EXCERPT) {
            return line;
        }
        int end = line.offsetByCodePoints(0, EXCERPT - 1);
        int space = line.lastIndexOf(' ', end);
        // Cut at a word break when there is one close by (Chinese has none: cut anywhere).
        if (space > end - 20) {
            end = space;
        }
        return line.substring(0, end).stripTrailing() + "…";
    }

    /** The page's address in a language (null: the bare address, whose language the reader's browser decides). */
    public String address(String path, Locale language) {
        // The paths come from the pages themselves (never from the request), so they carry no lang parameter yet.
        URI base = URI.create(site.link(path));
        return language == null ? base.toString()
                : UriBuilder.fromUri(base).queryParam(RequestLocale.PARAM, language.getLanguage()).build().toString();
    }

    /** The tags of one page. */
    public final class Builder {
        private final String path;
        private String title;
        private String description = "";
        private String image;
        private String type = "website";
        private String structuredData;
        private boolean indexable = true;

        Builder(String path) {
            this.path = path;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /** The description, from Markdown the page shows (a post's body, a release's summary). */
        public Builder markdown(String text) {
            this.description = excerpt(text);
            return this;
        }

        /** The description, from plain text. */
        public Builder text(String text) {
            this.description = cut(text);
            return this;
        }

        /** A post: Open Graph type article. */
        public Builder article() {
            this.type = "article";
            return this;
        }

        /** A member's public profile: Open Graph type profile. */
        public Builder profile() {
            this.type = "profile";
            return this;
        }

        /** The picture for link previews (a path of this site, e.g. /files/12); only for a page visitors may see. */
        public Builder image(String imagePath) {
            this.image = imagePath == null ? null : link(imagePath);
            return this;
        }

        /** schema.org data (maps and lists), embedded as JSON-LD. */
        public Builder structuredData(Object data) {
            this.structuredData = data == null ? null : JsonLd.embeddable(data);
            return this;
        }

        /** False for a page only some may see (a hidden post, a private board): noindex, and no excerpt or picture. */
        public Builder indexable(boolean indexable) {
            this.indexable = indexable;
            return this;
        }

        public PageMeta build() {
            if (!indexable) {
                return PageMeta.noindex();
            }
            boolean english = locale.isEnglish();
            return new PageMeta(true, title, description,
                    address(path, locale.get()),
                    address(path, RequestLocale.CHINESE),
                    address(path, RequestLocale.ENGLISH),
                    address(path, null),
                    english ? "en_US" : "zh_CN",
                    english ? "zh_CN" : "en_US",
                    type, image, structuredData);
        }
    }
}

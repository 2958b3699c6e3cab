package app.fanloop.web;

/**
 * What a page tells search engines and link previews, written into its head by {@code tags/searchTags.html} (the
 * one place these tags are written): the description (a plain-text excerpt of the page), the canonical address and
 * its Chinese and English alternates (all from the configured site address, never from the request), Open Graph and
 * Twitter card fields, and optionally structured data. A page that is not public (a hidden post, a private board)
 * says {@code noindex} and nothing else. Made by {@link PageMetas}.
 *
 * @param structuredData JSON-LD already made safe to embed (see {@link JsonLd}), or null
 */
public record PageMeta(
        boolean indexable,
        String title,
        String description,
        String canonical,
        String chineseUrl,
        String englishUrl,
        String defaultUrl,
        String ogLocale,
        String ogLocaleAlternate,
        String type,
        String image,
        String structuredData) {

    /** A page search engines should leave out (private or hidden content, personal pages). */
    public static PageMeta noindex() {
        return new PageMeta(false, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Twitter's card: a large picture when the page has one. */
    public String twitterCard() {
        return image == null ? "summary" : "summary_large_image";
    }
}

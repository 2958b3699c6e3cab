package app.fanloop.web;

/** The one pager rule: a page number from a request, at least 1 and at most the list's last allowed page. */
public final class Pages {

    private Pages() {
    }

    /** {@code requested} (null means the first page) clamped to 1…{@code max}, so no offset can overflow. */
    public static int clamp(Integer requested, int max) {
        return requested == null ? 1 : Math.max(1, Math.min(requested, max));
    }
}

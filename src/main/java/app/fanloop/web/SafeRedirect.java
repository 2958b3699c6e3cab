package app.fanloop.web;

import java.net.URI;

/** Redirect targets taken from a request stay on this site. */
public final class SafeRedirect {
    private SafeRedirect() {
    }

    /** The given path if it is a local absolute path, else "/". */
    public static String localPath(String path) {
        if (path == null || path.isBlank() || !path.startsWith("/") || path.startsWith("//")
                || path.startsWith("/\\") || path.length() > 2000) {
            return "/";
        }
        for (char c : path.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                return "/";
            }
        }
        try {
            URI uri = URI.create(path);
            return uri.getScheme() == null && uri.getHost() == null ? path : "/";
        } catch (IllegalArgumentException malformed) {
            return "/";
        }
    }
}

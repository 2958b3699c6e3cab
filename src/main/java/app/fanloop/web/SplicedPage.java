package app.fanloop.web;

import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A page whose large part is the same for every reader, kept encoded: the reader's own page (the shell, small, with
 * its personal slots and CSRF token) holds {@link #SLOT} where the part goes, and the part's UTF-8 bytes are written
 * in its place as they are, never copied into a string, scanned for slots or encoded again per view. The insights
 * page's charts are 150–200 KB drawn once per range and language (bench/NOTES.md, issue 22): handled as one string,
 * each view copied them five times (render, slot scan, fill, token, encoding), most of its CPU and garbage.
 * <p>
 * The part must not depend on the reader: no personal slots, no CSRF token, nothing only some readers may see that
 * the shell's page does not already require.
 */
public record SplicedPage(String shell, byte[] part) {

    /** Where the part goes in the shell (a template writes it raw, once). */
    public static final String SLOT = "\u0000fanloop-spliced-part\u0000";

    public SplicedPage {
        if (shell.indexOf(SLOT) < 0) {
            throw new IllegalArgumentException("the shell has no slot for the part");
        }
    }

    /** The part as kept: its UTF-8 bytes, encoded once. */
    public static byte[] part(String html) {
        return html.getBytes(StandardCharsets.UTF_8);
    }

    /** The page as a 200 response (written by {@link SplicedPageWriter}, filled in by {@link PageCache} first). */
    public Response response() {
        return Response.ok(this, MediaType.valueOf("text/html;charset=UTF-8")).build();
    }

    /** The same part in another shell (the reader's filled-in copy of this one). */
    public SplicedPage withShell(String filled) {
        return new SplicedPage(filled, part);
    }

    /** The whole page's bytes: the shell before the slot, the part, the shell after it. */
    byte[] bytes() {
        int at = shell.indexOf(SLOT);
        byte[] before = shell.substring(0, at).getBytes(StandardCharsets.UTF_8);
        byte[] after = shell.substring(at + SLOT.length()).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[before.length + part.length + after.length];
        System.arraycopy(before, 0, out, 0, before.length);
        System.arraycopy(part, 0, out, before.length, part.length);
        System.arraycopy(after, 0, out, before.length + part.length, after.length);
        return out;
    }

    /** The whole page as text (a page kept by {@link PageCache}, tests). */
    public String joined() {
        return shell.replace(SLOT, new String(part, StandardCharsets.UTF_8));
    }
}

package app.fanloop.attachment;

import java.util.ArrayList;
import java.util.List;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The files part of a post's form (multipart): new files in {@code file} (one field, several files; with JavaScript
 * also pasted or dropped ones), and for each file already uploaded (kept after a refused form, or on the post being
 * edited) its id in {@code attachment}, its {@code alt} text in the same order, and {@code remove} to take it off.
 */
public record AttachmentForm(
        @RestForm("file") List<FileUpload> files,
        @RestForm("attachment") List<Long> kept,
        @RestForm("alt") List<String> alts,
        @RestForm("remove") List<Long> removed) {

    public static AttachmentForm none() {
        return new AttachmentForm(List.of(), List.of(), List.of(), List.of());
    }

    public List<FileUpload> files() {
        // A form sent without choosing a file still has the field, as a part with no name and no bytes.
        return files == null ? List.of()
                : files.stream().filter(f -> f.size() > 0 || (f.fileName() != null && !f.fileName().isBlank())).toList();
    }

    public List<Long> kept() {
        return kept == null ? List.of() : kept;
    }

    public List<Long> removed() {
        return removed == null ? List.of() : removed;
    }

    /** The alt text typed for the i-th kept file ("" when none). */
    public String altOf(int i) {
        return alts == null || i >= alts.size() || alts.get(i) == null ? "" : alts.get(i).strip();
    }

    /** This form with files just staged added to the kept ones (no alt text yet) and no new files left. */
    public AttachmentForm withStaged(List<Attachment> staged) {
        List<Long> ids = new ArrayList<>(kept());
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < kept().size(); i++) {
            texts.add(altOf(i));
        }
        for (Attachment a : staged) {
            ids.add(a.id);
            texts.add("");
        }
        return new AttachmentForm(List.of(), ids, texts, removed());
    }
}

package app.fanloop.attachment;

import static app.fanloop.attachment.SafeFiles.cleanName;
import static app.fanloop.attachment.SafeFiles.sha256;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Semaphore;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.FileImageOutputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;

import app.fanloop.attachment.FileInspector.Purpose;
import app.fanloop.attachment.SafeFiles.Limits;
import app.fanloop.attachment.SafeFiles.Sniffed;

/**
 * {@link SafeFiles}' pictures: the size read from the header (a pixel bomb refused before decoding), decoded subsampled
 * to a bounded raster, a few at a time, turned upright by the EXIF orientation, and written anew as PNG or JPEG with a
 * thumbnail (or as a square avatar), so nothing but the pixels is kept.
 */
final class Pictures {

    static final float JPEG_QUALITY = 0.9f;

    private final Limits limits;
    private final Semaphore decoding;

    Pictures(Limits limits) {
        this.limits = limits;
        this.decoding = new Semaphore(Math.max(1, limits.decodeConcurrency()), true);
    }

    Inspected inspect(Path upload, Sniffed type, String uploadedName, Purpose purpose)
            throws FileRefused, IOException {
        int orientation = type == Sniffed.JPEG ? ExifOrientation.read(upload) : 1;
        BufferedImage decoded;
        try {
            decoding.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to decode", e);
        }
        List<Path> made = new ArrayList<>();
        try {
            decoded = decode(upload, type);
            BufferedImage picture = oriented(decoded, orientation);
            decoded = null;
            boolean alpha = picture.getColorModel().hasAlpha();
            // PNG stays PNG, JPEG stays JPEG; WebP (no writer here) becomes PNG when it has transparency, else JPEG
            boolean png = type == Sniffed.PNG || (type == Sniffed.WEBP && alpha);
            String contentType = png ? "image/png" : "image/jpeg";
            String extension = png ? ".png" : ".jpg";
            boolean keepAlpha = png && alpha;

            if (purpose == Purpose.AVATAR) {
                BufferedImage avatar = square(picture, limits.avatarSide(), keepAlpha);
                Path file = write(avatar, png, made);
                return new Inspected(AttachmentKind.AVATAR, contentType, cleanName(uploadedName, "avatar", extension),
                        file, avatar.getWidth(), avatar.getHeight(), null, 0, 0, sha256(file));
            }
            BufferedImage kept = fitted(picture, limits.maxSide(), keepAlpha);
            picture = null;
            Path file = write(kept, png, made);
            BufferedImage thumb = fitted(kept, limits.thumbSide(), keepAlpha);
            Path thumbFile = write(thumb, png, made);
            return new Inspected(AttachmentKind.IMAGE, contentType, cleanName(uploadedName, "screenshot", extension),
                    file, kept.getWidth(), kept.getHeight(), thumbFile, thumb.getWidth(), thumb.getHeight(),
                    sha256(file));
        } catch (FileRefused | IOException | RuntimeException e) {
            for (Path p : made) {
                Files.deleteIfExists(p);
            }
            throw e;
        } finally {
            decoding.release();
        }
    }

    /**
     * Reads the size from the header and refuses a pixel bomb before any pixel is decoded; then decodes with source
     * subsampling so the raster holds at most max-side² pixels (the memory one decode may take).
     */
    private BufferedImage decode(Path upload, Sniffed type) throws FileRefused, IOException {
        ImageReader reader = reader(type);
        try (ImageInputStream in = ImageIO.createImageInputStream(upload.toFile())) {
            if (in == null) {
                throw new FileRefused(FileRefused.Reason.DAMAGED);
            }
            reader.setInput(in, true, true);
            long width;
            long height;
            try {
                width = reader.getWidth(0);
                height = reader.getHeight(0);
            } catch (IOException | RuntimeException e) {
                throw new FileRefused(FileRefused.Reason.DAMAGED);
            }
            if (width <= 0 || height <= 0) {
                throw new FileRefused(FileRefused.Reason.DAMAGED);
            }
            if (width * height > limits.maxPixels()) {
                throw new FileRefused(FileRefused.Reason.PIXELS);
            }
            ImageReadParam param = reader.getDefaultReadParam();
            int step = subsampling(width, height, (long) limits.maxSide() * limits.maxSide());
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            try {
                return reader.read(0, param);
            } catch (IOException | RuntimeException e) {
                throw new FileRefused(FileRefused.Reason.DAMAGED);
            }
        } catch (IOException e) {
            throw new FileRefused(FileRefused.Reason.DAMAGED);
        } finally {
            reader.dispose();
        }
    }

    /** The smallest step whose subsampled raster holds at most {@code budget} pixels. */
    static int subsampling(long width, long height, long budget) {
        int step = 1;
        while (ceilDiv(width, step) * ceilDiv(height, step) > budget) {
            step++;
        }
        return step;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private static ImageReader reader(Sniffed type) throws IOException {
        if (type == Sniffed.WEBP) {
            // made directly, so it is there whatever class loader made the ImageIO registry
            return new WebPImageReaderSpi().createReaderInstance(null);
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(type == Sniffed.PNG ? "png" : "jpeg");
        ImageReader chosen = null;
        while (readers.hasNext()) {
            ImageReader r = readers.next();
            // TwelveMonkeys' JPEG reader also reads CMYK/YCCK pictures and bad ICC profiles the JDK's refuses
            if (chosen == null || r.getClass().getName().startsWith("com.twelvemonkeys")) {
                if (chosen != null) {
                    chosen.dispose();
                }
                chosen = r;
            } else {
                r.dispose();
            }
        }
        if (chosen == null) {
            throw new IllegalStateException("no ImageIO reader for " + type);
        }
        return chosen;
    }

    /** The picture as a phone meant it (EXIF orientation 2..8 turned or mirrored), as plain RGB or ARGB. */
    static BufferedImage oriented(BufferedImage source, int orientation) {
        int w = source.getWidth();
        int h = source.getHeight();
        boolean swap = orientation >= 5 && orientation <= 8;
        AffineTransform t = new AffineTransform();
        switch (orientation) {
            case 2 -> { t.translate(w, 0); t.scale(-1, 1); }
            case 3 -> { t.translate(w, h); t.rotate(Math.PI); }
            case 4 -> { t.translate(0, h); t.scale(1, -1); }
            case 5 -> { t.rotate(Math.PI / 2); t.scale(1, -1); }
            case 6 -> { t.translate(h, 0); t.rotate(Math.PI / 2); }
            case 7 -> { t.translate(h, w); t.rotate(3 * Math.PI / 2); t.scale(1, -1); }
            case 8 -> { t.translate(0, w); t.rotate(3 * Math.PI / 2); }
            default -> { }
        }
        boolean alpha = source.getColorModel().hasAlpha();
        int type = alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        // Nothing to turn: the readers' 3-byte BGR raster is kept as it is (both writers and scaled() take it); a
        // copy as INT_RGB would hold 7 bytes a pixel instead of 3 while it is drawn (bench/NOTES.md, issue 17).
        if (t.isIdentity() && (source.getType() == type || source.getType() == BufferedImage.TYPE_3BYTE_BGR)) {
            return source;
        }
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, type);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(source, t, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** The picture scaled down so its longest side is at most {@code side} (never up). */
    static BufferedImage fitted(BufferedImage source, int side, boolean alpha) {
        int w = source.getWidth();
        int h = source.getHeight();
        if (Math.max(w, h) <= side) {
            return source;
        }
        double f = (double) side / Math.max(w, h);
        return scaled(source, Math.max(1, (int) Math.round(w * f)), Math.max(1, (int) Math.round(h * f)), alpha);
    }

    /** The centre square of the picture, scaled to {@code side}². */
    static BufferedImage square(BufferedImage source, int side, boolean alpha) {
        int s = Math.min(source.getWidth(), source.getHeight());
        BufferedImage centre = source.getSubimage((source.getWidth() - s) / 2, (source.getHeight() - s) / 2, s, s);
        return scaled(centre, side, side, alpha);
    }

    /** Scaled by halving with bilinear filtering while the picture is twice the target or more, then bicubic. */
    static BufferedImage scaled(BufferedImage source, int width, int height, boolean alpha) {
        BufferedImage current = source;
        int w = source.getWidth();
        int h = source.getHeight();
        do {
            boolean halve = w / 2 >= width && h / 2 >= height;
            w = halve ? w / 2 : width;
            h = halve ? h / 2 : height;
            BufferedImage next = new BufferedImage(w, h,
                    alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
            Graphics2D g = next.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, halve
                        ? RenderingHints.VALUE_INTERPOLATION_BILINEAR : RenderingHints.VALUE_INTERPOLATION_BICUBIC);
                g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                g.drawImage(current, 0, 0, w, h, null);
            } finally {
                g.dispose();
            }
            current = next;
        } while (w != width || h != height);
        return current;
    }

    /** Writes the picture as a new PNG or JPEG (quality 0.9) temporary file, with no metadata but the format's own. */
    private static Path write(BufferedImage image, boolean png, List<Path> made) throws IOException {
        Path file = Files.createTempFile("fanloop-attachment-", png ? ".png" : ".jpg");
        made.add(file);
        BufferedImage pixels = image;
        if (!png && image.getColorModel().hasAlpha()) {
            pixels = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = pixels.createGraphics();
            try {
                g.drawImage(image, 0, 0, Color.WHITE, null);
            } finally {
                g.dispose();
            }
        }
        ImageWriter writer = writer(png ? "png" : "jpeg");
        try (ImageOutputStream ios = new FileImageOutputStream(file.toFile())) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (!png) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
            }
            writer.write(null, new IIOImage(pixels, null, null), param);
        } finally {
            writer.dispose();
        }
        return file;
    }

    private static ImageWriter writer(String format) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format);
        ImageWriter chosen = null;
        while (writers.hasNext()) {
            ImageWriter w = writers.next();
            // the JDK's own writers: they add nothing but the format's required header (JFIF for JPEG)
            if (chosen == null || w.getClass().getName().startsWith("com.sun.")) {
                chosen = w;
            }
        }
        if (chosen == null) {
            throw new IllegalStateException("no ImageIO writer for " + format);
        }
        return chosen;
    }
}

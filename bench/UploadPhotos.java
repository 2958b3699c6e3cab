import java.awt.image.BufferedImage;
import java.io.File;
import java.util.Random;
import javax.imageio.*;
import javax.imageio.stream.*;
/**
 * Photos for bench/uploads.sh (PICTURES=photo): JPEGs of 4000×3000 (a phone camera's 12 megapixels) with enough grain
 * to be ~9.4 MB at quality 0.92, the size of a real photo near the 10 MiB limit.
 *   java bench/UploadPhotos.java OUT.jpg WIDTH HEIGHT GRAIN SEED      (bench/uploads.sh: 4000 3000 150 N)
 *   java bench/UploadPhotos.java type FILE                           (what ImageIO decodes it to)
 */
public class UploadPhotos {
    public static void main(String[] a) throws Exception {
        if (a[0].equals("type")) {
            BufferedImage i = ImageIO.read(new File(a[1]));
            System.out.println(a[1] + " " + i.getWidth() + "x" + i.getHeight() + " type " + i.getType());
            return;
        }
        int w = Integer.parseInt(a[1]), h = Integer.parseInt(a[2]), amp = Integer.parseInt(a[3]);
        Random r = new Random(Long.parseLong(a[4]));
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
            int base = (int) (128 + 90 * Math.sin(x / 97.0 + a[4].hashCode()) * Math.cos(y / 131.0));
            int rr = clamp(base + r.nextInt(amp) - amp / 2), g = clamp(base / 2 + 60 + r.nextInt(amp) - amp / 2), b = clamp(255 - base + r.nextInt(amp) - amp / 2);
            img.setRGB(x, y, (rr << 16) | (g << 8) | b);
        }
        ImageWriter wr = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam p = wr.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT); p.setCompressionQuality(0.92f);
        try (ImageOutputStream o = new FileImageOutputStream(new File(a[0]))) { wr.setOutput(o); wr.write(null, new IIOImage(img, null, null), p); }
    }
    static int clamp(int v) { return Math.max(0, Math.min(255, v)); }
}

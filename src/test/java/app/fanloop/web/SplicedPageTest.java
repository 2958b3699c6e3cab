package app.fanloop.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SplicedPageTest {

    @Test
    void the_part_is_written_in_the_slot_as_it_was_encoded() {
        SplicedPage page = new SplicedPage("<p>你好 " + SplicedPage.SLOT + " 再见</p>", SplicedPage.part("<svg>反馈 → 1</svg>"));

        assertArrayEquals("<p>你好 <svg>反馈 → 1</svg> 再见</p>".getBytes(StandardCharsets.UTF_8), page.bytes());
        assertEquals("<p>你好 <svg>反馈 → 1</svg> 再见</p>", page.joined());
        assertEquals("<b>x</b><svg>反馈 → 1</svg>", new String(page.withShell("<b>x</b>" + SplicedPage.SLOT).bytes(),
                StandardCharsets.UTF_8));
    }

    @Test
    void a_shell_without_its_slot_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> new SplicedPage("<p>no slot</p>", new byte[0]));
    }
}

package app.fanloop.poll;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A poll in the JSON API, as the caller may see it (counts are null while its results are hidden from them). */
@Schema(name = "Poll", description = "A poll on a suggestion. Counts and shares are null while the results are hidden "
        + "from the caller (results after voting, before the caller voted and before it closes).", example = """
        {"question": "你更喜欢哪种锁屏样式？", "multiple": false, "resultsAfterVote": false, "closesAt": "2026-12-08T12:00:00Z", "closed": false, "closedAt": null, "voters": 3, "resultsShown": true, "options": [{"id": 11, "label": "经典时钟", "count": 2, "percent": 67}, {"id": 12, "label": "大字天气", "count": 1, "percent": 33}], "mine": [11], "canVote": true}""")
public record PollJson(@Schema(nullable = true) String question, boolean multiple, boolean resultsAfterVote,
        @Schema(nullable = true) Instant closesAt, boolean closed,
        @Schema(description = "When it closed (staff's early close, or its closing time).", nullable = true) Instant closedAt,
        int voters, boolean resultsShown, List<Option> options,
        @Schema(description = "The options the caller chose (empty: no ballot); null for visitors.", nullable = true) List<Long> mine,
        @Schema(description = "The caller may cast or change a ballot now.") boolean canVote) {

    @Schema(name = "PollOption", description = "One option; its count and share (of the voters) are null while hidden.")
    public record Option(long id, String label, @Schema(nullable = true) Integer count,
            @Schema(nullable = true) Integer percent) {
    }

    @Schema(name = "BallotInput", description = "A ballot: one option id of a single-choice poll, one or more of a "
            + "multiple-choice one. It replaces the caller's earlier ballot.", example = """
            {"options": [11]}""")
    public record BallotInput(@Schema(required = true) List<Long> options) {
    }

    public static PollJson of(PollView v) {
        boolean shown = v.isResultsShown();
        List<Option> options = v.options().stream()
                .map(o -> new Option(o.id(), o.label(), shown ? o.count() : null, shown ? o.percent() : null)).toList();
        List<Long> mine = v.signedIn() ? v.options().stream().filter(PollView.Choice::chosen).map(PollView.Choice::id).toList()
                : null;
        return new PollJson(v.question(), v.multiple(), v.resultsAfterVote(), v.closesAt(), !v.isOpen(), v.closedSince(),
                v.voters(), shown, options, mine, v.canVote());
    }
}

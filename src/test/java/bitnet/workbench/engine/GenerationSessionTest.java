package bitnet.workbench.engine;

import bitnet.workbench.model.ContextOverflowException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static bitnet.workbench.engine.FakeTokenizer.BOS;
import static bitnet.workbench.engine.FakeTokenizer.EOS;
import static bitnet.workbench.engine.FakeTokenizer.byteToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GenerationSessionTest {
    private static final GenerationSettings GREEDY = GenerationSettings.defaults().withSampling(SamplerSettings.greedy());

    private final FakeTokenizer tokenizer = new FakeTokenizer("Hello", " wor", "ld", " ST", "OP", "!");
    private final int hello = tokenizer.piece("Hello");
    private final int wor = tokenizer.piece(" wor");
    private final int ld = tokenizer.piece("ld");
    private final int st = tokenizer.piece(" ST");
    private final int op = tokenizer.piece("OP");
    private final int bang = tokenizer.piece("!");
    /** BOS, 'H', 'i'. */
    private final int[] prompt = {BOS, byteToken('H'), byteToken('i')};

    /** Collects events, safe to read from another thread. */
    private static final class Events implements TokenListener {
        final List<TokenEvent> list = Collections.synchronizedList(new ArrayList<>());

        @Override public void onToken(TokenEvent event) { list.add(event); }

        List<String> texts() { return list.stream().map(TokenEvent::text).toList(); }

        int size() { return list.size(); }
    }

    private FakeLanguageModel scripted(int contextLength, int... script) {
        return FakeLanguageModel.scripted(tokenizer.vocabSize(), contextLength, prompt.length, script);
    }

    @Test
    void streamsOneEventPerTokenAndStopsAtEndOfGenerationWithoutShowingIt() {
        FakeLanguageModel model = scripted(64, hello, wor, ld, bang, EOS);
        Events events = new Events();
        GenerationResult result = new GenerationSession(model, tokenizer).generate(prompt, GREEDY, events);

        assertThat(events.texts()).containsExactly("Hello", " wor", "ld", "!", "");
        assertThat(events.list).extracting(TokenEvent::token).containsExactly(hello, wor, ld, bang, EOS);
        assertThat(events.list).extracting(TokenEvent::index).containsExactly(0, 1, 2, 3, 4);
        assertThat(result.text()).isEqualTo("Hello world!");
        assertThat(result.tokens()).containsExactly(hello, wor, ld, bang, EOS);
        assertThat(result.stats().stopReason()).isEqualTo(StopReason.END_OF_GENERATION);
        // the prompt in one step, then every generated token but the last
        assertThat(model.appends()).containsExactly(prompt, new int[] {hello}, new int[] {wor}, new int[] {ld}, new int[] {bang});
    }

    @Test
    void aStopStringSplitAcrossTwoTokensIsNotEmittedButTheTextBeforeItIs() {
        FakeLanguageModel model = scripted(64, hello, st, op, bang, EOS);
        Events events = new Events();
        GenerationResult result = new GenerationSession(model, tokenizer)
            .generate(prompt, GREEDY.withStopStrings(List.of("STOP")), events);

        assertThat(events.texts()).containsExactly("Hello", " ", "");
        assertThat(result.text()).isEqualTo("Hello ");
        assertThat(result.tokens()).containsExactly(hello, st, op);
        assertThat(result.stats().stopReason()).isEqualTo(StopReason.STOP_STRING);
    }

    @Test
    void aStopStringInsideOneTokenCutsThatTokensText() {
        GenerationResult result = new GenerationSession(scripted(64, hello, wor, EOS), tokenizer)
            .generate(prompt, GREEDY.withStopStrings(List.of("lo")), TokenListener.NONE);
        assertThat(result.text()).isEqualTo("Hel");
        assertThat(result.stats().stopReason()).isEqualTo(StopReason.STOP_STRING);
        assertThat(result.stats().generatedTokens()).isEqualTo(1);
    }

    @Test
    void textHeldBackForAStopStringIsReleasedWhenGenerationEndsOtherwise() {
        Events events = new Events();
        GenerationResult result = new GenerationSession(scripted(64, hello, st, EOS), tokenizer)
            .generate(prompt, GREEDY.withStopStrings(List.of("STOP")), events);
        assertThat(events.texts()).containsExactly("Hello", " ", "ST");
        assertThat(result.text()).isEqualTo("Hello ST");
        assertThat(result.stats().stopReason()).isEqualTo(StopReason.END_OF_GENERATION);
    }

    @Test
    void anEmojiSplitOverTwoTokensIsEmittedOnceComplete() {
        int first = tokenizer.addPiece(0xF0, 0x9F);
        int second = tokenizer.addPiece(0x98, 0x80);
        FakeLanguageModel model = FakeLanguageModel.scripted(tokenizer.vocabSize(), 64, prompt.length, hello, first, second, bang, EOS);
        Events events = new Events();
        GenerationResult result = new GenerationSession(model, tokenizer).generate(prompt, GREEDY, events);
        assertThat(events.texts()).containsExactly("Hello", "", "😀", "!", "");
        assertThat(result.text()).isEqualTo("Hello😀!");
    }

    @Test
    void anUnfinishedCharacterAtTheEndBecomesTheReplacementCharacter() {
        int half = tokenizer.addPiece(0xF0, 0x9F);
        FakeLanguageModel model = FakeLanguageModel.scripted(tokenizer.vocabSize(), 64, prompt.length, hello, half);
        GenerationResult result = new GenerationSession(model, tokenizer).generate(prompt, GREEDY.withMaxTokens(2), TokenListener.NONE);
        assertThat(result.text()).isEqualTo("Hello\uFFFD");
    }

    @Test
    void stopsAfterMaxTokens() {
        FakeLanguageModel model = scripted(64, bang);
        Events events = new Events();
        GenerationResult result = new GenerationSession(model, tokenizer).generate(prompt, GREEDY.withMaxTokens(5), events);
        assertThat(events.size()).isEqualTo(5);
        assertThat(result.text()).isEqualTo("!!!!!");
        assertThat(result.stats().stopReason()).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(model.appendedTokenCount()).isEqualTo(prompt.length + 4);
    }

    @Test
    void maxTokensZeroOnlyEvaluatesThePrompt() {
        FakeLanguageModel model = scripted(64, bang);
        GenerationSession session = new GenerationSession(model, tokenizer);
        GenerationResult result = session.generate(prompt, GREEDY.withMaxTokens(0), TokenListener.NONE);
        assertThat(result.tokens()).isEmpty();
        assertThat(result.stats().stopReason()).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(result.stats().timeToFirstTokenNanos()).isZero();
        assertThat(session.cachedTokens()).containsExactly(prompt);
    }

    @Test
    void aPromptLongerThanTheContextIsRefusedBeforeAnyWork() {
        FakeLanguageModel model = scripted(8, bang);
        GenerationSession session = new GenerationSession(model, tokenizer);
        int[] tooLong = IntStream.range(0, 10).map(i -> byteToken('a' + i)).toArray();
        assertThatThrownBy(() -> session.generate(tooLong, GREEDY, TokenListener.NONE))
            .isInstanceOf(ContextOverflowException.class)
            .hasMessage("the prompt has 10 tokens but the context holds only 8; shorten the prompt or the chat history");
        assertThat(model.appends()).isEmpty();
    }

    @Test
    void reachingTheEndOfTheContextStopsWithContextFull() {
        FakeLanguageModel model = scripted(6, bang);
        GenerationSession session = new GenerationSession(model, tokenizer);
        GenerationResult result = session.generate(prompt, GREEDY, TokenListener.NONE);
        // positions 3, 4, 5 take three generated tokens; a fourth is sampled from the last logits but has no place
        assertThat(result.tokens()).hasSize(4);
        assertThat(result.stats().stopReason()).isEqualTo(StopReason.CONTEXT_FULL);
        assertThat(session.cachedTokens()).hasSize(6);
    }

    @Test
    void aPromptFillingTheWholeContextStillGivesOneToken() {
        GenerationResult result = new GenerationSession(scripted(3, bang), tokenizer).generate(prompt, GREEDY, TokenListener.NONE);
        assertThat(result.text()).isEqualTo("!");
        assertThat(result.stats().stopReason()).isEqualTo(StopReason.CONTEXT_FULL);
    }

    @Test
    void aNewPromptReusesTheLongestCachedPrefixAndEvaluatesOnlyTheRest() {
        FakeLanguageModel model = FakeLanguageModel.favouring(tokenizer.vocabSize(), 64, (history, length) -> byteToken('a' + length % 5));
        GenerationSession session = new GenerationSession(model, tokenizer);
        int[] first = tokenizer.encode("Hi there", true, true);
        GenerationResult reply = session.generate(first, GREEDY.withMaxTokens(3), TokenListener.NONE);
        int[] g = reply.tokens();
        assertThat(model.appendedTokenCount()).isEqualTo(first.length + 2);

        // the next turn: history (with the whole reply) plus new text; the reply's last token was never evaluated
        int[] second = concat(first, g, tokenizer.encode("ok", false, true));
        int before = model.appends().size();
        GenerationResult next = session.generate(second, GREEDY.withMaxTokens(3), TokenListener.NONE);
        assertThat(model.appends().get(before)).containsExactly(g[2], byteToken('o'), byteToken('k'));
        assertThat(next.stats().reusedPromptTokens()).isEqualTo(first.length + 2);
        assertThat(next.stats().evaluatedPromptTokens()).isEqualTo(3);

        // the same prompt again (regenerate): everything but the last prompt token is reused
        before = model.appends().size();
        GenerationResult again = session.generate(second, GREEDY.withMaxTokens(3), TokenListener.NONE);
        assertThat(model.appends().get(before)).containsExactly(byteToken('k'));
        assertThat(again.stats().reusedPromptTokens()).isEqualTo(second.length - 1);
        assertThat(again.tokens()).containsExactly(next.tokens());

        // an edited earlier turn: only the tokens before the edit are kept
        int[] edited = first.clone();
        edited[2] = byteToken('o');
        before = model.appends().size();
        GenerationResult fresh = session.generate(edited, GREEDY.withMaxTokens(2), TokenListener.NONE);
        assertThat(model.appends().get(before)).containsExactly(java.util.Arrays.copyOfRange(edited, 2, edited.length));
        assertThat(fresh.stats().reusedPromptTokens()).isEqualTo(2);
        assertThat(session.cachedTokens()).containsExactly(concat(edited, new int[] {fresh.tokens()[0]}));
    }

    private static int[] concat(int[]... parts) {
        return java.util.Arrays.stream(parts).flatMapToInt(java.util.Arrays::stream).toArray();
    }

    @Test
    void cancellingFromAnotherThreadStopsAfterTheTokenBeingComputed() throws Exception {
        FakeLanguageModel model = scripted(64, bang);
        CountDownLatch inFourthAppend = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        model.onAppend(call -> {
            if (call == 3) {
                inFourthAppend.countDown();
                release.await();
            }
        });
        GenerationSession session = new GenerationSession(model, tokenizer);
        Events events = new Events();
        CompletableFuture<GenerationResult> running = CompletableFuture.supplyAsync(() -> session.generate(prompt, GREEDY, events));

        assertThat(inFourthAppend.await(10, TimeUnit.SECONDS)).isTrue();
        int emittedWhenCancelled = events.size();
        assertThatThrownBy(() -> session.generate(prompt, GREEDY, TokenListener.NONE))
            .isInstanceOf(IllegalStateException.class).hasMessage("a generation is already running in this session");
        session.cancel();
        release.countDown();
        GenerationResult result = running.get(10, TimeUnit.SECONDS);

        // appends: the prompt, then tokens 0, 1 and 2; token 3 is computed from the blocked append, then it stops
        assertThat(emittedWhenCancelled).isEqualTo(3);
        assertThat(result.tokens()).hasSize(emittedWhenCancelled + 1);
        assertThat(events.size()).isEqualTo(4);
        assertThat(result.stats().stopReason()).isEqualTo(StopReason.CANCELLED);
        assertThat(model.appends()).hasSize(4);
    }

    @Test
    void cancelWithoutARunningGenerationDoesNotAffectTheNextOne() {
        GenerationSession session = new GenerationSession(scripted(64, bang), tokenizer);
        session.cancel();
        GenerationResult result = session.generate(prompt, GREEDY.withMaxTokens(4), TokenListener.NONE);
        assertThat(result.stats().stopReason()).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(result.tokens()).hasSize(4);
    }

    @Test
    void statisticsAgreeWithTheEventsAndTheClock() {
        FakeLanguageModel model = scripted(64, hello, wor, ld, bang, EOS);
        model.onAppend(call -> Thread.sleep(2));
        Events events = new Events();
        GenerationStats stats = new GenerationSession(model, tokenizer).generate(prompt, GREEDY, events).stats();

        assertThat(stats.promptTokens()).isEqualTo(3);
        assertThat(stats.reusedPromptTokens()).isZero();
        assertThat(stats.generatedTokens()).isEqualTo(events.size()).isEqualTo(5);
        assertThat(stats.tokenLatenciesNanos()).containsExactly(events.list.stream().mapToLong(TokenEvent::latencyNanos).toArray());
        assertThat(stats.timeToFirstTokenNanos()).isEqualTo(stats.tokenLatenciesNanos()[0]);
        // every append sleeps 2 ms: the prefill is in the first token's time, one append in each later one
        assertThat(stats.promptNanos()).isGreaterThanOrEqualTo(2_000_000);
        assertThat(stats.timeToFirstTokenNanos()).isGreaterThan(stats.promptNanos());
        assertThat(java.util.Arrays.stream(stats.tokenLatenciesNanos()).min().orElseThrow()).isGreaterThanOrEqualTo(2_000_000);
        assertThat(stats.decodeNanos()).isEqualTo(java.util.Arrays.stream(stats.tokenLatenciesNanos()).skip(1).sum());
        assertThat(stats.decodeTokensPerSecond()).isEqualTo(4 * 1e9 / stats.decodeNanos()).isLessThanOrEqualTo(500);
        assertThat(stats.promptTokensPerSecond()).isEqualTo(3 * 1e9 / stats.promptNanos()).isLessThanOrEqualTo(1500);
        assertThat(stats.stopReason()).isEqualTo(StopReason.END_OF_GENERATION);
    }

    @Test
    void theSameSeedGivesTheSameReply() {
        FakeLanguageModel.LogitsRule flat = (history, length, out) -> {
            for (int i = 0; i < out.length; i++) out[i] = (i * 7 + length) % 11 * 0.3f;
        };
        GenerationSettings seeded = GenerationSettings.defaults().withMaxTokens(30)
            .withSampling(SamplerSettings.defaults().withTemperature(1.5f).withTopK(0).withMinP(0f).withSeed(11));
        GenerationSession one = new GenerationSession(new FakeLanguageModel(tokenizer.vocabSize(), 64, flat), tokenizer);
        GenerationSession two = new GenerationSession(new FakeLanguageModel(tokenizer.vocabSize(), 64, flat), tokenizer);
        int[] a = one.generate(prompt, seeded, TokenListener.NONE).tokens();
        int[] b = two.generate(prompt, seeded, TokenListener.NONE).tokens();
        int[] again = one.generate(prompt, seeded, TokenListener.NONE).tokens();
        int[] otherSeed = two.generate(prompt, seeded.withSampling(seeded.sampling().withSeed(12)), TokenListener.NONE).tokens();
        assertThat(b).containsExactly(a);
        assertThat(again).containsExactly(a);
        assertThat(otherSeed).isNotEqualTo(a);
    }

    @Test
    void theRepeatPenaltyCountsThePromptTokens() {
        int a = byteToken('a'), b = byteToken('b');
        FakeLanguageModel model = new FakeLanguageModel(tokenizer.vocabSize(), 64, (history, length, out) -> {
            java.util.Arrays.fill(out, 0f);
            out[a] = 2.0f;
            out[b] = 1.9f;
        });
        GenerationSettings penalized = GREEDY.withMaxTokens(1).withSampling(SamplerSettings.greedy().withRepeatPenalty(1.1f));
        GenerationSession session = new GenerationSession(model, tokenizer);
        assertThat(session.generate(new int[] {BOS, a}, penalized, TokenListener.NONE).tokens()).containsExactly(b);
        assertThat(session.generate(new int[] {BOS, b}, penalized, TokenListener.NONE).tokens()).containsExactly(a);
    }

    @Test
    void aFailingListenerEndsTheGenerationAndLeavesTheSessionUsable() {
        GenerationSession session = new GenerationSession(scripted(64, hello, wor, ld, EOS), tokenizer);
        assertThatThrownBy(() -> session.generate(prompt, GREEDY, event -> {
            if (event.index() == 1) throw new IllegalStateException("listener broke");
        })).hasMessage("listener broke");
        assertThat(session.cachedTokens()).containsExactly(concat(prompt, new int[] {hello}));
        assertThat(session.generate(prompt, GREEDY, TokenListener.NONE).text()).isEqualTo("Hello world");
    }

    @Test
    void badPromptsAreRefusedWithAClearMessage() {
        GenerationSession session = new GenerationSession(scripted(64, bang), tokenizer);
        assertThatThrownBy(() -> session.generate(new int[0], GREEDY, TokenListener.NONE))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("the prompt is empty; it needs at least one token (e.g. BOS)");
        assertThatThrownBy(() -> session.generate(new int[] {BOS, 9999}, GREEDY, TokenListener.NONE))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("prompt token 9999 at index 1 is outside the model's vocabulary of " + tokenizer.vocabSize());
        assertThatThrownBy(() -> GREEDY.withStopStrings(List.of(""))).hasMessage("a stop string must not be empty");
    }

    @Test
    void aTextPromptIsEncodedWithSpecialTokens() {
        FakeLanguageModel model = scripted(64, bang);
        new GenerationSession(model, tokenizer).generate("Hi", GREEDY.withMaxTokens(1), TokenListener.NONE);
        assertThat(model.appends().getFirst()).containsExactly(prompt);
    }

    @Test
    void resetEmptiesTheCache() {
        FakeLanguageModel model = scripted(64, bang);
        GenerationSession session = new GenerationSession(model, tokenizer);
        session.generate(prompt, GREEDY.withMaxTokens(2), TokenListener.NONE);
        session.reset();
        assertThat(session.cachedTokens()).isEmpty();
        GenerationResult result = session.generate(prompt, GREEDY.withMaxTokens(1), TokenListener.NONE);
        assertThat(result.stats().reusedPromptTokens()).isZero();
    }
}

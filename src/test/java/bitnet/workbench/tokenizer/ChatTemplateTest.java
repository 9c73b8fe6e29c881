package bitnet.workbench.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bitnet.workbench.gguf.GgufMetadata;
import bitnet.workbench.gguf.GgufValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Chat formatting with the real LLaMA-3 vocabulary and the stories260K vocabulary. Expected prompts
 * are the output of Python Jinja2 3.1.6 in Hugging Face's environment for the same templates and messages.
 */
class ChatTemplateTest {

    /** Meta-Llama-3-8B-Instruct's tokenizer_config.json chat_template. */
    static final String LLAMA3_TEMPLATE = "{% set loop_messages = messages %}{% for message in loop_messages %}"
            + "{% set content = '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n'+ message['content'] | trim + '<|eot_id|>' %}"
            + "{% if loop.index0 == 0 %}{% set content = bos_token + content %}{% endif %}{{ content }}{% endfor %}"
            + "{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\n\n' }}{% endif %}";

    static final List<ChatMessage> CONVERSATION = List.of(
            ChatMessage.system("You are a helpful assistant"), ChatMessage.user("Hello"),
            ChatMessage.assistant("Hi there"), ChatMessage.user("Who are you"));

    static final List<ChatMessage> BRIEF = List.of(ChatMessage.system(" Be brief. "), ChatMessage.user("What is 1+1?\n"));

    /** The LLaMA-3 vocabulary's metadata with extra keys, as another GGUF would carry them. */
    static GgufMetadata llama3With(Map<String, GgufValue> extra) {
        Map<String, GgufValue> values = new LinkedHashMap<>(ReferenceVocabularies.metadata(ReferenceVocabularies.BPE).asMap());
        values.putAll(extra);
        return new GgufMetadata(values);
    }

    @Test
    void llama3TemplateRendersTheConversationExactly() {
        ChatTemplate t = ChatTemplate.fromJinja(LLAMA3_TEMPLATE, ReferenceVocabularies.bpe());
        assertThat(t.render(CONVERSATION, true)).isEqualTo("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n"
                + "You are a helpful assistant<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nHello<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\nHi there<|eot_id|><|start_header_id|>user<|end_header_id|>\n\n"
                + "Who are you<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n");
        assertThat(t.render(CONVERSATION, false)).endsWith("Who are you<|eot_id|>");
        assertThat(t.emitsBos()).isTrue();
    }

    @Test
    void llama3PromptTokenizesWithOneBosAndControlTokens() {
        Tokenizer tok = ReferenceVocabularies.bpe();
        ChatTemplate t = ChatTemplate.fromJinja(LLAMA3_TEMPLATE, tok);
        int[] ids = t.encode(List.of(ChatMessage.user("Hello")), true);
        // <|begin_of_text|> <|start_header_id|> user <|end_header_id|> \n\n Hello <|eot_id|> <|start_header_id|> assistant <|end_header_id|> \n\n
        assertThat(ids).containsExactly(128000, 128006, tok.encode("user", false, false)[0], 128007, 271, 9906, 128009,
                128006, tok.encode("assistant", false, false)[0], 128007, 271);
    }

    @Test
    void bitnet2b4tHuggingFaceTemplateRendersRoleColonContent() {
        ChatTemplate t = ChatTemplate.fromJinja(ChatTemplate.BITNET_2B4T_HF_TEMPLATE, ReferenceVocabularies.bpe());
        assertThat(t.render(BRIEF, true)).isEqualTo("System: Be brief.<|eot_id|>User: What is 1+1?<|eot_id|>Assistant: ");
        assertThat(t.render(BRIEF, false)).isEqualTo("System: Be brief.<|eot_id|>User: What is 1+1?<|eot_id|>");
        assertThat(t.emitsBos()).as("the HF template leaves BOS to the tokenizer").isFalse();
        assertThat(t.encode(BRIEF, true)[0]).isEqualTo(128000);
    }

    @Test
    void builtInBitnetFormatStartsWithBosAndEndsTurnsWithEot() {
        ChatTemplate t = ChatTemplate.bitnet(ReferenceVocabularies.bpe());
        assertThat(t.kind()).isEqualTo(ChatTemplate.Kind.BITNET);
        assertThat(t.render(BRIEF, true)).isEqualTo("<|begin_of_text|>System: Be brief.<|eot_id|>User: What is 1+1?<|eot_id|>Assistant: ");
        assertThat(t.emitsBos()).isTrue();
        int[] ids = t.encode(BRIEF, true);
        assertThat(ids[0]).isEqualTo(128000);
        assertThat(ids[1]).as("no second BOS").isNotEqualTo(128000);
        assertThat(ids).contains(128009);
    }

    @Test
    void modelWithoutTemplateButLlama3VocabularyGetsTheBitnetFormat() {
        ChatTemplate t = ChatTemplate.forModel(ReferenceVocabularies.metadata(ReferenceVocabularies.BPE), ReferenceVocabularies.bpe());
        assertThat(t.kind()).isEqualTo(ChatTemplate.Kind.BITNET);
        assertThat(t.description()).contains("no chat template");
    }

    @Test
    void fileTemplateThatNeverEndsATurnIsReplacedByTheBitnetFormat() {
        String noEnd = "{% for message in messages %}{{ message['role'] }}: {{ message['content'] }}\n{% endfor %}{% if add_generation_prompt %}assistant: {% endif %}";
        GgufMetadata md = llama3With(Map.of(ChatTemplate.METADATA_KEY, GgufValue.ofString(noEnd)));
        ChatTemplate t = ChatTemplate.forModel(md, ReferenceVocabularies.bpe());
        assertThat(t.kind()).isEqualTo(ChatTemplate.Kind.BITNET);
        assertThat(t.description()).contains("never ends a turn");
    }

    @Test
    void fileTemplateThatEndsTurnsIsUsed() {
        GgufMetadata md = llama3With(Map.of(ChatTemplate.METADATA_KEY, GgufValue.ofString(LLAMA3_TEMPLATE)));
        ChatTemplate t = ChatTemplate.forModel(md, ReferenceVocabularies.bpe());
        assertThat(t.kind()).isEqualTo(ChatTemplate.Kind.FILE);
        assertThat(t.render(List.of(ChatMessage.user("Hi")), true))
                .isEqualTo("<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n");
    }

    @Test
    void brokenFileTemplateFallsBackWithTheReason() {
        GgufMetadata md = llama3With(Map.of(ChatTemplate.METADATA_KEY, GgufValue.ofString("{% for m in messages %}{{ m.content }")));
        ChatTemplate t = ChatTemplate.forModel(md, ReferenceVocabularies.bpe());
        assertThat(t.kind()).isEqualTo(ChatTemplate.Kind.BITNET);
        assertThat(t.description()).contains("fails");
    }

    @Test
    void stopTokensAndStringsForLlama3IncludeEotAndEndOfText() {
        ChatTemplate t = ChatTemplate.bitnet(ReferenceVocabularies.bpe());
        assertThat(t.stopTokens()).contains(128001, 128009);
        assertThat(t.isStopToken(128009)).isTrue();
        assertThat(t.isStopToken(9906)).isFalse();
        assertThat(t.stopStrings()).startsWith("<|eot_id|>").contains("<|end_of_text|>");
    }

    @Test
    void storiesModelGetsPlainTextThatTheTokenizerPrefixesWithBos() {
        Tokenizer spm = ReferenceVocabularies.spm();
        ChatTemplate t = ChatTemplate.forModel(ReferenceVocabularies.metadata(ReferenceVocabularies.SPM), spm);
        assertThat(t.kind()).isEqualTo(ChatTemplate.Kind.PLAIN);
        assertThat(t.render(List.of(ChatMessage.user("Once upon"), ChatMessage.assistant(" a time")), true)).isEqualTo("Once upon a time");
        assertThat(t.emitsBos()).isFalse();
        assertThat(t.encode(List.of(ChatMessage.user("Once upon a time")), true)).isEqualTo(spm.encode("Once upon a time", true, true));
        assertThat(t.stopTokens()).containsExactly(2);
        assertThat(t.stopStrings()).isEmpty();
    }

    @Test
    void bitnetModelWhoseVocabularyHasNoEndOfTurnTokenContinuesPlainText() {
        Map<String, GgufValue> md = new java.util.LinkedHashMap<>(ReferenceVocabularies.metadata(ReferenceVocabularies.SPM).asMap());
        md.put("general.architecture", GgufValue.ofString("bitnet-b1.58"));
        ChatTemplate t = ChatTemplate.forModel(new GgufMetadata(md), ReferenceVocabularies.spm());
        assertThat(t.kind()).isEqualTo(ChatTemplate.Kind.PLAIN);
        assertThat(t.render(List.of(ChatMessage.user("Once upon a time")), true)).isEqualTo("Once upon a time");
    }

    @Test
    void bitnetFormatNeedsAnEndOfTurnToken() {
        assertThatThrownBy(() -> ChatTemplate.bitnet(ReferenceVocabularies.spm())).isInstanceOf(ChatTemplateException.class);
    }

    @Test
    void templateThatRejectsTheConversationSaysWhy() {
        ChatTemplate t = ChatTemplate.fromJinja("{% for m in messages %}{% if m.role == 'system' %}{{ raise_exception('System role not supported') }}"
                + "{% endif %}{{ m.content }}<|eot_id|>{% endfor %}", ReferenceVocabularies.bpe());
        assertThatThrownBy(() -> t.render(CONVERSATION, true)).isInstanceOf(ChatTemplateException.class).hasMessageContaining("System role not supported");
    }

    @Test
    void fileTemplateThatOnlyAcceptsOneShapeIsStillProbedAndUsed() {
        String strict = "{% if messages | length != 1 %}{{ raise_exception('one message only') }}{% endif %}"
                + "{{ bos_token }}{{ messages[0]['content'] }}<|eot_id|>{% if add_generation_prompt %}A:{% endif %}";
        GgufMetadata md = llama3With(Map.of(ChatTemplate.METADATA_KEY, GgufValue.ofString(strict)));
        ChatTemplate t = ChatTemplate.forModel(md, ReferenceVocabularies.bpe());
        assertThat(t.kind()).isEqualTo(ChatTemplate.Kind.FILE);
        assertThat(t.render(List.of(ChatMessage.user("Hi")), true)).isEqualTo("<|begin_of_text|>Hi<|eot_id|>A:");
        assertThat(t.emitsBos()).isTrue();
    }
}

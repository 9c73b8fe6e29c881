package bitnet.workbench.tokenizer;

import bitnet.workbench.gguf.GgufMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a conversation into the prompt text a model expects, and says how to tokenize it and when
 * to stop generating. Three kinds, chosen by {@link #forModel}:
 * <ul>
 *   <li>{@link Kind#FILE}: the GGUF's {@code tokenizer.chat_template}, a Hugging Face Jinja template,
 *       rendered with Jinjava set up like Hugging Face's environment;</li>
 *   <li>{@link Kind#BITNET}: the BitNet b1.58 2B4T format ({@code <|begin_of_text|>}, then each
 *       message as {@code Role: content<|eot_id|>}, then {@code Assistant: }), for LLaMA-3
 *       vocabularies whose file has no template or a template that never ends a turn;</li>
 *   <li>{@link Kind#PLAIN}: the contents concatenated, for models with neither (e.g. stories260K).</li>
 * </ul>
 * The rendered prompt is tokenized with parseSpecial=true, and with addSpecial=false when the
 * template writes BOS itself ({@link #emitsBos()}); {@link #encode} does exactly that.
 */
public final class ChatTemplate {
    public static final String METADATA_KEY = "tokenizer.chat_template";

    /** Hugging Face's template for microsoft/bitnet-b1.58-2B-4T (tokenizer_config.json), without BOS. */
    public static final String BITNET_2B4T_HF_TEMPLATE = "{% set loop_messages = messages %}{% for message in loop_messages %}"
            + "{% set content = message['role'] | capitalize + ': '+ message['content'] | trim + '<|eot_id|>' %}{{ content }}"
            + "{% endfor %}{% if add_generation_prompt %}{{ 'Assistant: ' }}{% endif %}";

    /** The built-in format: the Hugging Face template with BOS in front and the vocabulary's end-of-turn text. */
    static final String BITNET_TEMPLATE = "{{ bos_token }}{% for message in messages %}"
            + "{{ message['role'] | capitalize + ': ' + message['content'] | trim + eot_token }}"
            + "{% endfor %}{% if add_generation_prompt %}{{ 'Assistant: ' }}{% endif %}";

    public enum Kind { FILE, BITNET, PLAIN }

    private static final List<ChatMessage> PROBE = List.of(
            ChatMessage.user("Hello"), ChatMessage.assistant("Hi there"), ChatMessage.user("Bye"));

    private final Kind kind;
    private final String source;
    private final String description;
    private final Tokenizer tokenizer;
    private final Map<String, Object> tokenVariables;
    private final boolean emitsBos;
    private final List<String> stopStrings;
    private final int[] stopTokens;

    private ChatTemplate(Kind kind, String source, String description, Tokenizer tokenizer) {
        this.kind = kind;
        this.source = source;
        this.description = description;
        this.tokenizer = tokenizer;
        this.tokenVariables = tokenVariables(tokenizer);
        this.stopTokens = stopTokens(tokenizer);
        this.stopStrings = kind == Kind.PLAIN ? List.of() : endTexts(tokenizer);
        this.emitsBos = kind != Kind.PLAIN && startsWithBos(render(List.of(ChatMessage.user("x")), true));
    }

    /**
     * The template for a model: the file's own if it renders and ends turns with an end token;
     * otherwise the BitNet format for LLaMA-3 vocabularies (or architectures named bitnet*); otherwise plain.
     */
    public static ChatTemplate forModel(GgufMetadata metadata, Tokenizer tokenizer) {
        // The BitNet format needs an end-of-turn token; a bitnet model with a vocabulary that has none
        // (e.g. a synthetic model on a SentencePiece vocabulary) can only continue text.
        boolean hasEot = tokenizer.eot() >= 0 || tokenizer.findToken("<|eot_id|>") >= 0;
        boolean bitnetLike = tokenizer.findToken("<|eot_id|>") >= 0
                || hasEot && metadata.findString("general.architecture").orElse("").toLowerCase(Locale.ROOT).startsWith("bitnet");
        String fileTemplate = metadata.has(METADATA_KEY) ? metadata.getString(METADATA_KEY) : null;
        if (fileTemplate == null || fileTemplate.isBlank()) {
            return bitnetLike ? builtin(tokenizer, "built-in BitNet b1.58 2B4T chat format (the file has no chat template)")
                    : plain(tokenizer);
        }
        String problem;
        try {
            String probe;
            try {
                probe = JinjaEngine.render(fileTemplate, variables(tokenVariables(tokenizer), PROBE, false));
            } catch (ChatTemplateException e) {
                // some templates refuse anything but their own shape; one user turn is the least they accept
                probe = JinjaEngine.render(fileTemplate, variables(tokenVariables(tokenizer), List.of(ChatMessage.user("Hello")), true));
            }
            if (endTexts(tokenizer).stream().anyMatch(probe::contains) || !bitnetLike) {
                return new ChatTemplate(Kind.FILE, fileTemplate, "chat template from the model file", tokenizer);
            }
            problem = "the file's chat template never ends a turn";
        } catch (ChatTemplateException e) {
            problem = "the file's chat template fails: " + e.getMessage();
        }
        return bitnetLike ? builtin(tokenizer, "built-in BitNet b1.58 2B4T chat format (" + problem + ")")
                : new ChatTemplate(Kind.PLAIN, null, "plain text (" + problem + ")", tokenizer);
    }

    /** A Jinja chat template (Hugging Face {@code chat_template} syntax) for {@code tokenizer}'s vocabulary. */
    public static ChatTemplate fromJinja(String template, Tokenizer tokenizer) {
        return new ChatTemplate(Kind.FILE, template, "chat template from the model file", tokenizer);
    }

    /** The BitNet b1.58 2B4T format; the vocabulary needs an end-of-turn token. */
    public static ChatTemplate bitnet(Tokenizer tokenizer) {
        return builtin(tokenizer, "built-in BitNet b1.58 2B4T chat format");
    }

    /** The messages' contents one after another, nothing added: a base model just continues the text. */
    public static ChatTemplate plain(Tokenizer tokenizer) {
        return new ChatTemplate(Kind.PLAIN, null, "plain text (the model has no chat template)", tokenizer);
    }

    private static ChatTemplate builtin(Tokenizer tokenizer, String description) {
        if (tokenizer.eot() < 0 && tokenizer.findToken("<|eot_id|>") < 0) {
            throw new ChatTemplateException("the BitNet chat format needs an end-of-turn token, and the vocabulary has none");
        }
        return new ChatTemplate(Kind.BITNET, BITNET_TEMPLATE, description, tokenizer);
    }

    /** The prompt for {@code messages}; with {@code addGenerationPrompt} it ends where the assistant's reply begins. */
    public String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
        if (kind == Kind.PLAIN) {
            StringBuilder out = new StringBuilder();
            for (ChatMessage m : messages) out.append(m.content());
            return out.toString();
        }
        return JinjaEngine.render(source, variables(tokenVariables, messages, addGenerationPrompt));
    }

    /** The prompt's tokens: special-token text parsed, BOS added by the tokenizer only if the template does not write it. */
    public int[] encode(List<ChatMessage> messages, boolean addGenerationPrompt) {
        return tokenizer.encode(render(messages, addGenerationPrompt), !emitsBos, true);
    }

    public Kind kind() { return kind; }

    /** Where the format came from and, for a fallback, why; for display. */
    public String description() { return description; }

    /** The Jinja source, or null for {@link Kind#PLAIN}. */
    public String source() { return source; }

    /** Whether the rendered prompt already starts with BOS text, so tokenize it with addSpecial=false. */
    public boolean emitsBos() { return emitsBos; }

    /** Texts that end the reply if the model writes them out as plain text (end-of-turn/EOS spelled out). */
    public List<String> stopStrings() { return stopStrings; }

    /** Tokens that end the reply: the vocabulary's end-of-generation set and its end-of-turn token, ascending. */
    public int[] stopTokens() { return stopTokens.clone(); }

    public boolean isStopToken(int token) {
        return java.util.Arrays.binarySearch(stopTokens, token) >= 0;
    }

    private boolean startsWithBos(String prompt) {
        Object bos = tokenVariables.get("bos_token");
        return bos instanceof String s && !s.isEmpty() && prompt.startsWith(s);
    }

    private static Map<String, Object> tokenVariables(Tokenizer tokenizer) {
        Map<String, Object> v = new HashMap<>();
        v.put("bos_token", tokenizer.bos() >= 0 ? tokenizer.tokenText(tokenizer.bos()) : "");
        v.put("eos_token", tokenizer.eos() >= 0 ? tokenizer.tokenText(tokenizer.eos()) : "");
        int eot = tokenizer.eot() >= 0 ? tokenizer.eot() : tokenizer.findToken("<|eot_id|>");
        v.put("eot_token", eot >= 0 ? tokenizer.tokenText(eot) : v.get("eos_token"));
        return v;
    }

    private static Map<String, Object> variables(Map<String, Object> tokens, List<ChatMessage> messages, boolean addGenerationPrompt) {
        Map<String, Object> v = new HashMap<>(tokens);
        List<Map<String, Object>> list = new ArrayList<>(messages.size());
        for (ChatMessage m : messages) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("role", m.role());
            map.put("content", m.content());
            list.add(map);
        }
        v.put("messages", list);
        v.put("add_generation_prompt", addGenerationPrompt);
        return v;
    }

    /** The texts of the end-of-turn and end-of-generation tokens, end-of-turn first. */
    private static List<String> endTexts(Tokenizer tokenizer) {
        Set<String> texts = new LinkedHashSet<>();
        if (tokenizer.eot() >= 0) texts.add(tokenizer.tokenText(tokenizer.eot()));
        int eotByText = tokenizer.findToken("<|eot_id|>");
        if (eotByText >= 0) texts.add(tokenizer.tokenText(eotByText));
        if (tokenizer.eos() >= 0) texts.add(tokenizer.tokenText(tokenizer.eos()));
        for (int t : tokenizer.endOfGenerationTokens()) texts.add(tokenizer.tokenText(t));
        texts.removeIf(String::isEmpty);
        return List.copyOf(texts);
    }

    private static int[] stopTokens(Tokenizer tokenizer) {
        Set<Integer> ids = new java.util.TreeSet<>();
        for (int t : tokenizer.endOfGenerationTokens()) ids.add(t);
        if (tokenizer.eot() >= 0) ids.add(tokenizer.eot());
        if (tokenizer.eos() >= 0) ids.add(tokenizer.eos());
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }
}

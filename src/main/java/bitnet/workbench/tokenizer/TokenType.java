package bitnet.workbench.tokenizer;

/**
 * The kind of a vocabulary entry, from GGUF {@code tokenizer.ggml.token_type} (1 normal, 2 unknown,
 * 3 control, 4 user-defined, 5 unused, 6 byte; anything else undefined), after llama.cpp's load-time
 * corrections (for example an end-of-turn token stored as normal is treated as control).
 */
public enum TokenType { UNDEFINED, NORMAL, UNKNOWN, CONTROL, USER_DEFINED, UNUSED, BYTE }

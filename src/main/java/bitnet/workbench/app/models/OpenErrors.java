package bitnet.workbench.app.models;

import bitnet.workbench.gguf.GgufFormatException;
import bitnet.workbench.gguf.GgufMetadataException;

import bitnet.workbench.model.ModelFormatException;
import bitnet.workbench.model.UnsupportedArchitectureException;
import bitnet.workbench.tokenizer.TokenizerException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Why a model could not be opened, in one sentence a user can act on (never a stack trace). */
public final class OpenErrors {
    private OpenErrors() {
    }

    public static String describe(Path path, Throwable error) {
        String file = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        String prefix = "Could not open " + file + ": ";
        return switch (error) {
            case NoSuchFileException e -> prefix + "the file does not exist.";
            case AccessDeniedException e -> prefix + "permission to read it was denied.";
            case GgufFormatException e -> prefix + "it is not a GGUF model the workbench can read (" + problem(e) + ").";
            case GgufMetadataException e -> prefix + "its metadata is not what a model needs (" + e.getMessage() + ").";
            case UnsupportedArchitectureException e -> prefix + "its architecture is not supported (" + e.getMessage() + ").";
            case ModelFormatException e -> prefix + "it does not describe a model the engine can run (" + e.getMessage() + ").";
            case TokenizerException e -> prefix + "its vocabulary cannot be used (" + e.getMessage() + ").";
            case IllegalArgumentException e -> prefix + messageOf(e) + ".";
            case IOException e when path.toFile().isDirectory() -> prefix + "it is a folder, not a model file.";
            case IOException e -> prefix + "reading it failed (" + messageOf(e) + ").";
            case OutOfMemoryError e -> prefix + "there is not enough memory.";
            default -> prefix + "unexpected " + error.getClass().getSimpleName()
                + (error.getMessage() == null ? "" : " (" + error.getMessage() + ")") + ".";
        };
    }

    /** The reader's message without the file name it starts with, which the sentence already names. */
    private static String problem(GgufFormatException e) {
        String m = e.getMessage();
        String head = e.file() + ": ";
        String rest = m.startsWith(head) ? m.substring(head.length()) : m;
        int colon = rest.startsWith("at byte ") ? rest.indexOf(": ") : -1;
        return colon > 0 ? rest.substring(colon + 2) + ", " + rest.substring(0, colon) : rest;
    }

    private static String messageOf(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}

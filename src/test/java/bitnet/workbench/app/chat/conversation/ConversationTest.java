package bitnet.workbench.app.chat.conversation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConversationTest {
    @Test
    void anUntitledConversationIsNamedAfterItsFirstUserMessageOnOneShortLine() {
        Conversation c = Conversation.start("", 0)
            .append(ChatTurn.user("  Tell me\na story about a dragon who learns to bake bread in a small village  "), 1);
        assertThat(c.displayTitle()).isEqualTo("Tell me a story about a dragon who learns to…");
        assertThat(Conversation.start("", 0).displayTitle()).isEqualTo("New chat");
        assertThat(c.withTitle("  Dragon  ", 2).displayTitle()).isEqualTo("Dragon");
    }

    @Test
    void editsReturnNewValuesAndMoveTheUpdateTime() {
        Conversation c = Conversation.start("sys", 10);
        Conversation d = c.append(ChatTurn.user("hi"), 20);
        assertThat(c.turns()).isEmpty();
        assertThat(d.turns()).containsExactly(ChatTurn.user("hi"));
        assertThat(d.updatedMillis()).isEqualTo(20);
        assertThat(d.createdMillis()).isEqualTo(10);
        assertThat(d.withTurns(List.of(), 30).isEmpty()).isTrue();
    }

    @Test
    void anIdThatCouldEscapeTheFolderIsRefused() {
        assertThatThrownBy(() -> new Conversation("../x", "", 0, 0, "", List.of(), ""))
            .isInstanceOf(IllegalArgumentException.class);
    }
}

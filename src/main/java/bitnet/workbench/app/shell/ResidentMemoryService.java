package bitnet.workbench.app.shell;

import javafx.concurrent.ScheduledService;
import javafx.concurrent.Task;
import javafx.util.Duration;

import java.util.OptionalLong;

/** Reads the resident memory every two seconds on a background thread; the value arrives on the FX thread. */
final class ResidentMemoryService extends ScheduledService<OptionalLong> {

    ResidentMemoryService() {
        setPeriod(Duration.seconds(2));
        setRestartOnFailure(true);
        setExecutor(r -> {
            Thread t = new Thread(r, "workbench-rss");
            t.setDaemon(true);
            t.start();
        });
    }

    @Override
    protected Task<OptionalLong> createTask() {
        return new Task<>() {
            @Override
            protected OptionalLong call() {
                return ResidentMemory.read();
            }
        };
    }
}

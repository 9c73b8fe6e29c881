package bitnet.workbench.app;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * TestFX moves the mouse in up to 200 steps, each waiting for the FX thread: seconds per click on
 * a busy machine. Ten steps still deliver real enter/exit/hover events. Registered as a service so
 * it runs before TestFX reads the property (when the first test extension is created).
 */
public final class FastRobotMoves implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty("testfx.robot.move_max_count") == null) System.setProperty("testfx.robot.move_max_count", "10");
    }
}

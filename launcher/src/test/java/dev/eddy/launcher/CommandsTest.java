package dev.eddy.launcher;

import dev.eddy.launcher.cli.CommandContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CommandsTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void helpListsEveryCommandWithItsOptions(@TempDir Path home) {
        int code = Commands.standard().dispatch(context(home), List.of("help"));

        assertThat(code).isZero();
        assertThat(text(out)).contains("  up ", "  down ", "  status ", "  help ",
                "--broker-port N", "EDDY_BROKER_PORT", "--partitions N", "EDDY_HOME", "docs/local-mode.md");
    }

    @Test
    void anUnknownCommandOrOptionIsOneLineAndExitCodeTwo(@TempDir Path home) {
        assertThat(Commands.standard().dispatch(context(home), List.of("upp"))).isEqualTo(2);
        assertThat(text(err)).isEqualTo("eddy: unknown command 'upp'; commands: up, down, status, help "
                + "(see ./eddy help)\n");

        err.reset();
        assertThat(Commands.standard().dispatch(context(home), List.of("up", "--partitons", "3"))).isEqualTo(2);
        assertThat(text(err)).isEqualTo("eddy up: unknown option --partitons (see ./eddy help)\n");
    }

    @Test
    void statusAndDownOnAnEmptyHomeSayNothingRuns(@TempDir Path home) {
        assertThat(Commands.standard().dispatch(context(home), List.of("status"))).isEqualTo(3);
        assertThat(text(out)).startsWith("Eddy is not running");

        out.reset();
        assertThat(Commands.standard().dispatch(context(home), List.of("down"))).isZero();
        assertThat(text(out)).isEqualTo("Eddy is not running.\n");
    }

    private CommandContext context(Path home) {
        return new CommandContext(EddyHome.of(home, home.resolve(".eddy")), Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}

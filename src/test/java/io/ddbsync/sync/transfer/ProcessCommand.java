package io.ddbsync.sync.transfer;

import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The embedded SSH server's exec channel: {@code /bin/sh -c command} as a process, its stdout and
 * stderr copied to the channel until they end, and only then its exit status sent. MINA's
 * ProcessShellFactory pumps the streams by polling and may send the exit status before the last of
 * the output (seen under load: a remote check that exited 1 arrived without the names it printed,
 * another with exit 0 and none of its verdicts), which no real sshd does.
 */
final class ProcessCommand implements Command {
    private final String command;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private Process process;

    ProcessCommand(String command) {
        this.command = command;
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback exit) {
        this.exit = exit;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        process = new ProcessBuilder("/bin/sh", "-c", command).start();
        Thread stdin = copier("stdin", in, process.getOutputStream());
        stdin.setDaemon(true);
        Thread stdout = copier("stdout", process.getInputStream(), out);
        Thread stderr = copier("stderr", process.getErrorStream(), err);
        Thread waiter = new Thread(() -> {
            int status;
            try {
                status = process.waitFor();
                // every byte the command wrote is on the channel before its exit status
                stdout.join();
                stderr.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                status = 255;
            }
            exit.onExit(status);
        }, "ssh-exec-wait");
        stdin.start();
        stdout.start();
        stderr.start();
        waiter.start();
    }

    private static Thread copier(String name, InputStream from, OutputStream to) {
        return new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (from) {
                for (int n; (n = from.read(buffer)) >= 0; ) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                // the channel or the process went away: nothing left to copy
            } finally {
                if (name.equals("stdin")) {
                    try {
                        to.close();
                    } catch (IOException ignored) {
                        // the process already exited
                    }
                }
            }
        }, "ssh-exec-" + name);
    }

    @Override
    public void destroy(ChannelSession channel) {
        if (process != null) process.destroyForcibly();
    }
}

package com.promisevalidator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The ops command line: history, rules, performance and decisions of a running service over its REST API.
 * Exit codes: 0 done; 1 the service refused (its problem is printed); 2 bad usage; 3 service unreachable;
 * 4 a check failed (rule errors, failing scenarios); 5 a local file could not be read.
 */
@Command(name = "promise", mixinStandardHelpOptions = true, versionProvider = PromiseCli.Version.class,
        description = "Operate a running promise validator: history, rules, performance, decisions, calibration replays.",
        subcommands = {HistoryCommands.class, RulesCommands.class, PerformanceCommand.class, DecisionsCommands.class, ReplayCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Connection: --url (PROMISE_URL, default http://localhost:8080) and --key (PROMISE_API_KEY) on every command.",
                "Exit codes: 0 done, 1 refused by the service, 2 bad usage, 3 service unreachable, 4 check failed, 5 unreadable file."})
public final class PromiseCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // before anything logs: the rule engine (rules test) logs through JUL, and a JUL manager chosen late prints an ERROR line
        if (System.getProperty("java.util.logging.manager") == null) System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        System.exit(commandLine().execute(args));
    }

    /** The command line with its error handling: a failure is one message on stderr and its exit code, never a stack. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new PromiseCli());
        cl.setCaseInsensitiveEnumValuesAllowed(true); // --step week, --by lane
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            if (ex instanceof CliFailure f) {
                line.getErr().println("promise: " + f.getMessage());
                line.getErr().flush();
                return f.exitCode;
            }
            line.getErr().println("promise: " + ex);
            line.getErr().flush();
            return CliFailure.REFUSED;
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = PromiseCli.class.getPackage().getImplementationVersion();
            return new String[] {"promise CLI " + (v == null ? "(development build)" : v)};
        }
    }
}

package io.mmdt.cli;

import picocli.CommandLine;

/** Reads the version from the jar's manifest, which Maven fills from the pom. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = MmdtCommand.class.getPackage().getImplementationVersion();
        return new String[] {
            "mmdt " + (version == null ? "(development build)" : version),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")",
        };
    }
}

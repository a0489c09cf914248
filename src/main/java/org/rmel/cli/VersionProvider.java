package org.rmel.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version from the jar manifest (set by Maven), so it never drifts from the pom. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"R-MEL Workbench " + version()};
    }

    public static String version() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}

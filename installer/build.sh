#!/usr/bin/env bash
# Builds the native packages of R-MEL Workbench with the JDK's jpackage:
#   target/installer/R-MEL Workbench/        Linux app-image: bin/R-MEL Workbench (the window),
#                                            bin/rmel (the same program, short name for the command line),
#                                            lib/app/sample-runs/ (the bundled sample runs the library lists)
#   target/installer/rmel-workbench_*.deb    Debian package (installs to /opt/rmel-workbench)
# Run from anywhere: installer/build.sh   (or: mvn -B -Pinstaller package)
# Needs: JDK 17+ with jpackage/jlink/jdeps; for the .deb also dpkg-deb and fakeroot.
# Environment: SKIP_JAR_BUILD=1 reuses target/rmel-workbench.jar as is; PACKAGE_TYPES="app-image deb"
# chooses what to build (default: both; on a machine without dpkg-deb only the app-image).
set -euo pipefail
cd "$(dirname "$0")/.."

NAME="R-MEL Workbench"
PACKAGE=rmel-workbench
MAIN_CLASS=org.rmel.Launcher
JAR=target/rmel-workbench.jar
OUT=target/installer
# Modules jdeps cannot see because they are reached by name at run time: TLS elliptic-curve
# cipher suites for HTTPS downloads (datasets fetch), and the zip file system some libraries use.
EXTRA_MODULES=jdk.crypto.ec,jdk.zipfs,jdk.localedata

for tool in jpackage jlink jdeps; do
  command -v "$tool" >/dev/null || { echo "error: $tool not found; install a full JDK 17+ (not a JRE)" >&2; exit 2; }
done

if [[ "${SKIP_JAR_BUILD:-0}" != 1 ]]; then
  echo "== building the shaded jar"
  mvn -B -q -DskipTests package
fi
[[ -f "$JAR" ]] || { echo "error: $JAR missing; run mvn -B -DskipTests package first" >&2; exit 2; }

# The version comes from the jar (Maven writes it into the manifest), so it never drifts from the pom.
VERSION=$(unzip -p "$JAR" META-INF/MANIFEST.MF | tr -d '\r' | sed -n 's/^Implementation-Version: *//p' | head -1)
[[ -n "$VERSION" ]] || { echo "error: no Implementation-Version in $JAR" >&2; exit 2; }
# jpackage accepts only dotted numbers: 0.2.0-SNAPSHOT becomes 0.2.0.
APP_VERSION=${VERSION%%-*}

TYPES=${PACKAGE_TYPES:-"app-image deb"}
if [[ " $TYPES " == *" deb "* ]] && ! { command -v dpkg-deb >/dev/null && command -v fakeroot >/dev/null; }; then
  echo "note: dpkg-deb or fakeroot missing (apt-get install -y fakeroot dpkg); building the app-image only" >&2
  TYPES=app-image
fi

rm -rf "$OUT"
mkdir -p "$OUT/input"
# jpackage copies everything in --input into the app (lib/app/): the jar, and the sample runs next
# to it, where the workbench looks for them (Workspace.sampleRunFolders: beside the jar).
cp "$JAR" "$OUT/input/"
mkdir -p "$OUT/input/sample-runs"
cp sample-runs/README.md "$OUT/input/sample-runs/"
for run in sample-runs/*/; do
  if [[ -f "$run/run.json" ]]; then
    cp -r "${run%/}" "$OUT/input/sample-runs/"
  fi
done

echo "== finding the Java modules the jar needs (jdeps)"
# The shaded jar bundles multi-release libraries and optional integrations whose own
# dependencies are absent on purpose; --ignore-missing-deps keeps jdeps from stopping at them.
MODULES=$(jdeps --ignore-missing-deps --multi-release 17 --print-module-deps "$JAR")
MODULES="$MODULES,$EXTRA_MODULES"
echo "   $MODULES"

echo "== linking a trimmed Java runtime (jlink)"
jlink --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages --compress=2 \
      --output "$OUT/runtime"

ICON_ARGS=()
ICON=assets/icon/rmel-256.png
if [[ -f "$ICON" ]]; then
  ICON_ARGS=(--icon "$ICON")
else
  echo "note: $ICON not found; the package gets jpackage's default icon" >&2
fi

COMMON=(--name "$NAME" --app-version "$APP_VERSION" --vendor "R-MEL Workbench contributors"
        --description "Launch, monitor and inspect R-MEL training runs"
        --copyright "Apache-2.0" --dest "$OUT")

echo "== app-image"
jpackage --type app-image "${COMMON[@]}" "${ICON_ARGS[@]}" \
  --input "$OUT/input" --main-jar "$(basename "$JAR")" --main-class "$MAIN_CLASS" \
  --runtime-image "$OUT/runtime"

# bin/rmel: the same launcher under a name without a space, for the command line. A jpackage
# launcher reads lib/app/<its own name>.cfg, so a copy of both is a working second launcher.
# (--add-launcher would do the same, but JDK 17's jpackage then also puts an "rmel" entry in the
# desktop menu, whatever linux-shortcut says.)
cp "$OUT/$NAME/bin/$NAME" "$OUT/$NAME/bin/rmel"
cp "$OUT/$NAME/lib/app/$NAME.cfg" "$OUT/$NAME/lib/app/rmel.cfg"

if [[ " $TYPES " == *" deb "* ]]; then
  echo "== deb"
  # The payload is a compressed jar and a compressed runtime: dpkg-deb's default xz squeezes out
  # almost nothing and takes minutes on it, so gzip unless the caller chose otherwise.
  export DPKG_DEB_COMPRESSOR_TYPE=${DPKG_DEB_COMPRESSOR_TYPE:-gzip}
  # JavaFX's glass library loads GTK 3 from inside a jar, where jpackage's dependency scan does
  # not look, so the dependency is declared by hand.
  # installer/linux: our postinst/prerm (jpackage's templates with the menu registration made
  # non-fatal, so a system without xdg-utils or menu folders still installs the package).
  jpackage --type deb "${COMMON[@]}" "${ICON_ARGS[@]}" \
    --app-image "$OUT/$NAME" --resource-dir installer/linux \
    --linux-package-name "$PACKAGE" --linux-package-deps libgtk-3-0 \
    --linux-app-category science --linux-menu-group "Science;Education" --linux-shortcut \
    --install-dir /opt
fi

rm -rf "$OUT/input"
echo "== done"
ls -l "$OUT"

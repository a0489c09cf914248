#!/usr/bin/env bash
# Re-takes the README's screenshots (docs/screenshots/*.png) of the real workbench on the bundled
# sample runs, under a virtual X display. Re-run it whenever the app or the sample runs change:
#   docs/screenshots/make.sh                 # from anywhere; writes docs/screenshots/
#   docs/screenshots/make.sh /tmp/shots      # somewhere else
# Needs (Debian/Ubuntu): apt-get install -y xvfb xauth libgtk-3-0 imagemagick
# (JavaFX 21 needs GTK 3; import is ImageMagick's screen grabber.) Takes about a minute.
# Look at every PNG afterwards: the tool waits for the panels to load, but a much slower machine
# may need longer pauses (RMEL_SCREENSHOT_SLOW=2 doubles them).
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=$(realpath -m "${1:-docs/screenshots}")
for tool in xvfb-run import; do
  command -v "$tool" >/dev/null || { echo "error: $tool not found; apt-get install -y xvfb xauth libgtk-3-0 imagemagick" >&2; exit 2; }
done
echo "== compiling (main and test classes)"
mvn -q -B -DskipTests test-compile
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/screenshots.classpath >/dev/null
CP="target/classes:target/test-classes:$(cat target/screenshots.classpath)"
echo "== taking the screenshots under Xvfb (1600x1000)"
xvfb-run -a -s "-screen 0 1600x1000x24" \
  java -Dprism.order=sw -Djavafx.cachedir=target/openjfx-cache -Drmel.sampleRuns="$PWD/sample-runs" \
       -Drmel.screenshots.slow="${RMEL_SCREENSHOT_SLOW:-1}" \
       -cp "$CP" org.rmel.tools.Screenshots "$OUT" 1600 1000
ls -l "$OUT"/*.png

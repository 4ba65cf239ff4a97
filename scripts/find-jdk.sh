#!/usr/bin/env bash
# Prints the JAVA_HOME of a JDK >= 21: $JAVA_HOME if it qualifies, else the newest JDK installed
# on the system. Exits 1 with a message saying what to install when there is none.
set -euo pipefail

major_of() { # prints the feature version of the JDK at $1, or nothing
  [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}

if [ -n "${JAVA_HOME:-}" ]; then
  v=$(major_of "$JAVA_HOME")
  if [ -n "$v" ] && [ "$v" -ge 21 ]; then echo "$JAVA_HOME"; exit 0; fi
  echo "note: JAVA_HOME=$JAVA_HOME is JDK ${v:-?}, older than 21; looking for a newer JDK" >&2
fi

best=""; best_v=0
for dir in /usr/lib/jvm/* /opt/java/* /opt/jdk* /Library/Java/JavaVirtualMachines/*/Contents/Home \
           "$(dirname "$(dirname "$(readlink -f "$(command -v javac 2>/dev/null || echo /nonexistent)")")")"; do
  [ -d "$dir" ] || continue
  v=$(major_of "$dir")
  [ -n "$v" ] || continue
  if [ "$v" -gt "$best_v" ]; then best="$dir"; best_v="$v"; fi
done

if [ "$best_v" -ge 21 ]; then echo "$best"; exit 0; fi
cat >&2 <<MSG
error: Jetway needs a JDK 21 or newer (it compiles with --release 21); found none.
  Install one, for example:  apt-get install openjdk-21-jdk-headless   (Debian/Ubuntu)
                             brew install openjdk@21                    (macOS)
  or point JAVA_HOME at an existing JDK >= 21.
MSG
exit 1

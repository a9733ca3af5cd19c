#!/usr/bin/env bash
# Labels the JDK's programs and libraries and some GNU coreutils programs, builds a
# store from them, then classifies held-out members of each group and files of a
# kind the store has never seen.
#
# Run from the repository root after `./mvnw -B -q -DskipTests package`. Needs only
# the JDK that `java` runs and the programs of a usual Linux system. Everything is
# copied to a temporary directory, which is removed on exit.
set -euo pipefail

jar="$PWD/mmdt-cli/target/mmdt.jar"
if [[ ! -f "$jar" ]]; then
  echo "$jar not found. Build it with ./mvnw -B -q -DskipTests package and run this script from the repository root." >&2
  exit 2
fi

java_bin="$(readlink -f "$(command -v java)")"
java_home="$(dirname "$(dirname "$java_bin")")"

mmdt() {
  "$java_bin" -jar "$jar" "$@"
}

heading() {
  printf '\n== %s\n' "$*"
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
mkdir samples held-out unseen
echo "name,label" > labels.csv

# Copies $1 into samples/ as $2 with label $3, or into held-out/ when $2 is listed
# in $held_out. The labels file matches plain file names, so $2 must be unique.
add() {
  local source="$1" name="$2" label="$3"
  if [[ " $held_out " == *" $name "* ]]; then
    cp -L "$source" "held-out/$name"
  else
    cp -L "$source" "samples/$name"
    echo "$name,$label" >> labels.csv
  fi
}

# Every held-out file except libnet.so has a near-identical sibling in the store:
# the other launchers for javac and jshell, dir and vdir for ls, sha512sum for
# sha384sum and link for unlink. libnet.so shows what a miss looks like.
held_out="javac jshell libnet.so ls sha384sum unlink"

heading "Copying samples from $java_home and /usr/bin or /bin"
for file in "$java_home"/bin/*; do
  if [[ -f "$file" ]]; then
    add "$file" "$(basename "$file")" jdk-launcher
  fi
done
while IFS= read -r file; do
  relative="${file#"$java_home"/lib/}"
  add "$file" "${relative//\//-}" jdk-library   # server/libjvm.so -> server-libjvm.so
done < <(find "$java_home/lib" -name '*.so' -type f | sort)
for program in ls dir vdir cat cp mv rm mkdir chmod chown head tail sort wc \
               link unlink md5sum sha1sum sha256sum sha384sum sha512sum base64; do
  for directory in /usr/bin /bin; do
    if [[ -f "$directory/$program" ]]; then
      add "$directory/$program" "$program" coreutils
      break
    fi
  done
done
echo "$(ls samples | wc -l) samples to store, held out: $(ls held-out | tr '\n' ' ')"

# Files of kinds the store has never seen: a JAR, a gzip-compressed man page and
# the JDK's time-zone database.
cp "$java_home/lib/jrt-fs.jar" "$java_home/lib/tzdb.dat" unseen/
if [[ -f "$java_home/man/man1/java.1.gz" ]]; then
  cp -L "$java_home/man/man1/java.1.gz" unseen/
elif [[ -f "$java_home/man/man1/java.1" ]]; then
  gzip -n -c "$java_home/man/man1/java.1" > unseen/java.1.gz
fi

heading "Building the store (hashes with spread at most 10 are dropped)"
mmdt build samples --labels labels.csv -o store.mmdt

# The store identifies each sample by its SHA-1, so this sed script prints the
# file name in its place, padded to keep the table's columns.
(cd samples && sha1sum -- *) | while read -r sha1 name; do
  printf 's/%s/%-20s/\n' "$sha1" "$name"
done > names.sed

heading "Store contents"
info="$(mmdt store info store.mmdt)"
echo "$info"
for label in jdk-launcher jdk-library coreutils; do
  if ! grep -qw -- "$label" <<< "$info"; then
    echo "warning: the store has no $label entry (no sample found, or every one had a spread of 10 or less), so none can match" >&2
  fi
done

heading "Classifying the held-out members (3 nearest neighbours, threshold 0.95)"
mmdt classify --store store.mmdt --format table -k 3 held-out/* | sed -f names.sed

heading "Classifying files of a kind the store has never seen"
mmdt classify --store store.mmdt --format table -k 3 unseen/* | sed -f names.sed

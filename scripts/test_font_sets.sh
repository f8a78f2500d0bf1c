#!/usr/bin/env bash
# Run the test suite as it would run on a machine with another set of fonts,
# without touching the machine's fonts (not run by CI; needs root for unshare).
#
#   scripts/test_font_sets.sh none    [pytest args...]  # no font at all
#   scripts/test_font_sets.sh microhei [pytest args...] # WenQuanYi Micro Hei alone
#   scripts/test_font_sets.sh full    [pytest args...]  # the fonts installed (CI's set)
#
# In a private mount namespace, a directory holding only the chosen fonts is
# bind-mounted over /usr/share/fonts, and fontconfig reads a minimal
# fonts.conf listing only that directory with a private cache, so neither
# sanquan_core's fixed paths (SYSTEM_FONTS) nor `fc-list :lang=zh` see the
# other fonts. The mounts vanish when the command exits.
#
# SANQUAN_STRICT_TESTS is meant for CI's full set: with `none` or
# `microhei` leave it unset, and tests that need a missing font skip.
set -euo pipefail
set_name=${1:?usage: $0 none|microhei|full [pytest args...]}
shift
cd "$(dirname "$0")/.."
export PYTHONPATH=$PWD/src${PYTHONPATH:+:$PYTHONPATH}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/fonts" "$tmp/cache"
case $set_name in
    none) ;;
    microhei)
        mkdir -p "$tmp/fonts/truetype/wqy"
        cp /usr/share/fonts/truetype/wqy/wqy-microhei.ttc "$tmp/fonts/truetype/wqy/"
        ;;
    full) python -m pytest "$@"; exit ;;
    *) echo "unknown font set: $set_name (none, microhei, full)" >&2; exit 2 ;;
esac
cat >"$tmp/fonts.conf" <<CONF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>/usr/share/fonts</dir>
  <cachedir>$tmp/cache</cachedir>
</fontconfig>
CONF
export FONTCONFIG_FILE=$tmp/fonts.conf
unshare -m bash -c '
    set -e
    mount --make-rprivate /
    mount --bind "$0" /usr/share/fonts
    echo "font set: $(find /usr/share/fonts -type f | tr "\n" " ")" >&2
    echo "fc-list :lang=zh: $(fc-list :lang=zh file | tr "\n" " ")" >&2
    exec python -m pytest "$@"
' "$tmp/fonts" "$@"

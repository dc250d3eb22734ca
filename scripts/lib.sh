# Helpers shared by the scripts: install Debian packages the way scripts/test does.
# shellcheck shell=bash

# need_packages PKG...: installs the Debian packages that are not installed yet, with
# apt-get as root or with sudo; otherwise stops, naming them.
need_packages() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$package")
  done
  ((${#missing[@]})) || return 0
  local sudo=()
  if [[ $(id -u) != 0 ]]; then
    if command -v sudo >/dev/null 2>&1 && { sudo -n true 2>/dev/null || [[ -t 0 ]]; }; then
      sudo=(sudo)
    else
      echo "error: these Debian packages are needed and cannot be installed here: ${missing[*]}" >&2
      echo "  hint: install them (sudo apt-get install ${missing[*]}), then run $0 again" >&2
      exit 1
    fi
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "error: these packages are needed: ${missing[*]} (apt-get is not available here)" >&2
    exit 1
  fi
  echo "$(basename "$0"): installing ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The Rust target of the Windows build.
WINDOWS_TARGET=x86_64-pc-windows-gnu

# build_windows [CARGO FLAGS...]: cross-builds dfr.exe (release) with mingw, installing
# Rust's Windows target and Debian's mingw-w64 when missing.
build_windows() {
  need_packages gcc-mingw-w64-x86-64-win32
  if ! rustup target list --installed | grep -qx "$WINDOWS_TARGET"; then
    echo "$(basename "$0"): adding Rust's $WINDOWS_TARGET target"
    rustup target add "$WINDOWS_TARGET"
  fi
  CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc \
    cargo build --release --locked --target "$WINDOWS_TARGET" "$@"
}

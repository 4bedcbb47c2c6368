# shellcheck shell=bash
# Shared by scripts/start, scripts/test, scripts/lock and .ci/run: find a Python >= 3.11 and keep
# the repository's .venv installed from requirements.lock. Source it; it defines functions only.
#
# The install step is skipped when a stamp file in the venv records the same hash of
# requirements.lock + pyproject.toml + the interpreter version and the extras already installed,
# so a second run costs a few milliseconds instead of a pip resolve.

salesdesk_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
salesdesk_venv=${SALESDESK_VENV:-$salesdesk_root/.venv}
salesdesk_lock=$salesdesk_root/requirements.lock

salesdesk_log() { printf '%s\n' "salesdesk: $*" >&2; }

# Print the first interpreter that is Python 3.11 or newer. $PYTHON wins when set; the version
# the lock was generated with (3.11) is tried before newer ones.
salesdesk_find_python() {
    local candidates=(python3.11 python3.12 python3.13 python3.14 python3 python)
    [[ -n ${PYTHON:-} ]] && candidates=("$PYTHON")
    local c
    for c in "${candidates[@]}"; do
        if command -v "$c" >/dev/null 2>&1 \
            && "$c" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; then
            command -v "$c"
            return 0
        fi
    done
    salesdesk_log "SalesDesk needs Python 3.11 or newer (tried: ${candidates[*]})."
    salesdesk_log "On Debian/Ubuntu: sudo apt-get install python3 python3-venv"
    return 1
}

# The venv's interpreter (POSIX layout, or Scripts\ under Git Bash on Windows).
salesdesk_venv_python() {
    if [[ -x $salesdesk_venv/bin/python ]]; then
        echo "$salesdesk_venv/bin/python"
    else
        echo "$salesdesk_venv/Scripts/python.exe"
    fi
}

# salesdesk_ensure_venv [EXTRAS]   e.g. "" for the app alone, "dev,hq" for tests and tools.
salesdesk_ensure_venv() {
    local extras=${1:-}
    local py
    py=$(salesdesk_venv_python)

    # A venv whose interpreter is gone (Python upgraded or removed, repo moved) is rebuilt.
    if [[ -d $salesdesk_venv ]] && ! "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
        >/dev/null 2>&1; then
        salesdesk_log "rebuilding $salesdesk_venv: its Python no longer runs or is older than 3.11"
        rm -rf "$salesdesk_venv"
    fi
    if [[ ! -d $salesdesk_venv ]]; then
        local base
        base=$(salesdesk_find_python) || return 1
        salesdesk_log "creating $salesdesk_venv with $("$base" -V 2>&1) ($base)"
        if ! "$base" -m venv "$salesdesk_venv"; then
            rm -rf "$salesdesk_venv"
            salesdesk_log "could not create a venv; on Debian/Ubuntu: sudo apt-get install python3-venv"
            return 1
        fi
        py=$(salesdesk_venv_python)
    fi

    local key stamp=$salesdesk_venv/.salesdesk-install
    key=$("$py" - "$salesdesk_lock" "$salesdesk_root/pyproject.toml" <<'PY'
import hashlib, sys
h = hashlib.sha256(sys.version.encode())
for name in sys.argv[1:]:
    with open(name, "rb") as f:
        h.update(f.read())
print(h.hexdigest())
PY
)
    if [[ -f $stamp ]]; then
        local have_key have_extras wanted e satisfied=1
        read -r have_key have_extras <"$stamp" || true
        IFS=, read -r -a wanted <<<"$extras"
        for e in ${wanted[@]+"${wanted[@]}"}; do
            [[ ,${have_extras:-}, == *",$e,"* ]] || satisfied=0
        done
        if [[ $have_key == "$key" && $satisfied == 1 ]]; then
            return 0
        fi
        # Keep the extras installed before, so start and test don't take turns reinstalling.
        for e in ${have_extras//,/ }; do
            [[ ,$extras, == *",$e,"* ]] || extras=${extras:+$extras,}$e
        done
    fi

    local target=$salesdesk_root
    [[ -n $extras ]] && target="$salesdesk_root[$extras]"
    salesdesk_log "installing SalesDesk${extras:+ with extras [$extras]} from requirements.lock" \
        "into $salesdesk_venv (the first time takes a minute or two)"
    rm -f "$stamp"
    # (Some machines list local indexes in pip.conf that hold only a few packages; pip warns once
    # per package about each. That is noise here, so those lines are dropped.)
    "$py" -m pip install --disable-pip-version-check -q -c "$salesdesk_lock" -e "$target" \
        2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
    "$py" -m pip check --disable-pip-version-check >/dev/null \
        || { "$py" -m pip check; salesdesk_log "inconsistent dependencies in $salesdesk_venv"; return 1; }
    echo "$key ${extras}" >"$stamp"
}

# Shell helpers of the tests that run built executables (sourced).

fail() { echo "FAIL: $*"; exit 1; }

# A run that must fail with exit status 1 and a message on stderr holding every part given.
#   expect_failure LABEL "part|part..." COMMAND...   (an empty part list: any message)
expect_failure() {
    local label=$1 parts=$2 message status
    shift 2
    set +e
    message=$("$@" 2>&1 >/dev/null)
    status=$?
    set -e
    [ "$status" -eq 1 ] || fail "$label exited $status"
    [ -n "$message" ] || fail "$label said nothing"
    local wanted part
    IFS='|' read -ra wanted <<< "$parts"
    for part in "${wanted[@]}"; do
        [[ "$message" == *"$part"* ]] || fail "$label: no '$part' in: $message"
    done
}

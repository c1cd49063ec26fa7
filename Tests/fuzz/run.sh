#!/usr/bin/env bash
# Fuzzing (libFuzzer) des lecteurs de fichiers : CSV, détection du format et relevés, montants et
# dates, OFX et QIF, FEC, fichiers de règles, de budget et d'écritures.
#
#   Tests/fuzz/run.sh [SECONDES] [HARNAIS...]      (défaut : 60 s par harnais, tous)
#
# Chaque harnais est un exécutable à part (Tests/fuzz/<nom>/main.swift), construit hors du build
# normal : COMPTA_FUZZ=1, -sanitize=fuzzer, dossier .build/fuzz. Le corpus grandit d'une fois sur
# l'autre dans .build/fuzz/corpus/<nom>, semé depuis Fixtures/ et Tests/fuzz/seeds/. Une entrée qui
# fait planter ou boucler est écrite dans Tests/fuzz/trouvailles/ ; elle y est rejouée à chaque
# passage (le script échoue tant qu'elle plante), et sa correction vient avec un test de régression.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
shift || true
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(csv statement amount-date ofx-qif fec files)
build=(-c release --scratch-path .build/fuzz -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library -Xswiftc -use-ld=lld)
found=Tests/fuzz/trouvailles
mkdir -p "$found"

seed() {
    case $1 in
        csv|statement) ls Fixtures/banques/* Fixtures/cloud-girofle-2024/*.csv | grep -v attendu ;;
        ofx-qif) ls Fixtures/banques/*.ofx Fixtures/banques/*.qif ;;
        amount-date) ls Tests/fuzz/seeds/amount-date/* ;;
        fec) ls Tests/fuzz/seeds/fec/* ;;
        files) ls Fixtures/cloud-girofle-2024/*.csv ;;
    esac
}

status=0
rows=()
for h in "${harnesses[@]}"; do
    COMPTA_FUZZ=1 swift build "${build[@]}" --product "fuzz-$h" >/dev/null
    corpus=.build/fuzz/corpus/$h
    mkdir -p "$corpus"
    for f in $(seed "$h"); do cp "$f" "$corpus/seed-$(basename "$f")"; done
    log=.build/fuzz/$h.log
    previous=("$found/$h"-*)
    if [ -e "${previous[0]}" ] && ! SWIFT_BACKTRACE=enable=no ".build/fuzz/release/fuzz-$h" "${previous[@]}" > "$log" 2>&1; then
        rows+=("| $h | 0 | - | - | ÉCHEC : une trouvaille plante encore, voir $log |")
        status=1
        continue
    fi
    # Swift's own crash reporter off: libFuzzer records the input that crashed.
    if SWIFT_BACKTRACE=enable=no ".build/fuzz/release/fuzz-$h" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len=65536 -print_final_stats=1 -artifact_prefix="$found/$h-" > "$log" 2>&1; then
        result="rien trouvé"
    else
        result="ÉCHEC : voir $log et $found/"
        status=1
    fi
    runs=$(awk '/stat::number_of_executed_units/ { print $2 }' "$log")
    rows+=("| $h | $seconds | ${runs:-?} | $(ls "$corpus" | wc -l) | $result |")
done
echo "| harnais | secondes | entrées exécutées | corpus | résultat |"
echo "|---|---:|---:|---:|---|"
printf '%s\n' "${rows[@]}"
exit $status

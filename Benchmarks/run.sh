#!/usr/bin/env bash
# Mesure Compta face à hledger et ledger-cli sur les mêmes livres synthétiques.
#
#   Benchmarks/run.sh N          (N transactions sur 2020-2024 ; par exemple 10000, 100000, 1000000)
#   Benchmarks/run.sh N importer (seulement les lignes des importations de relevés)
#
# Construit en release, génère les livres (compta-bench), puis chronomètre chaque commande avec
# /usr/bin/time (temps écoulé et mémoire maximale) et affiche un tableau. hledger et ledger sont
# installés depuis Debian s'ils manquent (il faut alors être root).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
only=${2:-}
out="Benchmarks/out/$N"
mkdir -p "$out"

missing=()
command -v hledger >/dev/null || missing+=(hledger)
command -v ledger >/dev/null || missing+=(ledger)
command -v /usr/bin/time >/dev/null || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

swift build -c release --product compta >/dev/null
swift build -c release --product compta-bench >/dev/null
compta=.build/release/compta
.build/release/compta-bench "$N" "$out" >/dev/null

db="$out/compta.sqlite"
rm -f "$db" "$db-wal" "$db-shm"
export COMPTA_LIVRE="$db"
$compta init --nom "Banc d'essai" --debut 2020-01-01 --siren 123456782 >/dev/null
for year in 2021 2022 2023 2024; do $compta exercices ajouter --debut "$year-01-01" >/dev/null; done
while IFS=';' read -r number label; do $compta comptes ajouter "$number" "$label" >/dev/null; done < "$out/comptes.txt"
while IFS=';' read -r code name; do $compta projets ajouter "$code" "$name" >/dev/null; done < "$out/projets.txt"
$compta regles importer "$out/regles.csv" >/dev/null
$compta budget importer "$out/budget-2024.csv" --exercice 2024 >/dev/null

rows=()
# measure NAME PEER COMMAND...: runs the command once under /usr/bin/time -v (peak memory), the
# wall time read to the millisecond around it; keeps "name|seconds|kilobytes|peer".
measure() {
    local name=$1 peer=$2
    shift 2
    local start=$EPOCHREALTIME
    /usr/bin/time -v -o "$out/time.txt" "$@" >/dev/null 2>"$out/stderr.txt" || { echo "échec : $name"; cat "$out/stderr.txt"; exit 1; }
    local end=$EPOCHREALTIME
    local seconds kilobytes
    seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
    kilobytes=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$out/time.txt")
    rows+=("$name|$seconds|$kilobytes|$peer")
}

lines=$(($(wc -l < "$out/releve-5121.csv") - 1))
measure "compta importer ($lines lignes)" "hledger csv" $compta importer "$out/releve-5121.csv" --compte 5121
measure "compta importer (livret)" - $compta importer "$out/releve-5122.csv" --compte 5122
# The standard formats, each into a ledger of its own set up as the main one.
for f in cfonb camt053; do
    (export COMPTA_LIVRE="$out/$f.sqlite"; rm -f "$COMPTA_LIVRE" "$COMPTA_LIVRE-wal" "$COMPTA_LIVRE-shm"
     $compta init --nom "Banc d'essai" --debut 2020-01-01 >/dev/null
     for year in 2021 2022 2023 2024; do $compta exercices ajouter --debut "$year-01-01" >/dev/null; done
     while IFS=';' read -r number label; do $compta comptes ajouter "$number" "$label" >/dev/null; done < "$out/comptes.txt"
     while IFS=';' read -r code name; do $compta projets ajouter "$code" "$name" >/dev/null; done < "$out/projets.txt"
     $compta regles importer "$out/regles.csv" >/dev/null)
done
measure "compta importer (CFONB 120, $N)" - env COMPTA_LIVRE="$out/cfonb.sqlite" $compta importer "$out/releve.cfonb"
measure "compta importer (camt.053, $N)" - env COMPTA_LIVRE="$out/camt053.sqlite" $compta importer "$out/releve-camt053.xml"
# 100 000 lines naming ~20 000 people: the tiers read in the labels, found or created.
measure "compta importer (100000 lignes, tiers)" - $compta importer "$out/releve-tiers.csv" --compte 5123
if [ "$only" != importer ]; then
measure "compta resultat" "hledger is" $compta resultat --exercice 2024
measure "compta resultat --par-projet" "hledger is" $compta resultat --exercice 2024 --par-projet
measure "compta balance" "hledger bal" $compta balance --exercice 2024
measure "compta tresorerie" - $compta tresorerie --exercice 2024
measure "compta budget" - $compta budget --exercice 2024
measure "compta rapport-ag" - $compta rapport-ag --exercice 2024 --sortie "$out/bilan-financier-2024.md"
measure "compta journal" "ledger reg" $compta journal --exercice 2024
measure "compta grand-livre" "ledger reg" $compta grand-livre --exercice 2024
measure "compta valider" - $compta valider
measure "compta fec" - $compta fec --exercice 2024 --sortie "$out"
measure "compta verifier" - $compta verifier
# Members: a ledger of 100 000 cotisations of 20 000 members (cotisations.csv), listed.
members="$out/membres.sqlite"
rm -f "$members" "$members-wal" "$members-shm"
COMPTA_LIVRE="$members" $compta init --nom "Adhérents" --debut 2023-01-01 >/dev/null
COMPTA_LIVRE="$members" $compta exercices ajouter --debut 2024-01-01 >/dev/null
COMPTA_LIVRE="$members" $compta saisir --fichier "$out/cotisations.csv" >/dev/null
measure "compta adherents (100 000 cot.)" - env COMPTA_LIVRE="$members" $compta adherents --exercice 2024
measure "compta adherents --anciens" - env COMPTA_LIVRE="$members" $compta adherents --exercice 2024 --anciens
measure "compta --help" - $compta --help
measure "hledger bal" - hledger -f "$out/journal.ledger" bal -p 2024
measure "hledger is" - hledger -f "$out/journal.ledger" is -p 2024
measure "ledger bal" - ledger -f "$out/journal.ledger" bal -p 2024
measure "ledger reg" - ledger -f "$out/journal.ledger" reg -p 2024
# The import's peer: hledger reading the same statement with the same rules (hledger csv).
fi
measure "hledger csv" - hledger -f "$out/releve-5121.csv" --rules-file "$out/releve-5121.rules" bal

declare -A seconds
for r in "${rows[@]}"; do IFS='|' read -r name s kb peer <<< "$r"; seconds[$name]=$s; done
printf "\n| %-32s | %9s | %9s | %12s | %s\n" "commande" "N" "temps (s)" "mémoire (Mo)" "rapport au pair |"
printf "|%s|%s|%s|%s|%s|\n" "----------------------------------" "----------:" "----------:" "-------------:" "----------------"
for r in "${rows[@]}"; do
    IFS='|' read -r name s kb peer <<< "$r"
    ratio=""
    if [ "$peer" != "-" ]; then
        ratio=$(awk -v a="${seconds[$peer]}" -v b="$s" 'BEGIN { if (a >= b) printf "%.0f× plus rapide que ", a / b; else printf "%.1f× plus lent que ", b / a }')"$peer"
        [ "$name" = "compta balance" ] && ratio="$ratio ; $(awk -v a="${seconds[ledger bal]}" -v b="$s" 'BEGIN { printf "%.0f×", a / b }') ledger bal"
    fi
    printf "| %-32s | %9s | %9s | %12s | %s |\n" "$name" "$N" "$s" "$((kb / 1024))" "$ratio"
done

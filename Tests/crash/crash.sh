#!/usr/bin/env bash
# Tue compta (SIGKILL) à des instants tirés au hasard pendant un import de relevé, une clôture,
# un import de FEC, l'annulation d'un import et une restauration, puis vérifie après chaque coup :
#   - compta verifier passe ;
#   - le livre contient tout ce que la commande devait écrire, ou rien ;
#   - relancer la commande la termine, sans doublon.
# Ensuite, deux imports en même temps sur le même livre, des lectures pendant un import, et un
# import sur un disque plein.
#
#   Tests/crash/crash.sh [COUPS] [OPERATIONS]
#
# COUPS par scénario (défaut 200 ; .ci/run en fait 20), OPERATIONS du relevé (défaut 20000).
# Utilise .build/debug/compta (ou $COMPTA) et compta-bench, construits au besoin ; sqlite3 compte.
set -euo pipefail
cd "$(dirname "$0")/../.."
KILLS=${1:-200}
N=${2:-20000}
swift build --product compta >/dev/null
swift build --product compta-bench >/dev/null
compta=${COMPTA:-$PWD/.build/debug/compta}
bench=$PWD/.build/debug/compta-bench
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
books="$work/books"
"$bench" "$N" "$books" >/dev/null

fail() { echo "ÉCHEC : $*" >&2; exit 1; }
count() { sqlite3 "$1" "$2"; }
# elapsed COMMAND...: seconds the command takes (to draw the kill times from).
elapsed() { local s=$EPOCHREALTIME; "$@" >/dev/null; awk -v a="$s" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }'; }
# killed_run SECONDS COMMAND...: starts the command, kills it with SIGKILL after SECONDS if it is still
# running; prints "tué" or "fini".
killed_run() {
    local delay=$1
    shift
    "$@" >/dev/null 2>&1 &
    local pid=$!
    sleep "$delay"
    if kill -KILL "$pid" 2>/dev/null; then wait "$pid" 2>/dev/null || true; echo tué; else wait "$pid" 2>/dev/null || true; echo fini; fi
}
random_delay() { awk -v max="$1" -v r="$RANDOM" 'BEGIN { printf "%.3f", max * r / 32767 }'; }

# A ledger ready to import the statement: exercices 2020-2024, accounts, projects, rules (one
# more for the line no rule files, so that the books can be closed).
base="$work/base.sqlite"
export COMPTA_LIVRE="$base"
"$compta" init --nom "Essai de coupure" --debut 2020-01-01 --siren 123456782 >/dev/null
for year in 2021 2022 2023 2024; do "$compta" exercices ajouter --debut "$year-01-01" >/dev/null; done
while IFS=';' read -r number label; do "$compta" comptes ajouter "$number" "$label" >/dev/null; done < "$books/comptes.txt"
while IFS=';' read -r code name; do "$compta" projets ajouter "$code" "$name" >/dev/null; done < "$books/projets.txt"
"$compta" regles importer "$books/regles.csv" >/dev/null
"$compta" regles ajouter "RECU INCONNU" 758 >/dev/null
lines=$(($(wc -l < "$books/releve-5121.csv") - 1))

echo "1. compta importer ($lines lignes), $KILLS coupures"
ledger="$work/livre.sqlite"
export COMPTA_LIVRE="$ledger"
cp "$base" "$ledger"
full=$(elapsed "$compta" importer "$books/releve-5121.csv" --compte 5121)
cp "$ledger" "$work/imported.sqlite"
killed=0
for i in $(seq "$KILLS"); do
    rm -f "$ledger" "$ledger-wal" "$ledger-shm"
    cp "$base" "$ledger"
    outcome=$(killed_run "$(random_delay "$full")" "$compta" importer "$books/releve-5121.csv" --compte 5121)
    [ "$outcome" = tué ] && killed=$((killed + 1))
    "$compta" verifier >/dev/null || fail "importer, coup $i : compta verifier échoue"
    n=$(count "$ledger" "SELECT count(*) FROM bank_line")
    [ "$n" = 0 ] || [ "$n" = "$lines" ] || fail "importer, coup $i : $n lignes sur $lines (ni tout ni rien)"
    "$compta" importer "$books/releve-5121.csv" --compte 5121 >/dev/null || fail "importer, coup $i : la reprise échoue"
    n=$(count "$ledger" "SELECT count(*) FROM bank_line")
    [ "$n" = "$lines" ] || fail "importer, coup $i : $n lignes après reprise, $lines attendues"
    "$compta" verifier >/dev/null || fail "importer, coup $i : compta verifier échoue après reprise"
done
echo "   $killed coupures en cours d'import, $((KILLS - killed)) après sa fin ; toutes vérifiées."
import_kills=$killed

echo "2. compta cloturer --exercice 2020, $KILLS coupures"
cp "$work/imported.sqlite" "$ledger"
"$compta" valider >/dev/null
cp "$ledger" "$work/validated.sqlite"
full=$(elapsed "$compta" cloturer --exercice 2020)
killed=0
for i in $(seq "$KILLS"); do
    rm -f "$ledger" "$ledger-wal" "$ledger-shm"
    cp "$work/validated.sqlite" "$ledger"
    outcome=$(killed_run "$(random_delay "$full")" "$compta" cloturer --exercice 2020)
    [ "$outcome" = tué ] && killed=$((killed + 1))
    "$compta" verifier >/dev/null || fail "cloturer, coup $i : compta verifier échoue"
    closed=$(count "$ledger" "SELECT count(*) FROM exercice WHERE label = '2020' AND closed_on IS NOT NULL")
    openings=$(count "$ledger" "SELECT count(*) FROM entry WHERE journal = 'AN'")
    [ "$closed" = "$openings" ] || fail "cloturer, coup $i : clôture $closed, à-nouveaux $openings (à moitié fait)"
    if [ "$closed" = 0 ]; then
        "$compta" cloturer --exercice 2020 >/dev/null || fail "cloturer, coup $i : la reprise échoue"
    fi
    [ "$(count "$ledger" "SELECT count(*) FROM entry WHERE journal = 'AN'")" = 1 ] || fail "cloturer, coup $i : à-nouveaux absents ou en double"
    "$compta" verifier >/dev/null || fail "cloturer, coup $i : compta verifier échoue après reprise"
done
echo "   $killed coupures en cours de clôture, $((KILLS - killed)) après sa fin ; toutes vérifiées."
close_kills=$killed

echo "3. compta importer-fec (exercice 2021 dans un livre neuf), $KILLS coupures"
"$compta" fec --exercice 2021 --sortie "$work" >/dev/null
fec=$(ls "$work"/*FEC20211231.txt)
entries=$(count "$ledger" "SELECT count(*) FROM entry e JOIN exercice x ON x.id = e.exercice_id WHERE x.label = '2021'")
fresh="$work/neuf.sqlite"
export COMPTA_LIVRE="$fresh"
full=$(elapsed "$compta" importer-fec "$fec")
killed=0
for i in $(seq "$KILLS"); do
    rm -f "$fresh" "$fresh-wal" "$fresh-shm" "$fresh.creation"*
    outcome=$(killed_run "$(random_delay "$full")" "$compta" importer-fec "$fec")
    [ "$outcome" = tué ] && killed=$((killed + 1))
    if [ -e "$fresh" ]; then
        "$compta" verifier >/dev/null || fail "importer-fec, coup $i : compta verifier échoue"
        n=$(count "$fresh" "SELECT count(*) FROM entry")
        [ "$n" = 0 ] || [ "$n" = "$entries" ] || fail "importer-fec, coup $i : $n écritures sur $entries (ni tout ni rien)"
        [ "$n" = 0 ] && { "$compta" importer-fec "$fec" >/dev/null || fail "importer-fec, coup $i : la reprise échoue"; }
    else
        "$compta" importer-fec "$fec" >/dev/null || fail "importer-fec, coup $i : la reprise échoue"
    fi
    [ "$(count "$fresh" "SELECT count(*) FROM entry")" = "$entries" ] || fail "importer-fec, coup $i : écritures manquantes ou en double après reprise"
    "$compta" verifier >/dev/null || fail "importer-fec, coup $i : compta verifier échoue après reprise"
done
echo "   $killed coupures en cours d'import, $((KILLS - killed)) après sa fin ; toutes vérifiées."
fec_kills=$killed

echo "4. deux imports en même temps, et des lectures pendant un import"
export COMPTA_LIVRE="$ledger"
for pair in "releve-5121.csv 5121|releve-5121.csv 5121" "releve-5121.csv 5121|releve-5122.csv 5122"; do
    rm -f "$ledger" "$ledger-wal" "$ledger-shm"
    cp "$base" "$ledger"
    IFS='|' read -r a b <<< "$pair"
    set -- $a; "$compta" importer "$books/$1" --compte "$2" > "$work/a.txt" 2>&1 & pa=$!
    set -- $b; "$compta" importer "$books/$1" --compte "$2" > "$work/b.txt" 2>&1 & pb=$!
    ra=0; rb=0
    wait "$pa" || ra=$?
    wait "$pb" || rb=$?
    expected=$(count "$work/imported.sqlite" "SELECT count(*) FROM bank_line")
    [ "$a" != "$b" ] && expected=$((expected + $(($(wc -l < "$books/releve-5122.csv") - 1))))
    n=$(count "$ledger" "SELECT count(*) FROM bank_line")
    if [ "$ra" != 0 ] || [ "$rb" != 0 ]; then
        # One may refuse (ledger busy past the timeout): then with a message, and the other complete.
        grep -q "occupé" "$work/a.txt" "$work/b.txt" || fail "import simultané refusé sans message clair : $(cat "$work/a.txt" "$work/b.txt")"
    else
        [ "$n" = "$expected" ] || fail "imports simultanés ($pair) : $n lignes, $expected attendues"
    fi
    [ "$(count "$ledger" "SELECT count(*) FROM (SELECT fingerprint FROM bank_line GROUP BY date, fingerprint HAVING count(*) > 1)")" = 0 ] \
        || fail "imports simultanés : doublons"
    "$compta" verifier >/dev/null || fail "imports simultanés : compta verifier échoue"
done
echo "   même relevé deux fois, puis deux relevés différents : pas de doublon, rien à moitié."
rm -f "$ledger" "$ledger-wal" "$ledger-shm"
cp "$base" "$ledger"
before=$("$compta" balance --format csv | md5sum)
after=$(COMPTA_LIVRE="$work/imported.sqlite" "$compta" balance --format csv | md5sum)
"$compta" importer "$books/releve-5121.csv" --compte 5121 >/dev/null &
pid=$!
reads=0
while kill -0 "$pid" 2>/dev/null; do
    seen=$("$compta" balance --format csv | md5sum)
    [ "$seen" = "$before" ] || [ "$seen" = "$after" ] || fail "une balance lue pendant l'import n'est ni celle d'avant ni celle d'après"
    reads=$((reads + 1))
done
wait "$pid"
echo "   $reads balances lues pendant l'import : chacune celle d'avant ou celle d'après."
echo "5. disque plein (taille de fichier limitée par ulimit -f)"
rm -f "$ledger" "$ledger-wal" "$ledger-shm"
cp "$base" "$ledger"
before=$(sqlite3 "$ledger" .dump | md5sum)
rc=0
message=$( (trap '' XFSZ; ulimit -f 1024; "$compta" importer "$books/releve-5121.csv" --compte 5121) 2>&1 >/dev/null) || rc=$?
[ "$rc" = 1 ] || fail "disque plein : code de sortie $rc"
echo "$message" | grep -q "rien n'a été écrit" || fail "disque plein : message « $message »"
"$compta" verifier >/dev/null || fail "disque plein : compta verifier échoue"
[ "$(sqlite3 "$ledger" .dump | md5sum)" = "$before" ] || fail "disque plein : le livre a changé"
"$compta" importer "$books/releve-5121.csv" --compte 5121 >/dev/null || fail "disque plein : la reprise échoue"
echo "   refusé : ${message#compta importer : }"
rc=0
message=$( (trap '' XFSZ; ulimit -f 50; "$compta" init --nom "Trop petit" --debut 2024-01-01 --livre "$work/petit.sqlite") 2>&1 >/dev/null) || rc=$?
[ "$rc" = 1 ] && [ ! -e "$work/petit.sqlite" ] || fail "disque plein à la création : code $rc, ou un fichier laissé"
echo "   création refusée, aucun fichier laissé : ${message#compta init : }"

echo "6. compta releves annuler (l'import du relevé, encore en brouillard), $KILLS coupures"
rm -f "$ledger" "$ledger-wal" "$ledger-shm"
cp "$work/imported.sqlite" "$ledger"
full=$(elapsed "$compta" releves annuler 1)
killed=0
for i in $(seq "$KILLS"); do
    rm -f "$ledger" "$ledger-wal" "$ledger-shm"
    cp "$work/imported.sqlite" "$ledger"
    outcome=$(killed_run "$(random_delay "$full")" "$compta" releves annuler 1)
    [ "$outcome" = tué ] && killed=$((killed + 1))
    "$compta" verifier >/dev/null || fail "releves annuler, coup $i : compta verifier échoue"
    n=$(count "$ledger" "SELECT count(*) FROM bank_line")
    e=$(count "$ledger" "SELECT count(*) FROM entry")
    { [ "$n" = 0 ] && [ "$e" = 0 ]; } || { [ "$n" = "$lines" ] && [ "$e" = "$lines" ]; } \
        || fail "releves annuler, coup $i : $n lignes de relevé et $e écritures (ni tout ni rien)"
    [ "$n" = 0 ] || "$compta" releves annuler 1 >/dev/null || fail "releves annuler, coup $i : la reprise échoue"
    "$compta" importer "$books/releve-5121.csv" --compte 5121 >/dev/null || fail "releves annuler, coup $i : le relevé ne s'importe plus"
    [ "$(count "$ledger" "SELECT count(*) FROM bank_line")" = "$lines" ] || fail "releves annuler, coup $i : réimport incomplet ou en double"
    "$compta" verifier >/dev/null || fail "releves annuler, coup $i : compta verifier échoue après réimport"
done
echo "   $killed coupures en cours d'annulation, $((KILLS - killed)) après sa fin ; toutes vérifiées."
cancel_kills=$killed

echo "7. compta restaurer (le livre d'avant l'import par-dessus le livre importé), $KILLS coupures"
restore() { "$compta" restaurer "$base"; }
# The ledger restored holds no bank line, the one it replaces all of them: the ledger is one or
# the other, and whenever it is the backup, the ledger replaced is kept, whole, beside it.
kept() { for f in "$work"/livre-avant-restauration-*.sqlite; do
    [ -e "$f" ] && [ "$(count "$f" "SELECT count(*) FROM bank_line")" = "$lines" ] && "$compta" verifier --livre "$f" >/dev/null && return 0
done; return 1; }
rm -f "$ledger" "$ledger-wal" "$ledger-shm"
cp "$work/imported.sqlite" "$ledger"
full=$(elapsed restore)
killed=0
for i in $(seq "$KILLS"); do
    rm -f "$ledger" "$ledger-wal" "$ledger-shm" "$work"/livre-avant-restauration-*
    cp "$work/imported.sqlite" "$ledger"
    outcome=$(killed_run "$(random_delay "$full")" "$compta" restaurer "$base")
    [ "$outcome" = tué ] && killed=$((killed + 1))
    "$compta" verifier >/dev/null || fail "restaurer, coup $i : compta verifier échoue"
    n=$(count "$ledger" "SELECT count(*) FROM bank_line")
    [ "$n" = 0 ] || [ "$n" = "$lines" ] || fail "restaurer, coup $i : $n lignes de relevé (ni l'ancien livre ni la sauvegarde)"
    [ "$n" = "$lines" ] || kept || fail "restaurer, coup $i : le livre remplacé n'est gardé nulle part"
    restore >/dev/null || fail "restaurer, coup $i : la reprise échoue"
    [ "$(count "$ledger" "SELECT count(*) FROM bank_line")" = 0 ] || fail "restaurer, coup $i : la reprise ne restaure pas"
    kept || fail "restaurer, coup $i : après reprise, le livre remplacé n'est gardé nulle part"
done
echo "   $killed coupures en cours de restauration, $((KILLS - killed)) après sa fin ; toutes vérifiées."
restore_kills=$killed

echo "Coupures survivantes : $import_kills (importer) + $close_kills (cloturer) + $fec_kills (importer-fec) + $cancel_kills (releves annuler)"\
" + $restore_kills (restaurer) en cours de commande, sur $((5 * KILLS))."

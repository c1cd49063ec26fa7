#!/usr/bin/env bash
# Mesure l'import d'un relevé de N lignes (défaut 100 000) en build release.
# Usage : Benchmarks/import.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
out=Benchmarks/out
mkdir -p "$out"
swift build -c release >/dev/null
compta=.build/release/compta
statement="$out/releve-$N.csv"
# A generic CSV statement: dates over 2024, six kinds of labels (one that no rule files), signed amounts.
awk -v n="$N" 'BEGIN {
    srand(1); print "Date;Libellé;Montant"
    split("PRLV SEPA OVH SAS,PRLV RETZO,VIR HELLOASSO COTISATION,COTIS OFFRE ASSOCIATIVE FRAIS,CB SNCF,VIR INCONNU", L, ",")
    for (i = 0; i < n; i++) {
        d = 1 + i % 28; m = 1 + int(i * 12 / n)
        a = (i % 3 == 0) ? int(rand() * 50000) + 100 : -(int(rand() * 20000) + 100)
        s = a < 0 ? "-" : ""; v = a < 0 ? -a : a
        printf "%02d/%02d/2024;%s %d;%s%d,%02d\n", d, m, L[1 + i % 6], i % 50, s, int(v / 100), v % 100
    }
}' > "$statement"
ledger="$out/import-$N.sqlite"
rm -f "$ledger" "$ledger-wal" "$ledger-shm"
$compta init --nom Banc --debut 2024-01-01 --livre "$ledger" >/dev/null
for rule in "OVH 6226" "RETZO 6226" "HELLOASSO 7562" "FRAIS 627" "SNCF 625"; do
    set -- $rule
    $compta regles ajouter "$1" "$2" --livre "$ledger" >/dev/null
done
echo "Import de $N lignes (nouvelles), puis du même relevé une seconde fois (rien de nouveau) :"
/usr/bin/time -f "  premier import : %e s, mémoire max %M Ko" $compta importer "$statement" --livre "$ledger" >/dev/null
/usr/bin/time -f "  second import  : %e s, mémoire max %M Ko" $compta importer "$statement" --livre "$ledger" >/dev/null

#!/usr/bin/env bash
# Mesure l'import d'un export HelloAsso des paiements (issue 23) : N paiements de 2 000 payeurs
# (adhésions, billets avec don supplémentaire, dons ; un sur cinquante hors ligne), importés dans
# un livre neuf, puis réimportés (rien à ajouter). Temps écoulé et mémoire maximale.
#
#   Benchmarks/helloasso.sh 10000 100000      (une mesure par nombre de paiements)
#
# Objectif : 100 000 paiements en moins de 3 s, mémoire à plat (celle de 100 000 proche de
# celle de 10 000 : l'export est lu par morceaux d'un mégaoctet, jamais entier ; le livre écrit
# par paquets de 4 096 paiements ; les tiers sont en cache).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v /usr/bin/time >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }
swift build -c release --product compta >/dev/null
compta=$PWD/.build/release/compta

printf '%-34s %10s %12s\n' "mesure" "secondes" "mémoire (Mo)"
for N in "${@:-10000 100000}"; do
    out="Benchmarks/out/helloasso-$N"
    mkdir -p "$out"
    awk -v n="$N" 'BEGIN {
        print "Référence commande;Référence paiement;Montant total;Date du paiement;Statut du paiement;Versé;Date du versement;Nom payeur;Prénom payeur;Email payeur;Campagne;Type de campagne;Montant du tarif;Montant des options;Don supplémentaire;Montant du code promo;Moyen de paiement"
        for (i = 1; i <= n; i++) {
            p = i % 2000; day = 1 + i % 28; month = 1 + int(i / (n / 12 + 1))
            date = sprintf("%02d/%02d/2025 %02d:%02d:%02d", day, month, i % 24, i % 60, (i * 7) % 60)
            kind = i % 3
            if (kind == 0) { c = "Adhésion 2025"; t = "Adhésion"; tarif = "20,00"; don = ""; total = "20,00" }
            else if (kind == 1) { c = "Camp CHATONS 2025"; t = "Billetterie"; tarif = "40,00"; don = "5,00"; total = "45,00" }
            else { c = "Soutenir le lavoir"; t = "Don"; tarif = sprintf("%d,00", 10 + i % 90); don = ""; total = tarif }
            status = (i % 50 == 0) ? "Hors Ligne" : "Payé"
            printf "%d;%d;%s;%s;%s;Non;;Nom%d;Prénom%d;payeur%d@example.org;%s;%s;%s;;%s;;Carte bancaire\n", 80000 + i, 50000 + i, total, date, status, p, p, p, c, t, tarif, don
        }
    }' > "$out/paiements.csv"
    db="$out/compta.sqlite"
    rm -f "$db" "$db-wal" "$db-shm"
    $compta init --nom "Banc d'essai" --debut 2025-01-01 --livre "$db" >/dev/null
    for pass in "import" "réimport"; do
        start=$EPOCHREALTIME
        /usr/bin/time -v -o "$out/time.txt" $compta importer "$out/paiements.csv" --livre "$db" >/dev/null
        end=$EPOCHREALTIME
        kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$out/time.txt")
        printf '%-34s %10s %12s\n' "$pass de $N paiements" "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')" "$((kb / 1024))"
    done
done

#!/usr/bin/env bash
# Ce que SQLite seul coûte pour écrire N opérations bancaires, sans une ligne de Swift : le
# plancher de `compta importer`, selon la façon de ranger une opération dans le livre.
#
#   Benchmarks/sqlite-floor.sh [N]        (par défaut 949840, la taille du relevé du banc d'essai)
#
# Chaque variante part d'un livre neuf créé par `compta init` (le vrai schéma, ses clés
# étrangères et ses déclencheurs), le modifie au besoin, puis écrit les N opérations dans une
# seule transaction par `INSERT ... SELECT` dans le shell sqlite3, avec les réglages de Compta
# (WAL, synchronous = FULL, cache de 64 Mo, clés étrangères actives). Le temps va du BEGIN à la
# fin du COMMIT, reprise du journal WAL dans le fichier comprise ; les valeurs sont préparées
# avant, dans une table temporaire en mémoire.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-949840}
out="Benchmarks/out/floor"
mkdir -p "$out"
command -v sqlite3 >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 >/dev/null; }
swift build -c release --product compta >/dev/null
compta=.build/release/compta

base="$out/base.sqlite"
rm -f "$base" "$base-wal" "$base-shm"
$compta init --nom "Plancher" --debut 2020-01-01 --livre "$base" >/dev/null
for year in 2021 2022 2023 2024; do $compta exercices ajouter --debut "$year-01-01" --livre "$base" >/dev/null; done
$compta comptes ajouter 5121 "Compte courant" --livre "$base" >/dev/null
$compta projets ajouter CAMP "Camp" --livre "$base" >/dev/null
sqlite3 "$base" "INSERT INTO statement(file_name, file_hash, format, bank_account, lines_read, imported_at)
                 VALUES ('releve.csv', 'x', 'csv', '5121', $N, '2026-12-03T00:00:00Z')"

# The operations, as the benchmark's statement has them: five years of days in order, a
# counter account among a dozen, a project on a fifth, labels of about 30 characters.
ops="CREATE TEMP TABLE o AS
     WITH RECURSIVE g(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM g WHERE k < $N),
     d AS (SELECT k, date('2020-01-01', '+' || ((k - 1) * 1826 / $N) || ' days') AS day FROM g)
     SELECT k, CAST(substr(day, 1, 4) AS INTEGER) - 2019 AS ex, day,
            (k * 7919) % 100000 + 1 AS amount,
            CASE k % 12 WHEN 0 THEN '604' WHEN 1 THEN '6063' WHEN 2 THEN '625' WHEN 3 THEN '626'
                 WHEN 4 THEN '627' WHEN 5 THEN '6132' WHEN 6 THEN '641' WHEN 7 THEN '645'
                 WHEN 8 THEN '7562' WHEN 9 THEN '754' WHEN 10 THEN '74' ELSE '471' END AS account,
            CASE WHEN k % 5 = 0 THEN 1 END AS project,
            'VIR SEPA RECU HELLOASSO COTIS ' || (k % 997) AS label FROM d;"

# Today's storage: an entry, its two lines, its bank line.
ours="INSERT INTO entry(id, exercice_id, number, journal, date, label, created_at)
    SELECT k, ex, k, 'BQ', day, label, '2026-12-03T00:00:00Z' FROM o;
INSERT INTO line(entry_id, account, debit, credit, project_id)
    SELECT k, '5121', amount, 0, NULL FROM o UNION ALL SELECT k, account, 0, amount, project FROM o;
INSERT INTO bank_line(entry_id, date, fingerprint, statement_id, source_line, amount, label)
    SELECT k, day, printf('%032x', k * 2654435761), 1, k + 1, amount, label FROM o;"

# The leanest storage that keeps the ledger's rules: the operation in one entry row, its two
# lines folded into it (bank account, counter account, project, amount), with the foreign keys
# of both lines, the insert trigger, and the indexes the books need (date, fingerprint, each
# line's account).
onerow_schema="DROP TABLE bank_line;
ALTER TABLE entry ADD COLUMN fingerprint INTEGER;
ALTER TABLE entry ADD COLUMN statement_id INTEGER REFERENCES statement(id);
ALTER TABLE entry ADD COLUMN source_line INTEGER;
ALTER TABLE entry ADD COLUMN bank_account TEXT REFERENCES account(number);
ALTER TABLE entry ADD COLUMN counter_account TEXT REFERENCES account(number);
ALTER TABLE entry ADD COLUMN project_id INTEGER REFERENCES project(id);
ALTER TABLE entry ADD COLUMN amount INTEGER;
CREATE UNIQUE INDEX entry_fingerprint ON entry(date, fingerprint) WHERE fingerprint IS NOT NULL;
CREATE INDEX entry_bank_account ON entry(bank_account) WHERE bank_account IS NOT NULL;
CREATE INDEX entry_counter_account ON entry(counter_account) WHERE counter_account IS NOT NULL;"
onerow="INSERT INTO entry(id, exercice_id, number, journal, date, label, created_at, fingerprint, statement_id, source_line,
                  bank_account, counter_account, project_id, amount)
    SELECT k, ex, k, 'BQ', day, label, '2026-12-03T00:00:00Z', k * 2654435761, 1, k + 1, '5121', account, project, amount FROM o;"
no_trigger="DROP TRIGGER entry_insert_checks;"
no_index="DROP INDEX entry_date; DROP INDEX entry_fingerprint; DROP INDEX entry_bank_account; DROP INDEX entry_counter_account;"

clock="SELECT printf('%.3f', (julianday('now') - 2440587.5) * 86400.0);"
rows=()
# variant NAME FOREIGN_KEYS SCHEMA_CHANGES INSERTS: the seconds from BEGIN to the end of COMMIT.
variant() {
    local name=$1 fk=$2 changes=$3 inserts=$4 db="$out/variant.sqlite"
    rm -f "$db" "$db-wal" "$db-shm"
    cp "$base" "$db"
    if [ -n "$changes" ]; then sqlite3 "$db" "$changes"; fi
    local times
    times=$(printf '%s\n' "PRAGMA foreign_keys = $fk;" "PRAGMA journal_mode = WAL;" "PRAGMA synchronous = FULL;" \
        "PRAGMA cache_size = -65536;" "PRAGMA temp_store = MEMORY;" "$ops" "$clock" \
        "BEGIN IMMEDIATE;" "$inserts" "COMMIT;" "$clock" "SELECT count(*) FROM entry;" | sqlite3 -bail -batch -noheader "$db")
    local seconds size
    [ "$(echo "$times" | tail -1)" = "$N" ] || { echo "$name : $N écritures attendues, $(echo "$times" | tail -1) écrites"; exit 1; }
    seconds=$(echo "$times" | tail -3 | head -2 | awk 'NR == 1 { a = $1 } NR == 2 { printf "%.2f", $1 - a }')
    size=$(($(stat -c %s "$db") / 1048576))
    rows+=("$name|$seconds|$size")
    rm -f "$db" "$db-wal" "$db-shm"
}

variant "stockage actuel : écriture, 2 lignes, ligne de relevé" ON "" "$ours"
variant "une ligne par opération, règles du livre gardées" ON "$onerow_schema" "$onerow"
variant "une ligne par opération, sans clés étrangères ni déclencheur" OFF "$onerow_schema $no_trigger" "$onerow"
variant "une ligne par opération, ni contrôle ni index" OFF "$onerow_schema $no_trigger $no_index" "$onerow"

printf "\n%d opérations ; SQLite %s\n\n" "$N" "$(sqlite3 --version | cut -d' ' -f1)"
printf "| %-60s | %9s | %8s |\n" "variante" "temps (s)" "Mo"
printf "|%s|%s|%s|\n" "--------------------------------------------------------------" "----------:" "---------:"
for r in "${rows[@]}"; do
    IFS='|' read -r name s mb <<< "$r"
    printf "| %-60s | %9s | %8s |\n" "$name" "$s" "$mb"
done

#!/usr/bin/env bash
# Le site du bureau de la démo (issue 26) : le temps de `compta site` sur le livre de la démo
# (objectif : moins d'une seconde), puis la capture de son accueil que montre le README
# (docs/site-accueil.png, moins de 150 Ko), faite par chromium et réduite par pngquant.
#
#   Benchmarks/site-demo.sh            (mesure, puis refait docs/site-accueil.png)
#
# L'horloge est fixée au 15/03/2025 10:00 (Paris), comme dans les tests : la capture ne change
# que si les pages changent. Paquets Debian : chromium, pngquant, time.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in /usr/bin/time /usr/bin/chromium /usr/bin/pngquant; do
    [ -x "$tool" ] || { echo "Il manque $tool : apt-get install time chromium pngquant" >&2; exit 1; }
done
swift build -c release --product compta >/dev/null
compta=$PWD/.build/release/compta
out=$PWD/Benchmarks/out/site-demo
rm -rf "$out" && mkdir -p "$out/tmp"
export TZ=Europe/Paris COMPTA_MAINTENANT=2025-03-15T10:00:00+01:00 TMPDIR=$out/tmp
"$compta" demo >/dev/null
cp "$out"/tmp/compta-demo-*/cloud-girofle.sqlite "$out/livre.sqlite"

echo "compta site sur le livre de la démo (5 mesures) :"
for i in 1 2 3 4 5; do
    rm -rf "$out/bureau"
    /usr/bin/time -f "  %e s écoulées, %U s utilisateur + %S s système, %M Ko de mémoire au plus" \
        "$compta" site --livre "$out/livre.sqlite" --sortie "$out/bureau" >/dev/null
done
echo "  charge de la machine : $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cœurs)"

# The home page's top: the result, the cash and its curve, the start of the budget.
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$out/profil" \
    --window-size=1100,1620 --screenshot="$out/accueil.png" "file://$out/bureau/index.html" 2>/dev/null
pngquant --force --quality=60-85 --strip --output docs/site-accueil.png "$out/accueil.png"
echo "docs/site-accueil.png : $(( $(stat -c %s docs/site-accueil.png) / 1024 )) Ko"

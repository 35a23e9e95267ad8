#!/usr/bin/env bash
# Set everything up, analyse the bundled corpus, write the HTML report, print where it is.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
case_dir=${1:-demo-case}
.venv/bin/counterclaim analyze corpus/crocus-seeds --case "$case_dir"
.venv/bin/counterclaim report --case "$case_dir" -o "$case_dir/report.html"
echo "report: $(cd "$case_dir" && pwd)/report.html"

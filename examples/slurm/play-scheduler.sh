#!/usr/bin/env bash
# Plays Slurm for examples/slurm/*.sbatch on one machine: runs every array task with the
# SLURM_ARRAY_* variables Slurm would set (in a shuffled order, as a cluster might), then
# the merge job. CI uses it to check that the merged census equals the unsharded one:
#
#   N=8 DEGREE=20 examples/slurm/play-scheduler.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
N=${N:-8}
export SLURM_ARRAY_TASK_COUNT=$N
for k in $(seq 1 "$N" | shuf); do
  SLURM_ARRAY_TASK_ID=$k bash "$here/census-array.sbatch"
done
bash "$here/census-merge.sbatch"

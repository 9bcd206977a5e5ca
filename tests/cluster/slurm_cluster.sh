#!/bin/bash
# A one-node Slurm cluster on this machine for the cluster tests (see
# shared/docs/cluster-testing.md): munged, slurmctld and slurmd without systemd, with
# their state, logs and PID files under DIR.
#
#   slurm_cluster.sh start DIR   bring it up; prints "SLURM_CONF=DIR/slurm.conf" when the node is idle
#   slurm_cluster.sh stop DIR    SIGTERM to the daemons it started (never SIGKILL: Slurm would
#                                lose recent state), then wait for them to go
#
# Exit 77 when it cannot run here (not root, Slurm not installed): the test skips.
set -euo pipefail

cmd="${1:-}"
dir="${2:-}"
if [ -z "$cmd" ] || [ -z "$dir" ]; then
  echo "usage: $0 start|stop DIR" >&2
  exit 2
fi

wait_gone() { # pid, seconds
  local pid=$1 i
  for ((i = 0; i < $2 * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  return 1
}

stop() {
  local f pid
  for f in slurmd slurmctld munged; do
    [ -f "$dir/run/$f.started" ] || continue
    pid=$(cat "$dir/run/$f.started")
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      wait_gone "$pid" 15 || echo "slurm_cluster: $f (pid $pid) did not stop within 15 s" >&2
    fi
    rm -f "$dir/run/$f.started"
  done
}

if [ "$cmd" = stop ]; then
  stop
  exit 0
fi
[ "$cmd" = start ] || { echo "slurm_cluster: unknown command '$cmd'" >&2; exit 2; }

if [ "$(id -u)" -ne 0 ]; then
  echo "slurm_cluster: needs root (slurmd runs jobs as their users)" >&2
  exit 77
fi
for tool in munged munge slurmctld slurmd sinfo scontrol sbatch srun; do
  command -v "$tool" >/dev/null 2>&1 || PATH="$PATH:/usr/sbin"
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "slurm_cluster: $tool is not installed (apt-get install slurmctld slurmd slurm-client munge)" >&2
    exit 77
  fi
done

mkdir -p "$dir"/{state,spool,log,run}
dir="$(cd "$dir" && pwd)"
started_at=$(date +%s)

# munge: one daemon per machine; reuse a running one, else start ours.
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  install -d -o munge -g munge -m 0755 /run/munge
  if [ ! -s /etc/munge/munge.key ]; then
    install -d -o munge -g munge -m 0700 /etc/munge
    dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 status=none
    chown munge:munge /etc/munge/munge.key
    chmod 0400 /etc/munge/munge.key
  fi
  runuser -u munge -- munged --pid-file=/run/munge/munged.pid
  for ((i = 0; i < 50; i++)); do
    munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break
    sleep 0.1
  done
  cp /run/munge/munged.pid "$dir/run/munged.started"
fi

# Ports: free ones, so that two clusters (two worktrees) never meet.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
ctld_port=${SEEKBENCH_SLURM_PORT:-$((20000 + RANDOM % 20000))}
while ! port_free "$ctld_port" || ! port_free $((ctld_port + 1)); do
  ctld_port=$((20000 + RANDOM % 20000))
done
slurmd_port=$((ctld_port + 1))

host=$(hostname -s)
# The node as slurmd sees it; memory a little below what it reports (above, the node is
# drained), and CPUs=4 so that a few test tasks fit on a 2-core machine.
mem=$(slurmd -C | sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p' | head -n 1)
mem=$((mem > 2048 ? mem - 1024 : mem / 2))

cat > "$dir/slurm.conf" <<CONF
ClusterName=seekbench-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
AuthType=auth/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/run/slurmctld.pid
SlurmdPidFile=$dir/run/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$dir/log/jobcomp.txt
SchedulerParameters=batch_sched_delay=0
MinJobAge=3600
KillWait=10
MailProg=/bin/true
ReturnToService=2
# The node line's CPUs win over what slurmd detects (tests only: 4 on a 2-core machine).
SlurmdParameters=config_overrides
NodeName=$host CPUs=4 RealMemory=$mem NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$dir/slurm.conf"

setsid slurmctld -D -f "$SLURM_CONF" >"$dir/log/slurmctld.out" 2>&1 </dev/null &
echo $! >"$dir/run/slurmctld.started"
setsid slurmd -D -f "$SLURM_CONF" >"$dir/log/slurmd.out" 2>&1 </dev/null &
echo $! >"$dir/run/slurmd.started"

# Ready when the node is idle and its slurmd started after us (an older registration
# from a previous cluster would take the first job and lose it).
deadline=$((SECONDS + 30))
while [ $SECONDS -lt $deadline ]; do
  if [ "$(sinfo -h -n "$host" -o %T 2>/dev/null)" = idle ]; then
    since=$(scontrol show node "$host" 2>/dev/null | sed -n 's/.*SlurmdStartTime=\([^ ]*\).*/\1/p')
    if [ -n "$since" ] && [ "$(date -d "$since" +%s 2>/dev/null || echo 0)" -ge $((started_at - 1)) ]; then
      echo "SLURM_CONF=$SLURM_CONF"
      exit 0
    fi
  fi
  for f in slurmctld slurmd; do
    if ! kill -0 "$(cat "$dir/run/$f.started")" 2>/dev/null; then
      echo "slurm_cluster: $f exited; its log:" >&2
      tail -n 20 "$dir/log/$f.log" "$dir/log/$f.out" >&2 2>/dev/null || true
      stop
      exit 1
    fi
  done
  sleep 0.1
done
echo "slurm_cluster: the node did not become idle within 30 s; slurmctld log:" >&2
tail -n 20 "$dir/log/slurmctld.log" >&2 || true
stop
exit 1

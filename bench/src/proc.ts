import { readFileSync, readdirSync } from 'node:fs';

/** CPU seconds (user + system) and peak resident memory of a process, from /proc (Linux). */
export function processUsage(pid: number): { cpuSeconds: number; peakRssMiB: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const hwm = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return { cpuSeconds: ticks / 100, peakRssMiB: Number(hwm ?? 0) / 1024 };
  } catch {
    return undefined;
  }
}

/** The pids of a process and all its descendants (a server with workers, a PostgreSQL cluster). */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    out.push(pid);
    for (const c of children.get(pid) ?? []) walk(c);
  };
  walk(root);
  return out;
}

/** Summed CPU seconds and summed peak RSS of a process tree. */
export function treeUsage(root: number): { cpuSeconds: number; peakRssMiB: number } {
  let cpuSeconds = 0;
  let peakRssMiB = 0;
  for (const pid of processTree(root)) {
    const u = processUsage(pid);
    if (!u) continue;
    cpuSeconds += u.cpuSeconds;
    peakRssMiB += u.peakRssMiB;
  }
  return { cpuSeconds, peakRssMiB };
}

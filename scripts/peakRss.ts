/** Peak resident set of this process in MB: VmHWM on Linux, the rusage maximum elsewhere (the benchmarks' memory). */
import * as fs from 'fs';

export function peakRssMB(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // not Linux: fall through
  }
  return process.resourceUsage().maxRSS / 1024;
}

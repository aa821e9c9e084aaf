// Preloaded into a benchmarked API process (`node --import ./memorySampler.ts`, import.ts does it):
// samples its memory and writes the peaks to the JSON file named by BENCH_MEMORY_FILE, about once
// a second and on exit, for the parent to read. `liveHeapMib` is the largest heap left right after
// a major (mark-compact) GC, i.e. what the process truly retained; `heapUsedMib` also counts
// garbage not collected yet, and `rssMib` is the resident set (also read from VmHWM by the parent).
import { writeFileSync } from 'node:fs';
import { constants, PerformanceObserver } from 'node:perf_hooks';

const file = process.env.BENCH_MEMORY_FILE;
if (file) {
  const mib = (bytes: number) => Math.round(bytes / 1024 ** 2);
  const peaks = { rssMib: 0, heapUsedMib: 0, liveHeapMib: 0, externalMib: 0, majorGcs: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    peaks.rssMib = Math.max(peaks.rssMib, mib(m.rss));
    peaks.heapUsedMib = Math.max(peaks.heapUsedMib, mib(m.heapUsed));
    peaks.externalMib = Math.max(peaks.externalMib, mib(m.external + m.arrayBuffers));
  };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if ((entry as { detail?: { kind?: number } }).detail?.kind !== constants.NODE_PERFORMANCE_GC_MAJOR) continue;
      peaks.majorGcs++;
      lastLive = mib(process.memoryUsage().heapUsed);
      peaks.liveHeapMib = Math.max(peaks.liveHeapMib, lastLive);
    }
  }).observe({ entryTypes: ['gc'] });
  // BENCH_MEMORY_TRACE=1: a line per second on stderr (seconds since start, rss, heap used/total, last live heap).
  const trace = process.env.BENCH_MEMORY_TRACE === '1';
  let lastLive = 0;
  const write = () => {
    writeFileSync(file, JSON.stringify(peaks));
    if (!trace) return;
    const m = process.memoryUsage();
    process.stderr.write(
      `[memory] ${process.uptime().toFixed(0)} s rss ${mib(m.rss)} heapUsed ${mib(m.heapUsed)} heapTotal ${mib(m.heapTotal)} external ${mib(m.external)} live ${lastLive}\n`,
    );
  };
  let ticks = 0;
  setInterval(() => {
    sample();
    if (++ticks % 5 === 0) write();
  }, 200).unref();
  process.on('exit', () => {
    sample();
    write();
  });
}

// One fresh process: the offline parser's import, first call and second call (wall and CPU milliseconds), as JSON on
// stdout. bench/assistant.ts runs it several times; the first call in a fresh process is what a server pays once.
import { performance } from 'node:perf_hooks';

const clock = () => ({ wall: performance.now(), cpu: process.cpuUsage() });
const since = (t: ReturnType<typeof clock>) => {
  const cpu = process.cpuUsage(t.cpu);
  return { wall: performance.now() - t.wall, cpu: (cpu.user + cpu.system) / 1000 };
};

let t = clock();
const { parseSegmentText } = await import('@/lib/engine/assistant/parse-segment');
const { DEMO_VOCABULARY } = await import('@/lib/engine/assistant/testing/vocabulary');
const load = since(t);
t = clock();
parseSegmentText('women in shanghai who love beauty and have not bought in the last 60 days', DEMO_VOCABULARY);
const first = since(t);
t = clock();
parseSegmentText('最近30天没有购买的冠军客户', DEMO_VOCABULARY);
const second = since(t);
console.log(JSON.stringify({ load, first, second }));

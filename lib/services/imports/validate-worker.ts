// Worker thread of an events import (started by batch-source.ts): reads the file, tokenises and validates each chunk
// exactly as the writer thread would, and posts the valid rows in columns (lib/import/rows/event-batch.ts) with the
// chunk's rejections, cursor and cleaning counts. The writer grants credits; the worker stays at most that far ahead.
import { parentPort, workerData } from 'node:worker_threads';
import { openRawText } from '../../csv/raw-text';
import { CsvFileReader } from '../../csv/reader';
import { DateParser } from '../../import/dates';
import { emptyCleaningReport } from '../../import/report';
import { Rejection, type RowSettings } from '../../import/rows/context';
import { encodeEventBatch, eventBatchTransfers } from '../../import/rows/event-batch';
import { type EventRow, eventValidator } from '../../import/rows/events';
import type { ValidateJob, WorkerMessage } from './validate-job';

const job = workerData as ValidateJob;
const port = parentPort!;
const raw = openRawText(job.file, job.encoding);
const settings: RowSettings = {
  ...job.settings,
  dates: new DateParser({ order: job.dateOrder, timezone: job.timezone }),
  report: emptyCleaningReport(),
  rawText: raw.read,
};
const validate = eventValidator(settings);
let range = 0;
let reader: CsvFileReader | null = null;
let credits = 0;
let running = false;
let closed = false;

function openRange() {
  const r = job.ranges[range]!;
  reader = new CsvFileReader(job.file, {
    delimiter: job.settings.delimiter,
    encoding: job.encoding,
    startByte: r.startByte,
    startLine: r.startLine,
    endByte: r.endByte ?? undefined,
    maxFieldBytes: job.maxFieldBytes,
  });
}

/** One chunk: the same records, in the same order, as the writer's own reader would return. */
function nextChunk(): WorkerMessage {
  if (!reader) openRange();
  const rd = reader!;
  // the validator holds on to settings.report: zero it rather than replace it
  Object.assign(settings.report, emptyCleaningReport());
  const blankBefore = rd.tokenizer.blankLines;
  const records = rd.read(job.batchSize);
  const rows: EventRow[] = [];
  const spans: number[] = [];
  const rejections: Rejection[] = [];
  for (const rec of records) {
    const v = validate(rec);
    if (v instanceof Rejection) rejections.push(v);
    else {
      rows.push(v);
      spans.push(rec.start ?? 0, rec.end ?? 0);
    }
  }
  const msg: WorkerMessage = {
    type: 'batch',
    count: records.length,
    position: rd.position,
    blankLines: rd.tokenizer.blankLines - blankBefore,
    report: { ...settings.report },
    batch: encodeEventBatch(rows, spans, rejections, records[0]?.line ?? 0),
  };
  if (!records.length) {
    rd.close();
    reader = null;
    range++;
  }
  return msg;
}

function pump() {
  if (running) return;
  running = true;
  try {
    while (credits > 0 && range < job.ranges.length) {
      credits--;
      const msg = nextChunk();
      port.postMessage(msg, msg.type === 'batch' ? eventBatchTransfers(msg.batch) : []);
    }
  } catch (e) {
    port.postMessage({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    range = job.ranges.length;
  } finally {
    running = false;
  }
  // credits granted after the last chunk arrive here too: close once
  if (range >= job.ranges.length && !closed) {
    closed = true;
    raw.close();
    port.close();
  }
}

port.on('message', (n: number) => {
  credits += n;
  pump();
});

import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real local SMTP server for tests and the benchmark (the `smtp-server` package): accepts everything, keeps the
 * parsed messages (mailparser), and can answer chosen recipients with an SMTP error (e.g. 451 once, or 550).
 */
export async function startSmtpCatcher(
  opts: {
    port?: number;
    reply?: (to: string, attempt: number) => { code: number; message: string } | null;
    parse?: boolean;
  } = {},
) {
  const messages: ParsedMail[] = [];
  let received = 0;
  const attempts = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth: (_auth, _session, cb) => cb(null, { user: 'test' }),
    onRcptTo: (address, _session, cb) => {
      const to = address.address.toLowerCase();
      const n = (attempts.get(to) ?? 0) + 1;
      attempts.set(to, n);
      const r = opts.reply?.(to, n);
      if (!r) return cb();
      const err = new Error(r.message) as Error & { responseCode: number };
      err.responseCode = r.code;
      return cb(err);
    },
    onData: (stream, _session, cb) => {
      if (opts.parse === false) {
        stream.on('data', () => {});
        stream.on('end', () => {
          received += 1;
          cb();
        });
        return;
      }
      simpleParser(stream)
        .then((m) => {
          messages.push(m);
          received += 1;
          cb();
        })
        .catch((e: Error) => cb(e));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    messages,
    received: () => received,
    /** every message sent to the address (lower-case) */
    to: (email: string) => messages.filter((m) => addresses(m).includes(email.toLowerCase())),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function addresses(m: ParsedMail): string[] {
  const list = Array.isArray(m.to) ? m.to : m.to ? [m.to] : [];
  return list.flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase()));
}

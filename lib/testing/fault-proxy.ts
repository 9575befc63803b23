import net from 'node:net';

/**
 * A userland TCP proxy for fault tests between the app and PostgreSQL: forwards 127.0.0.1:<port> to the target and,
 * on demand, delays every chunk, resets every open connection (RST, as a crashed server or a middlebox does), or
 * refuses new ones (a stopped server). Written on node:net because the faults must land inside a real pg session.
 */
export type FaultProxy = {
  port: number;
  /** how many connections were opened through the proxy so far */
  readonly opened: number;
  /** extra delay for each chunk in each direction */
  latencyMs: number;
  /** refuse (reset at once) every new connection, like a stopped server */
  down: boolean;
  /** resets every open connection; returns how many there were */
  resetAll(): number;
  close(): Promise<void>;
};

export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  const open = new Set<net.Socket>();
  let opened = 0;
  const relay = (from: net.Socket, to: net.Socket) =>
    from.on('data', (chunk) => {
      if (!proxy.latencyMs) return void to.write(chunk);
      from.pause();
      setTimeout(() => {
        to.write(chunk);
        from.resume();
      }, proxy.latencyMs);
    });
  const server = net.createServer((client) => {
    if (proxy.down) return void client.resetAndDestroy();
    opened++;
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('error', () => {});
      s.on('close', () => {
        open.delete(s);
        (s === client ? upstream : client).destroy();
      });
    }
    relay(client, upstream);
    relay(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxy: FaultProxy = {
    port: (server.address() as net.AddressInfo).port,
    get opened() {
      return opened;
    },
    latencyMs: 0,
    down: false,
    resetAll() {
      const n = open.size / 2;
      for (const s of open) s.resetAndDestroy();
      return n;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
  return proxy;
}

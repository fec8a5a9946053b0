/**
 * A loopback TCP relay in front of the AWS stand-in that can be taken down and brought back on the
 * same port: down, a connection is refused (as with no network, or the endpoint away), and the
 * sockets open are cut; up, bytes flow again. What a laptop going offline does to the app.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export type SwitchableEndpoint = {
  endpoint: string;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
};

export async function startSwitchableEndpoint(target: { port: number }): Promise<SwitchableEndpoint> {
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  let server: Server | null = null;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((client) => {
        track(client);
        const upstream = connect(target.port, '127.0.0.1');
        track(upstream);
        client.pipe(upstream).pipe(client);
        client.on('error', () => upstream.destroy());
        upstream.on('error', () => client.destroy());
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        port = (s.address() as { port: number }).port;
        server = s;
        resolve();
      });
    });
  const down = async () => {
    const s = server;
    server = null;
    for (const socket of sockets) socket.destroy();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  await listen();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    down,
    up: () => (server ? Promise.resolve() : listen()),
    close: down,
  };
}

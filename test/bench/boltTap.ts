// A counting TCP proxy in front of Neo4j's Bolt port (issue 13): what a client really sends and
// receives, without touching the client. Every connection through the tap is parsed as Bolt (the
// 20-byte handshake, then chunked messages: a 2-byte size before each chunk, an empty chunk ending
// a message) and counted: messages by type each way, bytes each way, socket reads each way (how
// many writes the other side's segments arrived in, an upper bound on its write calls, since
// loopback may merge them), and the text of every RUN statement (counted by text).
import { createHash } from 'node:crypto';
import net from 'node:net';

/** Bolt message signatures (the struct tag after the marker byte) by name. */
const CLIENT_MESSAGES: Record<number, string> = {
  1: 'HELLO',
  2: 'GOODBYE',
  15: 'RESET',
  16: 'RUN',
  17: 'BEGIN',
  18: 'COMMIT',
  19: 'ROLLBACK',
  47: 'DISCARD',
  63: 'PULL',
  84: 'TELEMETRY',
  102: 'ROUTE',
  106: 'LOGON',
  107: 'LOGOFF',
};
const SERVER_MESSAGES: Record<number, string> = { 112: 'SUCCESS', 113: 'RECORD', 126: 'IGNORED', 127: 'FAILURE' };

export interface TapCounts {
  connections: number;
  bytesToServer: number;
  bytesToClient: number;
  /** Socket reads of the client's bytes (segments as they arrived). */
  readsFromClient: number;
  readsFromServer: number;
  toServer: Record<string, number>;
  toClient: Record<string, number>;
  /** RUN statements by the first 12 hex digits of their text's SHA-1, with the text's length and start. */
  statements: Record<string, { count: number; chars: number; start: string }>;
}

const emptyCounts = (): TapCounts => ({
  connections: 0,
  bytesToServer: 0,
  bytesToClient: 0,
  readsFromClient: 0,
  readsFromServer: 0,
  toServer: {},
  toClient: {},
  statements: {},
});

/**
 * Splits one direction's byte stream into Bolt messages, after its handshake bytes: `prelude`
 * says how many leading bytes are handshake (null while it cannot tell yet).
 */
class MessageReader {
  private buffer: Buffer = Buffer.alloc(0);
  private message: Buffer[] = [];
  private inPrelude = true;
  constructor(
    private readonly prelude: (buffer: Buffer) => number | null,
    private readonly onMessage: (message: Buffer) => void,
  ) {}

  push(data: Buffer): void {
    this.buffer = this.buffer.length === 0 ? data : Buffer.concat([this.buffer, data]);
    if (this.inPrelude) {
      const skip = this.prelude(this.buffer);
      if (skip === null) return;
      this.buffer = this.buffer.subarray(skip);
      this.inPrelude = false;
    }
    while (this.buffer.length >= 2) {
      const size = this.buffer.readUInt16BE(0);
      if (this.buffer.length < 2 + size) break;
      if (size === 0) {
        // The end of a message (or a NOOP keep-alive when nothing came before it).
        if (this.message.length > 0) this.onMessage(Buffer.concat(this.message));
        this.message = [];
      } else {
        this.message.push(this.buffer.subarray(2, 2 + size));
      }
      this.buffer = this.buffer.subarray(2 + size);
    }
  }
}

/** The end of a base-128 varint starting at `at` (the index after it), or null if incomplete. */
function varintEnd(buffer: Buffer, at: number): number | null {
  for (let i = at; i < buffer.length; i++) if (((buffer[i] as number) & 0x80) === 0) return i + 1;
  return null;
}

/**
 * The handshake of one connection. The client opens with 20 bytes (magic and four version
 * proposals). The server answers with 4 bytes: the chosen version, or 00 00 01 FF for the
 * manifest handshake (Bolt 5.7+ servers, driver 5.28+), followed by a varint count, that many
 * 4-byte version ranges and a varint capability mask; the client then sends its choice (4 bytes
 * and a varint). So how many bytes of the client's stream are handshake is known only once the
 * server's answer is read.
 */
class Handshake {
  private clientExtra: number | null = null;

  server = (buffer: Buffer): number | null => {
    if (buffer.length < 4) return null;
    if (buffer.readUInt32BE(0) !== 0x000001ff) {
      this.clientExtra = 0;
      return 4;
    }
    const countEnd = varintEnd(buffer, 4);
    if (countEnd === null) return null;
    const count = buffer[4] as number; // a handful of ranges: one byte
    const masksAt = countEnd + 4 * count;
    const end = masksAt <= buffer.length ? varintEnd(buffer, masksAt) : null;
    if (end === null) return null;
    this.clientExtra = -1; // the client's choice: 4 bytes and a varint
    return end;
  };

  client = (buffer: Buffer): number | null => {
    if (this.clientExtra === null || buffer.length < 20) return null;
    if (this.clientExtra === 0) return 20;
    const end = buffer.length >= 24 ? varintEnd(buffer, 24) : null;
    return end;
  };
}

/** The text of a RUN message's first field (a PackStream string), or null. */
function runText(message: Buffer): string | null {
  const marker = message[2];
  if (marker === undefined) return null;
  let start = 3;
  let length: number;
  if (marker >= 0x80 && marker <= 0x8f) {
    length = marker - 0x80;
  } else if (marker === 0xd0) {
    length = message.readUInt8(3);
    start = 4;
  } else if (marker === 0xd1) {
    length = message.readUInt16BE(3);
    start = 5;
  } else if (marker === 0xd2) {
    length = message.readUInt32BE(3);
    start = 7;
  } else {
    return null;
  }
  return message.subarray(start, start + length).toString('utf8');
}

export class BoltTap {
  private server: net.Server | undefined;
  private sockets = new Set<net.Socket>();
  counts = emptyCounts();
  /** bolt://127.0.0.1:<port> of the tap, once listening. */
  uri = '';

  constructor(private readonly target: { host: string; port: number }) {}

  /** Starts counting afresh (connections already open keep being counted). */
  reset(): void {
    this.counts = emptyCounts();
  }

  async start(): Promise<string> {
    this.server = net.createServer((client) => {
      this.counts.connections += 1;
      const upstream = net.connect(this.target);
      client.setNoDelay(true);
      upstream.setNoDelay(true);
      this.sockets.add(client).add(upstream);
      const count = (into: Record<string, number>, names: Record<number, string>) => (message: Buffer) => {
        const name = names[message[1] ?? -1] ?? `0x${(message[1] ?? 0).toString(16)}`;
        into[name] = (into[name] ?? 0) + 1;
        if (name === 'RUN') {
          const text = runText(message) ?? '?';
          const key = createHash('sha1').update(text).digest('hex').slice(0, 12);
          this.counts.statements[key] ??= { count: 0, chars: text.length, start: text.slice(0, 60).replace(/\s+/g, ' ') };
          (this.counts.statements[key] as { count: number }).count += 1;
        }
      };
      const handshake = new Handshake();
      const fromClient = new MessageReader(handshake.client, (m) => count(this.counts.toServer, CLIENT_MESSAGES)(m));
      const fromServer = new MessageReader(handshake.server, (m) => count(this.counts.toClient, SERVER_MESSAGES)(m));
      client.on('data', (data: Buffer) => {
        this.counts.bytesToServer += data.length;
        this.counts.readsFromClient += 1;
        fromClient.push(data);
        upstream.write(data);
      });
      upstream.on('data', (data: Buffer) => {
        this.counts.bytesToClient += data.length;
        this.counts.readsFromServer += 1;
        fromServer.push(data);
        client.write(data);
        // The client's bytes that waited for the server's handshake answer.
        fromClient.push(Buffer.alloc(0));
      });
      const close = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('close', close).on('error', close);
      upstream.on('close', close).on('error', close);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const address = this.server.address() as net.AddressInfo;
    this.uri = `bolt://127.0.0.1:${address.port}`;
    return this.uri;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

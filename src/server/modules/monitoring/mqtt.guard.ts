/**
 * @module The embedded broker's front door (issue 21 §5): a connection stream that reads each MQTT packet's
 * announced length from its fixed header (MQTT 3.1.1 §2.2.3, the Remaining Length) and closes the
 * connection before reading a packet larger than allowed — the CONNECT and anything sent before the
 * gateway's token is accepted get a few kilobytes, an authenticated gateway one batch — and a count of
 * open connections per remote address.
 */
import { Duplex } from 'node:stream';
import type { Socket } from 'node:net';

/** Why a connection was closed by the guard. */
export interface PacketRefusal {
  /** The Remaining Length the packet announced (undefined: a malformed length field). */
  announced: number | undefined;
  /** The most the connection may send in one packet at that moment. */
  limit: number;
  /** Whether the gateway's token had been accepted. */
  authenticated: boolean;
}

export interface GuardLimits {
  /** Bytes a packet may announce before authentication (the CONNECT). */
  beforeAuth: number;
  /** Bytes a packet may announce after authentication. */
  afterAuth: number;
}

/**
 * The socket as aedes sees it: bytes pass through unchanged while the fixed headers are scanned; a packet
 * announcing more than the limit closes the socket at once, so its body is never read (nor buffered).
 */
export class GuardedConnection extends Duplex {
  #authenticated = false;
  /** Where the scanner is: at a packet's first byte, inside its length field, or inside its body. */
  #phase: 'header' | 'length' | 'body' = 'header';
  #length = 0;
  #lengthBytes = 0;
  #remaining = 0;

  constructor(
    private readonly socket: Socket,
    private readonly limits: GuardLimits,
    private readonly onRefused: (r: PacketRefusal) => void,
  ) {
    super();
    socket.on('data', (chunk: Buffer) => {
      if (!this.#scan(chunk)) {
        return;
      }
      if (!this.push(chunk)) {
        socket.pause();
      }
    });
    socket.on('end', () => this.push(null));
    socket.on('error', (e) => this.destroy(e));
    socket.on('close', () => this.destroy());
  }

  /** Called once the gateway's token is accepted: from now on a packet may hold a whole batch. */
  markAuthenticated() {
    this.#authenticated = true;
  }

  /** The remote address of the socket (for logs). */
  get remoteAddress(): string | undefined {
    return this.socket.remoteAddress;
  }

  override _read() {
    this.socket.resume();
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void) {
    this.socket.write(chunk, cb);
  }

  override _final(cb: (e?: Error | null) => void) {
    this.socket.end(cb);
  }

  override _destroy(err: Error | null, cb: (e: Error | null) => void) {
    this.socket.destroy();
    cb(err);
  }

  /** Follows the packet boundaries through a chunk; false (and the socket closed) on a refused packet. */
  #scan(chunk: Buffer): boolean {
    let i = 0;
    while (i < chunk.length) {
      if (this.#phase === 'header') {
        this.#phase = 'length';
        this.#length = 0;
        this.#lengthBytes = 0;
        i++;
      } else if (this.#phase === 'length') {
        const b = chunk[i++] ?? 0;
        this.#length += (b & 0x7f) * 128 ** this.#lengthBytes++;
        if (b & 0x80) {
          // MQTT 3.1.1 §2.2.3: at most four bytes.
          if (this.#lengthBytes === 4) {
            return this.#refuse(undefined);
          }
          continue;
        }
        if (this.#length > this.#limit()) {
          return this.#refuse(this.#length);
        }
        this.#remaining = this.#length;
        this.#phase = this.#remaining > 0 ? 'body' : 'header';
      } else {
        const take = Math.min(this.#remaining, chunk.length - i);
        this.#remaining -= take;
        i += take;
        if (this.#remaining === 0) {
          this.#phase = 'header';
        }
      }
    }
    return true;
  }

  #limit() {
    return this.#authenticated ? this.limits.afterAuth : this.limits.beforeAuth;
  }

  #refuse(announced: number | undefined): false {
    this.onRefused({ announced, limit: this.#limit(), authenticated: this.#authenticated });
    this.socket.destroy();
    this.destroy();
    return false;
  }
}

/** Counts open connections per remote address; `admit` is false when the address holds its maximum. */
export class ConnectionsPerAddress {
  readonly #open = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Counts the socket in, until it closes; false (nothing counted) when its address is at the maximum. */
  admit(socket: Socket): boolean {
    const address = socket.remoteAddress ?? '';
    const n = this.#open.get(address) ?? 0;
    if (n >= this.max) {
      return false;
    }
    this.#open.set(address, n + 1);
    socket.once('close', () => {
      const left = (this.#open.get(address) ?? 1) - 1;
      if (left > 0) {
        this.#open.set(address, left);
      } else {
        this.#open.delete(address);
      }
    });
    return true;
  }
}

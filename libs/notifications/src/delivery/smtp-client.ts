import { connect as netConnect, type Socket } from 'node:net';
import { hostname } from 'node:os';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';

/**
 * A small SMTP client (RFC 5321) written for one reason: the relay must decide the instant at
 * which the end of a message (`<CRLF>.<CRLF>`) is written to the socket, so that it is written in
 * the same synchronous step as the COMMIT that marks the notification sent (see
 * notification-sender.ts). A general-purpose client (nodemailer's transport) writes it somewhere
 * inside its stream machinery. Messages themselves are built by nodemailer's MailComposer.
 *
 * Supports smtp:// (STARTTLS when the server offers it) and smtps:// (TLS from the start), AUTH
 * PLAIN or LOGIN with the URL's user and password, and `?tls=insecure` to accept a self-signed
 * certificate (development relays only).
 */
export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  password: string | null;
  rejectUnauthorized: boolean;
  /** Name sent in EHLO. */
  clientName: string;
  /** Longest wait for any one reply. */
  timeoutMs: number;
}

export function smtpSettings(url: string, timeoutMs = 30_000): SmtpSettings {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'smtps:';
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 25,
    secure,
    user: parsed.username ? decodeURIComponent(parsed.username) : null,
    password: parsed.password ? decodeURIComponent(parsed.password) : null,
    rejectUnauthorized: parsed.searchParams.get('tls') !== 'insecure',
    clientName: hostname() || 'localhost',
    timeoutMs,
  };
}

/** An SMTP failure; `code` is the server's reply code, null for a network failure or timeout. */
export class SmtpError extends Error {
  constructor(
    message: string,
    readonly code: number | null,
  ) {
    super(message);
  }

  /** 5xx: the server refuses for good (no such mailbox, policy); retrying will not help. */
  get permanent(): boolean {
    return this.code !== null && this.code >= 500;
  }
}

interface Reply {
  code: number;
  text: string;
}

interface Waiter {
  resolve: (reply: Reply) => void;
  reject: (error: Error) => void;
}

const CRLF = Buffer.from('\r\n');
const END_OF_DATA = Buffer.from('.\r\n');

/**
 * The message as DATA carries it: CRLF line ends, ending with CRLF, and every line that starts
 * with a dot given a second one (RFC 5321 §4.5.2).
 */
export function dataOf(message: Buffer): Buffer {
  const text = message
    .toString('latin1')
    .replace(/\r?\n/g, '\r\n')
    .replace(/(^|\r\n)\./g, '$1..');
  const buffer = Buffer.from(text, 'latin1');
  return buffer.subarray(-2).equals(CRLF) ? buffer : Buffer.concat([buffer, CRLF]);
}

/** One connection to the relay, used for one message at a time and then kept for the next. */
export class SmtpConnection {
  private socket: Socket | TLSSocket;
  private buffered = '';
  private lines: string[] = [];
  private readonly waiters: Waiter[] = [];
  private failure: Error | null = null;
  private extensions = new Set<string>();
  private authMechanisms = new Set<string>();
  lastUsed = Date.now();

  private constructor(
    socket: Socket | TLSSocket,
    private readonly settings: SmtpSettings,
  ) {
    this.socket = socket;
    this.attach(socket);
  }

  /** Connects, greets (EHLO), upgrades to TLS when offered and signs in when the URL has a user. */
  static async open(settings: SmtpSettings): Promise<SmtpConnection> {
    const socket = settings.secure
      ? tlsConnect({
          host: settings.host,
          port: settings.port,
          servername: settings.host,
          rejectUnauthorized: settings.rejectUnauthorized,
        })
      : netConnect({ host: settings.host, port: settings.port });
    socket.setNoDelay(true);
    const connection = new SmtpConnection(socket, settings);
    try {
      await connection.expect(connection.nextReply(), [220], 'greeting');
      await connection.hello();
      if (!settings.secure && connection.extensions.has('STARTTLS')) {
        await connection.expect(connection.command('STARTTLS'), [220], 'STARTTLS');
        await connection.upgrade();
        await connection.hello();
      }
      if (settings.user !== null) await connection.authenticate();
      return connection;
    } catch (error) {
      connection.destroy();
      throw error;
    }
  }

  /** Whether the connection can take another message. */
  get usable(): boolean {
    return this.failure === null && !this.socket.destroyed;
  }

  /** MAIL FROM, RCPT TO and DATA: afterwards the server reads the message. */
  async beginMessage(from: string, to: string): Promise<void> {
    await this.expect(this.command(`MAIL FROM:<${address(from)}>`), [250], 'MAIL FROM');
    await this.expect(this.command(`RCPT TO:<${address(to)}>`), [250, 251], 'RCPT TO');
    await this.expect(this.command('DATA'), [354], 'DATA');
  }

  /**
   * The message (already in DATA form, see dataOf), handed to the kernel: resolves when the
   * socket has nothing left to write, so that the end of data that follows goes out at once.
   */
  writeContent(data: Buffer): Promise<void> {
    this.lastUsed = Date.now();
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.socket.write(data, (error) => (error ? reject(error) : resolve()));
    });
  }

  /**
   * Whether endMessage() would write the end of data at once: the connection is alive and the
   * message is all in the kernel. Asked before the COMMIT that goes with it.
   */
  readyToEnd(): boolean {
    return this.usable && this.socket.writableLength === 0;
  }

  /**
   * Readies the end of data: the wait for the server's verdict is set up now, so that the returned
   * function does nothing but write the end of data, synchronously (the socket's buffer is empty:
   * the write reaches the kernel before it returns), and give the verdict: resolves with the 250
   * reply, rejects with the server's refusal or with the connection's failure.
   */
  armEndOfMessage(): () => Promise<string> {
    if (!this.readyToEnd()) throw new Error('armEndOfMessage() without readyToEnd()');
    const reply = this.nextReply();
    return () => {
      this.socket.write(END_OF_DATA);
      return this.expect(reply, [250], 'end of data').then((answer) => `${answer.code} ${answer.text}`);
    };
  }

  /** Abandons a transaction that was begun (RSET); the connection stays usable. */
  async reset(): Promise<void> {
    await this.expect(this.command('RSET'), [250], 'RSET');
  }

  /** Says goodbye and closes (does not wait for the reply). */
  quit(): void {
    if (this.usable) this.socket.end('QUIT\r\n');
    this.failure ??= new SmtpError('connection closed', null);
  }

  destroy(): void {
    this.failure ??= new SmtpError('connection closed', null);
    this.socket.destroy();
  }

  private attach(socket: Socket | TLSSocket): void {
    socket.setTimeout(this.settings.timeoutMs);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('timeout', () => this.fail(new SmtpError(`no answer from ${this.settings.host} in time`, null)));
    socket.on('error', (error: Error) => this.fail(new SmtpError(`${this.settings.host}: ${error.message}`, null)));
    socket.on('close', () => this.fail(new SmtpError(`${this.settings.host} closed the connection`, null)));
  }

  private detach(socket: Socket | TLSSocket): void {
    for (const event of ['data', 'timeout', 'error', 'close']) socket.removeAllListeners(event);
  }

  private async upgrade(): Promise<void> {
    const plain = this.socket;
    this.detach(plain);
    const secure = tlsConnect({
      socket: plain,
      servername: this.settings.host,
      rejectUnauthorized: this.settings.rejectUnauthorized,
    });
    this.socket = secure;
    this.attach(secure);
    await new Promise<void>((resolve, reject) => {
      secure.once('secureConnect', resolve);
      secure.once('error', reject);
    });
  }

  private async hello(): Promise<void> {
    const reply = await this.expect(this.command(`EHLO ${this.settings.clientName}`), [250], 'EHLO');
    const lines = reply.text.split('\n').slice(1);
    this.extensions = new Set(lines.map((line) => line.split(' ')[0].toUpperCase()));
    const auth = lines.find((line) => /^AUTH[ =]/i.test(line));
    this.authMechanisms = new Set(auth ? auth.slice(5).toUpperCase().split(/\s+/) : []);
  }

  private async authenticate(): Promise<void> {
    const user = this.settings.user ?? '';
    const password = this.settings.password ?? '';
    if (this.authMechanisms.has('PLAIN') || !this.authMechanisms.has('LOGIN')) {
      const token = Buffer.from(`\u0000${user}\u0000${password}`).toString('base64');
      await this.expect(this.command(`AUTH PLAIN ${token}`), [235], 'AUTH PLAIN');
      return;
    }
    await this.expect(this.command('AUTH LOGIN'), [334], 'AUTH LOGIN');
    await this.expect(this.command(Buffer.from(user).toString('base64')), [334], 'AUTH LOGIN user');
    await this.expect(this.command(Buffer.from(password).toString('base64')), [235], 'AUTH LOGIN password');
  }

  private command(line: string): Promise<Reply> {
    this.lastUsed = Date.now();
    const reply = this.nextReply();
    if (!this.failure) this.socket.write(`${line}\r\n`);
    return reply;
  }

  private nextReply(): Promise<Reply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private async expect(pending: Promise<Reply>, codes: number[], what: string): Promise<Reply> {
    const reply = await pending;
    if (!codes.includes(reply.code)) {
      throw new SmtpError(`${what}: ${reply.code} ${reply.text.split('\n')[0]}`.slice(0, 500), reply.code);
    }
    return reply;
  }

  private onData(chunk: Buffer): void {
    this.buffered += chunk.toString('utf8');
    let end: number;
    while ((end = this.buffered.indexOf('\n')) >= 0) {
      const line = this.buffered.slice(0, end).replace(/\r$/, '');
      this.buffered = this.buffered.slice(end + 1);
      this.lines.push(line);
      // "250-…" continues a reply, "250 …" ends it.
      if (/^\d{3}(?: |$)/.test(line)) {
        const code = Number(line.slice(0, 3));
        const text = this.lines.map((part) => part.slice(4)).join('\n');
        this.lines = [];
        const waiter = this.waiters.shift();
        if (waiter) waiter.resolve({ code, text });
        else if (code === 421) this.fail(new SmtpError(`${code} ${text}`, code));
      }
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiters.splice(0)) waiter.reject(this.failure);
    if (!this.socket.destroyed) this.socket.destroy();
  }
}

/** An address for MAIL FROM / RCPT TO: no angle brackets, spaces or line breaks can slip in. */
function address(value: string): string {
  if (!/^[^\s<>@]+@[^\s<>@]+$/.test(value)) throw new SmtpError(`not an e-mail address: ${value}`, 553);
  return value;
}

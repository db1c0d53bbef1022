/**
 * What the main thread tells the watchdog thread, in memory both share: the main thread writes,
 * the watchdog reads, even while the main thread is stuck (a message would wait for its event loop).
 *
 * Ints: a heartbeat the main loop bumps, the embedded PostgreSQL to stop, the request the main
 * thread is working on (a ticket) and how many are open; then one slot per ticket (ticket modulo
 * SLOTS) with that request's id, kept until the slot is reused SLOTS requests later.
 */
const BEAT = 0;
const POSTMASTER = 1;
const RUNNING = 2;
const IN_FLIGHT = 3;
const HEADER_INTS = 4;
const SLOTS = 1024;
/** Request ids are at most 100 characters (requestIdOf), ASCII. */
const ID_BYTES = 100;

/** Per slot: the ticket it holds, then the id's length in bytes. */
const SLOT_INTS = 2;
const encoder = new TextEncoder();

export interface RunningRequest {
  /** The request whose code the main thread was running; absent between requests or when its slot was reused. */
  requestId?: string;
  /** Requests received and not yet answered. */
  inFlight: number;
}

export class WatchdogState {
  private readonly ints: Int32Array;
  private readonly ids: Uint8Array;
  private lastTicket = 0;

  constructor(readonly buffer = new SharedArrayBuffer((HEADER_INTS + SLOTS * SLOT_INTS) * 4 + SLOTS * ID_BYTES)) {
    this.ints = new Int32Array(buffer, 0, HEADER_INTS + SLOTS * SLOT_INTS);
    this.ids = new Uint8Array(buffer, this.ints.byteLength, SLOTS * ID_BYTES);
  }

  /** Main thread: the event loop has run. */
  beat(): void {
    Atomics.add(this.ints, BEAT, 1);
  }

  beats(): number {
    return Atomics.load(this.ints, BEAT);
  }

  /** Main thread: the embedded PostgreSQL this process started (0: none, or it belongs to another process). */
  setPostmaster(pid: number): void {
    Atomics.store(this.ints, POSTMASTER, pid);
  }

  postmaster(): number {
    return Atomics.load(this.ints, POSTMASTER);
  }

  /** Main thread: a request arrives; its ticket names it in setRunning. */
  openRequest(requestId: string): number {
    const ticket = (this.lastTicket = (this.lastTicket % 0x7fff_ffff) + 1);
    const slot = ticket % SLOTS;
    const written = encoder.encodeInto(requestId, this.ids.subarray(slot * ID_BYTES, (slot + 1) * ID_BYTES)).written;
    Atomics.store(this.ints, HEADER_INTS + slot * SLOT_INTS + 1, written);
    Atomics.store(this.ints, HEADER_INTS + slot * SLOT_INTS, ticket);
    Atomics.add(this.ints, IN_FLIGHT, 1);
    return ticket;
  }

  closeRequest(): void {
    Atomics.sub(this.ints, IN_FLIGHT, 1);
  }

  /** Main thread: the code about to run belongs to this request (0: to none). */
  setRunning(ticket: number): void {
    Atomics.store(this.ints, RUNNING, ticket);
  }

  running(): RunningRequest {
    const inFlight = Atomics.load(this.ints, IN_FLIGHT);
    const ticket = Atomics.load(this.ints, RUNNING);
    const slot = ticket % SLOTS;
    if (ticket === 0 || Atomics.load(this.ints, HEADER_INTS + slot * SLOT_INTS) !== ticket) return { inFlight };
    const length = Atomics.load(this.ints, HEADER_INTS + slot * SLOT_INTS + 1);
    // Copied out: TextDecoder does not read shared memory.
    const requestId = new TextDecoder().decode(this.ids.slice(slot * ID_BYTES, slot * ID_BYTES + length));
    return { requestId, inFlight };
  }
}

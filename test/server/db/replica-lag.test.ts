import { describe, expect, it } from "vitest";
import { lsnValue, ReplicaLag, type Positions } from "../../../server/src/db/replicas/replica-health";

const standby = (received: string, replayed: string, streaming = true): Positions => ({
  standby: true,
  streaming,
  received,
  replayed,
});

describe("ReplicaLag: how far a replica is behind, from its own WAL positions", () => {
  it("reads WAL positions as 64-bit numbers", () => {
    expect(lsnValue("16/B374D848")).toBe(0x16b374d848n);
    expect(lsnValue("0/FF") < lsnValue("1/0")).toBe(true);
  });

  it("is not behind on an idle primary, however long since the last transaction replayed", () => {
    const lag = new ReplicaLag(1000);
    for (let at = 0; at <= 60_000; at += 1000) expect(lag.observe(standby("0/5000", "0/5000"), at).usable).toBe(true);
  });

  it("is behind from the first check that saw WAL it has not replayed, and well once it has", () => {
    const lag = new ReplicaLag(1000);
    expect(lag.observe(standby("0/5000", "0/4000"), 0).usable).toBe(true);
    expect(lag.observe(standby("0/9000", "0/4800"), 800).usable).toBe(true);
    expect(lag.observe(standby("0/9000", "0/4800"), 1500)).toEqual({
      usable: false,
      reason: "replay is 1500 ms behind what it received",
    });
    // 0/5000 replayed: the oldest position still waiting was seen at 800 ms.
    expect(lag.observe(standby("0/9000", "0/6000"), 1700).usable).toBe(true);
    expect(lag.observe(standby("0/9000", "0/9000"), 5000).usable).toBe(true);
  });

  it("is behind once it has not streamed from its primary for longer than the limit", () => {
    const lag = new ReplicaLag(1000);
    expect(lag.observe(standby("0/5000", "0/5000", false), 0).usable).toBe(true);
    expect(lag.observe(standby("0/5000", "0/5000", false), 1001).usable).toBe(false);
    expect(lag.observe(standby("0/5000", "0/5000", true), 1200).usable).toBe(true);
  });

  it("takes a primary named as a reader as never behind", () => {
    expect(new ReplicaLag(0).observe({ standby: false, streaming: false, received: null, replayed: null }, 0)).toEqual({
      usable: true,
    });
  });
});

/** Time, injectable so that retry and polling logic can be tested without waiting. */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/**
 * An accelerated timeline for local runs against emulators only: virtual time runs `scale` times
 * faster than the wall clock from `origin` (epoch ms). Every process given the same origin and
 * scale agrees on virtual time, so a 60 s metrics period can pass in one real second while keeping
 * the real API's period rules.
 */
export interface Timeline {
  origin: number;
  scale: number;
}

/** Test-only environment variables of the accelerated timeline (see emulatorTimeline). */
export const TIME_SCALE_ENV = 'ROLLOUT_ACTIONS_TIME_SCALE';
export const TIME_ORIGIN_ENV = 'ROLLOUT_ACTIONS_TIME_ORIGIN';

export const toVirtual = (t: Timeline, wallMs: number): number => t.origin + (wallMs - t.origin) * t.scale;
export const toWall = (t: Timeline, virtualMs: number): number => t.origin + (virtualMs - t.origin) / t.scale;

/** A clock on the timeline: now() is virtual, sleep(ms) waits ms of virtual time. */
export function scaledClock(t: Timeline): Clock {
  return {
    now: () => toVirtual(t, Date.now()),
    sleep: (ms, signal) => systemClock.sleep(ms / t.scale, signal),
  };
}

/** The timeline the environment names, or undefined when it names none (or a malformed one). */
export function timelineFromEnv(env: NodeJS.ProcessEnv): Timeline | undefined {
  const scale = Number(env[TIME_SCALE_ENV]);
  const origin = Number(env[TIME_ORIGIN_ENV]);
  if (!(scale >= 1) || !Number.isFinite(scale) || !Number.isInteger(origin) || origin <= 0) return undefined;
  return { origin, scale };
}

/** The environment that puts a child process on `t`. */
export function timelineEnv(t: Timeline): Record<string, string> {
  return { [TIME_SCALE_ENV]: String(t.scale), [TIME_ORIGIN_ENV]: String(t.origin) };
}

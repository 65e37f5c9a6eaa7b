/**
 * @module The in-process event channel: a writer publishes what it changed once its transaction has
 * committed, and the parts of the process that hold state in memory subscribe (the monitoring engine's
 * sensor cache, the alarm call loop). One channel per process, carried in ServiceDeps; it is not a
 * queue — an event reaches the subscribers of this process only, at once, and is not kept.
 */
import type { AlarmKind } from '../../shared/monitoring.enums.ts';

/** Every event the channel carries, by name, with its payload. */
export interface AppEvents {
  /** A sensor was created, edited, archived or imported: whoever holds it in memory reloads it. */
  'monitoring.sensor.changed': { sensorId: string };
  /**
   * The ingest writer committed readings that opened or raised alarms: the call loop dispatches at
   * once. (The monitoring tick runs the calls itself after its own jobs raise alarms.)
   */
  'monitoring.alarms.raised': { raised: number };
  /** An alarm was closed (auto-resolved or by hand): whoever holds it as open forgets it. */
  'monitoring.alarm.closed': { alarmId: string; sensorId: string | null; kind: AlarmKind };
  /** A setting was changed (PUT /api/settings/:key): whoever caches settings reads them again. */
  'platform.setting.changed': { key: string };
  /**
   * Other nodes' events may have been missed: this node's listening connection was lost and listens
   * again (events.bridge.ts). Whoever holds state in memory reads it again.
   */
  'platform.events.missed': Record<string, never>;
}
export type AppEventName = keyof AppEvents;

type Listener<K extends AppEventName> = (event: AppEvents[K]) => void;

/** Publish and subscribe, typed by event name. */
export interface EventChannel {
  /** Tells every subscriber of `name` now, in the order they subscribed; a failing one is reported, not thrown. */
  publish<K extends AppEventName>(name: K, event: AppEvents[K]): void;
  /** Calls `listener` on every later `name`; answers the function that unsubscribes it. */
  subscribe<K extends AppEventName>(name: K, listener: Listener<K>): () => void;
}

/** A new channel; `report` hears the errors subscribers throw (console.error unless told). */
export function createEventChannel(
  report: (msg: string, err: unknown) => void = (msg, err) => console.error(msg, err),
): EventChannel {
  const listeners = new Map<AppEventName, Set<Listener<never>>>();
  return {
    publish(name, event) {
      for (const listener of [...(listeners.get(name) ?? [])]) {
        try {
          (listener as Listener<typeof name>)(event);
        } catch (e) {
          report(`event ${name}: a subscriber failed`, e);
        }
      }
    },
    subscribe(name, listener) {
      const set = listeners.get(name) ?? new Set<Listener<never>>();
      listeners.set(name, set);
      set.add(listener);
      return () => void set.delete(listener);
    },
  };
}

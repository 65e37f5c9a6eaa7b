/** The in-process event channel: typed publish and subscribe, unsubscribing, failing subscribers. */
import { describe, expect, it } from 'vitest';
import { createEventChannel } from './events.ts';

describe('the event channel', () => {
  it('tells each subscriber of a name, in order, until it unsubscribes', () => {
    const events = createEventChannel();
    const seen: string[] = [];
    const stop = events.subscribe('monitoring.sensor.changed', (e) => seen.push(`a:${e.sensorId}`));
    events.subscribe('monitoring.sensor.changed', (e) => seen.push(`b:${e.sensorId}`));
    events.subscribe('monitoring.alarms.raised', (e) => seen.push(`raised:${e.raised}`));
    events.publish('monitoring.sensor.changed', { sensorId: 's1' });
    stop();
    events.publish('monitoring.sensor.changed', { sensorId: 's2' });
    expect(seen).toEqual(['a:s1', 'b:s1', 'b:s2']);
  });

  it('reports a failing subscriber and still tells the others', () => {
    const errors: unknown[] = [];
    const events = createEventChannel((_msg, e) => errors.push(e));
    const seen: string[] = [];
    events.subscribe('monitoring.alarm.closed', () => {
      throw new Error('boom');
    });
    events.subscribe('monitoring.alarm.closed', (e) => seen.push(e.alarmId));
    events.publish('monitoring.alarm.closed', { alarmId: 'x', sensorId: null, kind: '超限' });
    expect(seen).toEqual(['x']);
    expect(errors).toHaveLength(1);
  });
});

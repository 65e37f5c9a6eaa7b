/**
 * Sound and flash for a new red alarm on the board: a tone (unless muted; the choice is kept in this
 * browser) and a flashing row and facility tile for a while. The first load only notes what is there.
 */
import { useEffect, useRef, useState } from 'react';
import { Button, Tooltip } from 'antd';
import { MutedOutlined, SoundOutlined } from '@ant-design/icons';
import type { WarningLevel } from '../../../shared/monitoring.enums.ts';
import { useI18n } from '../../app/i18n.tsx';
import { armAlarmTone, playAlarmTone } from './tone.ts';
import { newRedAlarms, type Signalled } from './wall.ts';

const RED: readonly WarningLevel[] = ['红色'];

/** How long a new red alarm's row and tile flash. */
export const FLASH_MS = 20_000;
const MUTE_KEY = 'minewatch.alarmSound.muted';

function readMuted(): boolean {
  try {
    return window.localStorage.getItem(MUTE_KEY) === '1';
  } catch {
    return false;
  }
}

/** The mute choice, remembered in localStorage. */
export function useAlarmMute(): [boolean, (muted: boolean) => void] {
  const [muted, setMuted] = useState(readMuted);
  const set = (value: boolean) => {
    setMuted(value);
    try {
      window.localStorage.setItem(MUTE_KEY, value ? '1' : '0');
    } catch {
      // private mode: the choice lasts for this page only
    }
  };
  return [muted, set];
}

/**
 * Watches a board's alarms: returns the ids of red alarms new since the page opened, flashing for
 * FLASH_MS. `baseline` changes with the board's filters: the next data after a change is noted, not
 * signalled (alarms shown by a wider filter are not new). `data` is undefined while a new filter loads.
 */
export function useRedAlarmSignal(
  data: readonly Signalled[] | undefined,
  baseline: string,
  muted: boolean,
  enabled: boolean,
  /** The levels that sound: red on the board; red and orange calls on a duty officer's home. */
  levels: readonly WarningLevel[] = RED,
): ReadonlySet<string> {
  const seen = useRef<Set<string> | null>(null);
  const base = useRef(baseline);
  const [flashing, setFlashing] = useState<ReadonlySet<string>>(new Set());
  const timers = useRef<number[]>([]);
  useEffect(() => {
    if (enabled) {
      armAlarmTone();
    }
  }, [enabled]);
  useEffect(() => () => timers.current.forEach((t) => window.clearTimeout(t)), []);
  useEffect(() => {
    if (!enabled || !data) {
      return;
    }
    if (base.current !== baseline) {
      base.current = baseline;
      seen.current = newRedAlarms(seen.current, data, levels).seen;
      return;
    }
    const { seen: next, fresh } = newRedAlarms(seen.current, data, levels);
    seen.current = next;
    if (fresh.length === 0) {
      return;
    }
    if (!muted) {
      playAlarmTone();
    }
    setFlashing((old) => new Set([...old, ...fresh]));
    timers.current.push(
      window.setTimeout(
        () => setFlashing((old) => new Set([...old].filter((id) => !fresh.includes(id)))),
        FLASH_MS,
      ),
    );
    // muted is read when a new alarm arrives; toggling it does not run the detection again
  }, [data, baseline, enabled, levels]);
  return flashing;
}

/** The mute toggle of the board's tone. */
export function SoundToggle({
  muted,
  onChange,
}: {
  muted: boolean;
  onChange: (m: boolean) => void;
}) {
  const { t } = useI18n();
  const label = muted ? t('monitoring.soundOff') : t('monitoring.soundOn');
  return (
    <Tooltip title={t('monitoring.soundHint')}>
      <Button
        icon={muted ? <MutedOutlined /> : <SoundOutlined />}
        aria-pressed={!muted}
        onClick={() => onChange(!muted)}
        data-testid="alarm-sound"
      >
        {label}
      </Button>
    </Tooltip>
  );
}

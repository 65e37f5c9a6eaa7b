/**
 * A short alarm tone from a Web Audio oscillator (no sound file). Browsers refuse to start audio before
 * the user has touched the page: the context is created or resumed on the first click or key press, and
 * a tone due before that is skipped silently (the flash still shows).
 */

type AudioContextClass = typeof AudioContext;

let context: AudioContext | null = null;
let armed = false;

function audioClass(): AudioContextClass | undefined {
  const w = window as unknown as {
    AudioContext?: AudioContextClass;
    webkitAudioContext?: AudioContextClass;
  };
  return w.AudioContext ?? w.webkitAudioContext;
}

/** Whether the page has had a user gesture (where the browser does not say, assume not). */
function activated(): boolean {
  const activation = (navigator as { userActivation?: { hasBeenActive: boolean } }).userActivation;
  return context !== null || activation?.hasBeenActive === true;
}

function ensureContext(): AudioContext | null {
  if (!context) {
    const Ctx = audioClass();
    if (!Ctx) {
      return null;
    }
    try {
      context = new Ctx();
    } catch {
      return null;
    }
  }
  if (context.state === 'suspended') {
    context.resume().catch(() => undefined);
  }
  return context;
}

/** Listens once for the first user gesture and readies the audio then. */
export function armAlarmTone(): void {
  if (armed || typeof window === 'undefined') {
    return;
  }
  armed = true;
  const unlock = () => {
    window.removeEventListener('pointerdown', unlock, true);
    window.removeEventListener('keydown', unlock, true);
    ensureContext();
  };
  window.addEventListener('pointerdown', unlock, true);
  window.addEventListener('keydown', unlock, true);
}

/** Plays two short high beeps; false when the browser does not allow audio yet. */
export function playAlarmTone(): boolean {
  if (!activated()) {
    return false;
  }
  const ctx = ensureContext();
  if (!ctx) {
    return false;
  }
  const start = ctx.currentTime;
  for (const offset of [0, 0.3]) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'square';
    osc.frequency.value = 880;
    gain.gain.setValueAtTime(0.15, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.001, start + offset + 0.25);
    osc.connect(gain);
    gain.connect(ctx.destination);
    osc.start(start + offset);
    osc.stop(start + offset + 0.25);
  }
  return true;
}

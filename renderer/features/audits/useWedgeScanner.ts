import { useEffect, useRef } from 'react';
import { EMPTY_WEDGE, wedgeStep, type WedgeState } from '../../../shared/domain/scan';

/** A text field owns its keys: the detector never takes them (nor their Enter). */
export function isEditableTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file', 'image'].includes(
    type,
  );
}

/**
 * Listens for keyboard-wedge scanner bursts anywhere on the page while `enabled`. Runs in the
 * capture phase on window, before the app's single-key shortcuts: characters typed outside a
 * text field are held (no shortcut fires mid-code), and the Enter that closes a burst is
 * consumed. Keys in text fields are never touched. `onBurst` gets the code and the Enter's
 * timestamp (for measuring how fast the result shows).
 */
export function useWedgeScanner(enabled: boolean, onBurst: (text: string, at: number) => void): void {
  const handler = useRef(onBurst);
  useEffect(() => {
    handler.current = onBurst;
  }, [onBurst]);
  useEffect(() => {
    if (!enabled) return;
    let state: WedgeState = EMPTY_WEDGE;
    const onKey = (event: KeyboardEvent) => {
      if (event.isComposing) return;
      const step = wedgeStep(state, {
        key: event.key,
        time: event.timeStamp,
        editable: isEditableTarget(event.target),
        modified: event.ctrlKey || event.metaKey || event.altKey,
      });
      state = step.state;
      const action = step.action;
      if (action.kind === 'hold') event.stopPropagation();
      else if (action.kind === 'burst') {
        event.preventDefault();
        event.stopPropagation();
        handler.current(action.text, event.timeStamp);
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [enabled]);
}

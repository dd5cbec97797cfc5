/** Presence commands from the window: always `source: 'window'`, straight to the controller. */
import type { Until } from '../../control/types.ts';
import type { AreaHandlers, IpcController } from './types.ts';

const untilOpt = (until: Until | undefined): { until?: Until } => (until === undefined ? {} : { until });

/** getState, setPresence, clearPresence, setStatusMessage, clearStatusMessage, pauseSchedule, resumeSchedule. */
export function presenceHandlers(controller: IpcController): AreaHandlers<
  'getState' | 'setPresence' | 'clearPresence' | 'setStatusMessage' | 'clearStatusMessage' | 'pauseSchedule' | 'resumeSchedule'
> {
  const source = 'window' as const;
  return {
    getState: () => controller.state(),
    setPresence: (r) => controller.set(r.presence, { ...untilOpt(r.until), source }),
    clearPresence: () => controller.clear({ source }),
    setStatusMessage: (r) => controller.setStatusMessage(r.text.trim(), { ...untilOpt(r.until), source }),
    clearStatusMessage: () => controller.clearStatusMessage({ source }),
    pauseSchedule: (r) => controller.pauseSchedule(untilOpt(r.until)),
    resumeSchedule: () => controller.resumeSchedule(),
  };
}

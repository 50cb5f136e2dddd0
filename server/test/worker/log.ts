import type { WorkerLog } from '../../src/worker/index.js';

export type LogLine = { level: keyof WorkerLog; obj: object; msg: string | undefined };

/** A logger that keeps its lines, for assertions; `echo` also prints them (debugging). */
export function memoryLog(echo = false): WorkerLog & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at =
    (level: keyof WorkerLog) =>
    (obj: object, msg?: string): void => {
      lines.push({ level, obj, msg });
      if (echo) console.log(level, msg, JSON.stringify(obj));
    };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

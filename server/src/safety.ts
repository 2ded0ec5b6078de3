/**
 * Keeping the server alive: every handler runs through `guard`, which logs an exception
 * (message and stack only, never document text) and answers with an empty result instead.
 */
import type { Logger } from './service/types';

export function errorText(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  try {
    return String(error);
  } catch {
    return 'unknown error';
  }
}

/** Wraps a (sync or async) handler: a throw or rejection is logged and `fallback()` returned. */
export function guard<A extends unknown[], R>(logger: Logger, name: string, fallback: () => R, handler: (...args: A) => R | Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (error) {
      logger.error(`${name} failed`, error);
      return fallback();
    }
  };
}

/** Same for notification handlers, which answer nothing. */
export function guardVoid<A extends unknown[]>(logger: Logger, name: string, handler: (...args: A) => void | Promise<void>): (...args: A) => void {
  return (...args: A) => {
    try {
      const r = handler(...args);
      if (r && typeof (r as Promise<void>).catch === 'function') (r as Promise<void>).catch((error) => logger.error(`${name} failed`, error));
    } catch (error) {
      logger.error(`${name} failed`, error);
    }
  };
}

/** Process-level last resort: log and keep running. */
export function installProcessHandlers(logger: Logger): void {
  process.on('uncaughtException', (error) => logger.error('uncaught exception', error));
  process.on('unhandledRejection', (reason) => logger.error('unhandled rejection', reason));
}

/** The CLI's version: package.json's, put in by the build (scripts/build.mjs `define`); `0.0.0-dev` unbundled. */
declare const POSTMORTEM_VERSION: string | undefined;
export const VERSION = typeof POSTMORTEM_VERSION === 'string' ? POSTMORTEM_VERSION : '0.0.0-dev';

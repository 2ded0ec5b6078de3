/** Every sub-command of `postmortem`, in the order `--help` lists them. One file per command. */
import type { CliCommand } from '../context';
import { ticketsCommand } from './tickets';

export const COMMANDS: CliCommand[] = [ticketsCommand];

/** Every sub-command of `postmortem`, in the order `--help` lists them. One file per command. */
import type { CliCommand } from '../context';
import { checkCommand } from './check';
import { metricsCommand } from './metrics';
import { modelCommand } from './model';
import { ticketsCommand } from './tickets';
import { importCommand } from './import';

export const COMMANDS: CliCommand[] = [checkCommand, metricsCommand, modelCommand, ticketsCommand, importCommand];

import { pjlinkSimulator } from '../pjlink/pjlink-simulator.js';
import { viscaSerialSimulator } from '../visca/visca-serial-simulator.js';
import { viscaIpSimulator } from '../visca/visca-ip-simulator.js';
import { onvifSimulator } from '../onvif/onvif-simulator.js';
import { shureMxaSimulator } from '../shure-mxa/shure-mxa-simulator.js';
import { tesiraSimulator } from '../biamp-tesira/tesira-simulator.js';
import { qsysSimulator } from '../qsys-qrc/qsys-simulator.js';
import { mdcSimulator } from '../samsung-mdc/mdc-simulator.js';
import { lgSimulator } from '../lg-serial/lg-simulator.js';
import { braviaSimulator } from '../sony-bravia/bravia-simulator.js';
import type { SimulatorDefinition } from './simulator.js';

/** Every simulator `roomctl sim DRIVER` can run; one per driver. */
export const SIMULATORS: readonly SimulatorDefinition[] = [viscaSerialSimulator, pjlinkSimulator, viscaIpSimulator, onvifSimulator, shureMxaSimulator, tesiraSimulator, qsysSimulator, mdcSimulator, lgSimulator, braviaSimulator];

export function findSimulator(driver: string): SimulatorDefinition | undefined {
  return SIMULATORS.find((s) => s.driver === driver);
}
